import type { Database } from "../../db/client";
import type { Language } from "../i18n/config";
import { catalogueIndexOf, searchInformationEntries, tallyOf, type CatalogueTally } from "./catalogue-index.server";
import type { InformationEntry } from "./entries.server";
import { entrySearchOf, integratedEntries, rankIntegrated, searchTerms, type CatalogueFilters, type IntegratedEntry } from "./listing";
import { TERM_WEIGHTS } from "./search";
import { publicationsOf } from "./publication.server";
import type { ServiceDefinition, Text } from "./types";
import type { CategoryId } from "./taxonomy";
import { compareText } from "../i18n/format";

// One page of the catalogue's search. Browsing, the integrated services come first, then the
// information entries in their listed order. Searching, the best fitting come first: those whose
// titles hold the words before those whose texts do, an integrated service lifted above an entry
// that fits as well (then by title in the reader's language, or in the entries' listed order).

export interface ListedEntry {
  id: string;
  kind: "integrated" | "information";
  agency: string;
  category: CategoryId;
  title: Text;
  summary: Text;
  isPaused: boolean;
}

export async function searchCatalogue(
  db: Database,
  input: {
    services: readonly ServiceDefinition[];
    agencies: ReadonlyMap<string, { nameAr: string; nameEn: string }>;
    filters: CatalogueFilters;
    lang: Language;
    page: { offset: number; limit: number };
  },
): Promise<{ entries: ListedEntry[]; total: number }> {
  const { filters, lang, page } = input;
  const terms = searchTerms(filters.q, input.agencies);
  const publications = await publicationsOf(
    db,
    input.services.map((service) => service.id),
  );
  const integrated = rankIntegrated(integratedEntries(input.services, publications), filters, terms)
    .map(({ entry, score }) => ({ ...entry, kind: "integrated" as const, score: score + TERM_WEIGHTS.integrated }))
    .sort((a, b) => b.score - a.score || compareText(a.title[lang], b.title[lang], lang));
  const search = entrySearchOf(filters, terms);
  if (terms.length === 0) {
    // Browsing: every entry fits alike, so the integrated services come first and the entries in their listed order.
    const fromIntegrated = integrated.slice(page.offset, page.offset + page.limit);
    const information = search
      ? await searchInformationEntries(db, search, { offset: Math.max(0, page.offset - integrated.length), limit: page.limit - fromIntegrated.length })
      : { entries: [], total: 0 };
    return { total: integrated.length + information.total, entries: [...fromIntegrated.map(listed), ...information.entries.map(listedInformation)] };
  }
  // Searching: the two ranked lists merged by how well each fits, an integrated service first among equals.
  const information = search ? await searchInformationEntries(db, search, { offset: 0, limit: page.offset + page.limit }) : { entries: [], total: 0 };
  const merged: ListedEntry[] = [];
  for (let i = 0, j = 0; merged.length < page.offset + page.limit && (i < integrated.length || j < information.entries.length);) {
    const next = information.entries[j];
    if (i < integrated.length && (!next || integrated[i]!.score >= next.score)) merged.push(listed(integrated[i++]!));
    else merged.push(listedInformation(information.entries[j++]!));
  }
  return { total: integrated.length + information.total, entries: merged.slice(page.offset) };
}

const listed = ({ score: _score, ...entry }: IntegratedEntry & { kind: "integrated"; score: number }): ListedEntry => entry;
const listedInformation = ({ score: _score, ...entry }: InformationEntry & { score?: number }): ListedEntry => ({
  ...entry,
  kind: "information",
  isPaused: false,
});

/** How many services each life event and each category gathers: the integrated services and the information entries on offer. */
export async function catalogueTally(db: Database, services: readonly ServiceDefinition[]): Promise<CatalogueTally> {
  const [index, publications] = await Promise.all([
    catalogueIndexOf(db),
    publicationsOf(
      db,
      services.map((service) => service.id),
    ),
  ]);
  const integrated = tallyOf(integratedEntries(services, publications));
  const sum = <K extends string>(a: Partial<Record<K, number>>, b: Partial<Record<K, number>>) => {
    const total: Partial<Record<K, number>> = { ...a };
    for (const [key, count] of Object.entries(b) as [K, number][]) total[key] = (total[key] ?? 0) + count;
    return total;
  };
  return { events: sum(index.tally.events, integrated.events), categories: sum(index.tally.categories, integrated.categories) };
}
