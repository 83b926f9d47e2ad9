import { asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { catalogueEntries, catalogueRevision } from "../../db/schema";
import type { EntrySearch } from "./entry";
import { informationEntryOf, type InformationEntry } from "./entries.server";
import type { CategoryId, LifeEventId } from "./taxonomy";
import { rankEntries, textIndexOf, type TextIndex } from "./ranking";

// The information entries on offer, indexed in memory for the public search: each word of their
// texts, and its stem and root (app/catalogue/search.ts), to the entries that hold it, the titles
// apart for ranking. Built once per revision of the entries (a trigger gives every write a new
// one, whoever makes it) and kept per process; a search reads the revision, one row, and uses the
// index of that revision, building it first if this process has not.

export interface CatalogueIndex {
  revision: string;
  /** In their listed order (position, id). */
  entries: InformationEntry[];
  index: TextIndex;
  /** How many entries each life event and each category gathers. */
  tally: CatalogueTally;
}

export interface CatalogueTally {
  events: Partial<Record<LifeEventId, number>>;
  categories: Partial<Record<CategoryId, number>>;
}

/** How many of the entries each life event and each category gathers. */
export function tallyOf(entries: readonly { category: CategoryId; lifeEvents: readonly LifeEventId[] }[]): CatalogueTally {
  const tally: CatalogueTally = { events: {}, categories: {} };
  for (const entry of entries) {
    tally.categories[entry.category] = (tally.categories[entry.category] ?? 0) + 1;
    for (const event of entry.lifeEvents) tally.events[event] = (tally.events[event] ?? 0) + 1;
  }
  return tally;
}

export function buildCatalogueIndex(revision: string, entries: InformationEntry[]): CatalogueIndex {
  return {
    revision,
    entries,
    index: textIndexOf(entries),
    tally: tallyOf(entries),
  };
}

/** One page of the entries that match, the best fitting first, then in their listed order; with how many match in all. */
export function searchIndex(
  index: CatalogueIndex,
  search: EntrySearch,
  page: { offset: number; limit: number },
): { entries: (InformationEntry & { score: number })[]; total: number } {
  const fits = (entry: InformationEntry) =>
    (!search.agency || entry.agency === search.agency) &&
    (!search.category || entry.category === search.category) &&
    (!search.event || entry.lifeEvents.includes(search.event as InformationEntry["lifeEvents"][number])) &&
    (!search.channel || entry.channels.includes(search.channel));
  const scored = rankEntries(index.entries, index.index, search.terms, fits);
  return {
    total: scored.length,
    entries: scored.slice(page.offset, page.offset + Math.max(0, page.limit)).map(({ at, score }) => ({ ...index.entries[at]!, score })),
  };
}

// ---- Kept per process, per revision --------------------------------------------------------------

const KEPT = 4;
const built = new Map<string, Promise<CatalogueIndex>>();

/** The revision of the information entries the database holds now (as the caller's transaction sees it). */
export async function catalogueRevisionOf(db: Database): Promise<string> {
  const [row] = await db.select({ revision: catalogueRevision.revision }).from(catalogueRevision).where(eq(catalogueRevision.id, 1));
  return row?.revision ?? "none";
}

/** One page of the entries offered that match, the best fitting first (then in their listed order), with how many match in all. */
export async function searchInformationEntries(db: Database, search: EntrySearch, page: { offset: number; limit: number }) {
  return searchIndex(await catalogueIndexOf(db), search, page);
}

/** The index of the entries as they are now: this process's, or built from the database. */
export async function catalogueIndexOf(db: Database): Promise<CatalogueIndex> {
  const revision = await catalogueRevisionOf(db);
  let index = built.get(revision);
  if (!index) {
    index = db
      .select()
      .from(catalogueEntries)
      .where(isNull(catalogueEntries.retiredAt))
      .orderBy(asc(catalogueEntries.position), asc(catalogueEntries.id))
      .then((rows) => buildCatalogueIndex(revision, rows.map(informationEntryOf)));
    built.set(revision, index);
    index.catch(() => built.delete(revision));
    while (built.size > KEPT) built.delete(built.keys().next().value!);
  }
  return index;
}
