import type { Database } from "../../db/client";
import type { Language } from "../i18n/config";
import { searchInformationEntries } from "./entries.server";
import { entrySearchOf, integratedEntries, matchesIntegrated, searchTerms, type CatalogueFilters } from "./listing";
import { publicationsOf } from "./publication.server";
import type { ServiceDefinition, Text } from "./types";
import type { CategoryId } from "./taxonomy";

// One page of the catalogue's search: the integrated services that match come first (by title in
// the reader's language), then the information entries in their listed order.

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
  const integrated = integratedEntries(input.services, publications)
    .filter((entry) => matchesIntegrated(entry, filters, terms))
    .sort((a, b) => a.title[lang].localeCompare(b.title[lang], lang));
  const fromIntegrated = integrated.slice(page.offset, page.offset + page.limit);
  const search = entrySearchOf(filters, terms);
  const information = search
    ? await searchInformationEntries(db, search, {
        offset: Math.max(0, page.offset - integrated.length),
        limit: page.limit - fromIntegrated.length,
      })
    : { entries: [], total: 0 };
  return {
    total: integrated.length + information.total,
    entries: [
      ...fromIntegrated.map((entry) => ({ ...entry, kind: "integrated" as const })),
      ...information.entries.map((entry) => ({ ...entry, kind: "information" as const, isPaused: false })),
    ],
  };
}
