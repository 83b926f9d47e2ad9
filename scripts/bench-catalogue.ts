// npm run bench:catalogue — the public catalogue's search and browsing at 1,000 and 10,000
// information entries: the demo catalogue, then ten times as many (its entries again under other
// codes). Each search (a page of 20 and the count of all that match, ranked) is timed warm, median
// and p95, from the index kept per revision of the entries (catalogue-index.server.ts: one row read
// per request; the index's build after a change is timed apart), beside the way the catalogue was
// searched before it was data: every entry's texts normalised and matched on each request. On PGlite in memory by default; on PostgreSQL with DATABASE_URL,
// all in one transaction that is rolled back: the database's own catalogue is left as it was.
import { openBenchDatabase, reportFigures, timeWarm, type BenchFigure } from "./bench-support";
import { sql } from "drizzle-orm";
import { catalogueIndexOf } from "../app/catalogue/catalogue-index.server";
import { searchCatalogue } from "../app/catalogue/catalogue-search.server";
import { insertInformationEntries } from "../app/catalogue/entries.server";
import type { EntryData } from "../app/catalogue/entry";
import type { CatalogueFilters } from "../app/catalogue/listing";
import { normaliseForSearch, queryTerms } from "../app/catalogue/search";
import { integratedServices } from "../app/catalogue/services";
import { demoCatalogue } from "../db/seed/catalogue";
import { demoAgencies } from "../db/seed/demo-agencies";
import { ensureAgency } from "../db/seed/factories";

const RUNS = 30;
const SIZES = [1_000, 10_000];

const none: CatalogueFilters = { q: "", agency: null, category: null, event: null, channel: null };
const cases: [string, Partial<CatalogueFilters>, number][] = [
  ["browse, first page", {}, 0],
  ["browse, page 20", {}, 380],
  ["search «تجديد رخصه»", { q: "تجديد رخصه" }, 0],
  ["search «رخصة» (by its root)", { q: "رخصة" }, 0],
  ["search “renewal” (by its stem)", { q: "renewal" }, 0],
  ["search «شهادة», page 5", { q: "شهادة" }, 80],
  ["search “renew licence”", { q: "renew licence" }, 0],
  ["search by agency name «الجمارك»", { q: "الجمارك" }, 0],
  ["agency + category", { agency: "moi", category: "transport" }, 0],
  ["life event + channel", { event: "new-home", channel: "counter" }, 0],
  ["search that finds nothing", { q: "لا شيء يطابق هذا" }, 0],
];

const timed = (run: () => Promise<unknown> | unknown) => timeWarm(run, RUNS);

const entryData = (entry: ReturnType<typeof demoCatalogue>[number], suffix: string): EntryData => ({
  id: `${entry.id}${suffix}`,
  agency: entry.agency,
  category: entry.category as EntryData["category"],
  lifeEvents: entry.lifeEvents as EntryData["lifeEvents"],
  channels: entry.channels as EntryData["channels"],
  titleAr: entry.title.ar,
  titleEn: entry.title.en,
  summaryAr: entry.summary.ar,
  summaryEn: entry.summary.en,
  url: entry.url,
});

const handle = await openBenchDatabase();
const figures: BenchFigure[] = [];
const ROLLED_BACK = Symbol("rolled back");
try {
  await handle.db.transaction(async (db) => {
    await db.execute(sql`delete from catalogue_entries`);
    for (const agency of demoAgencies) await ensureAgency(db, agency);
    const agencies = new Map(demoAgencies.map((agency) => [agency.id, agency]));
    const demo = demoCatalogue();
    const all: EntryData[] = [];
    console.log(
      `bench:catalogue on ${handle.driver}: ${integratedServices.length} integrated services and the information entries, a page of 20 with its count`,
    );
    for (const size of SIZES) {
      const now = new Date();
      while (all.length < size) {
        const round = Math.floor(all.length / demo.length);
        const batch = demo.slice(0, size - all.length).map((entry) => entryData(entry, round ? `-r${round}` : ""));
        for (let i = 0; i < batch.length; i += 500)
          await insertInformationEntries(
            db,
            batch.slice(i, i + 500).map((entry, index) => ({ entry, position: (all.length + i + index + 1) * 10 })),
            now,
          );
        all.push(...batch);
      }
      await db.execute(sql`analyze catalogue_entries`);
      const building = performance.now();
      await catalogueIndexOf(db);
      console.log(`  ${all.length.toLocaleString("en")} entries (index built in ${(performance.now() - building).toFixed(0)} ms after the change)`);
      console.log(`    ${"".padEnd(34)} indexed (median   p95)   every request, as before (median   p95)`);
      for (const [name, filters, offset] of cases) {
        const wanted = { ...none, ...filters };
        const database = await timed(() =>
          searchCatalogue(db, { services: integratedServices, agencies, filters: wanted, lang: "ar", page: { offset, limit: 20 } }),
        );
        // The baseline: every entry's texts normalised again on each request and scanned for the words as typed.
        const memory = await timed(() => {
          const terms = queryTerms(wanted.q);
          const found = all.filter((entry) => {
            if ((wanted.agency && entry.agency !== wanted.agency) || (wanted.category && entry.category !== wanted.category)) return false;
            if (wanted.event && !entry.lifeEvents.includes(wanted.event)) return false;
            const text = normaliseForSearch([entry.titleAr, entry.titleEn, entry.summaryAr, entry.summaryEn].join(" "));
            return terms.every((term) => text.includes(term.term));
          });
          return found.sort((a, b) => a.titleAr.localeCompare(b.titleAr, "ar")).slice(offset, offset + 20);
        });
        figures.push({
          figure: `${name} at ${all.length.toLocaleString("en")} entries, p95`,
          value: database.p95,
          unit: "ms",
          baseline: { label: "texts normalised per request", value: memory.p95 },
        });
        console.log(
          `    ${name.padEnd(34)} ${database.median.toFixed(1).padStart(7)} ms ${database.p95.toFixed(1).padStart(6)} ms   ${memory.median.toFixed(1).padStart(9)} ms ${memory.p95.toFixed(1).padStart(6)} ms`,
        );
      }
    }
    throw ROLLED_BACK;
  });
} catch (error) {
  if (error !== ROLLED_BACK) throw error;
  reportFigures("catalogue", figures, { driver: handle.driver });
} finally {
  await handle.close();
}
