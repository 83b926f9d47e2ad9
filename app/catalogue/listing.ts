import { informationEntries } from "./information";
import { integratedServices } from "./services";
import { matchesTerms, normaliseForSearch, queryTerms } from "./search";
import { categories, isCategory, isLifeEvent, lifeEvents, type CategoryId, type LifeEventId } from "./taxonomy";
import type { ServiceDefinition, Text } from "./types";

// The catalogue as people browse it: the integrated services (applied for here) and the
// information-only entries (a description and the agency's link), searched and filtered alike.

/** Where a service can be had: applied for in Nafitha online or at a kiosk, or from the agency itself. */
export const entryChannels = ["nafitha", "kiosk", "agency-online", "agency-app", "counter"] as const;
export type EntryChannel = (typeof entryChannels)[number];

export interface CatalogueEntry {
  id: string;
  kind: "integrated" | "information";
  agency: string;
  category: CategoryId;
  lifeEvents: LifeEventId[];
  channels: EntryChannel[];
  title: Text;
  summary: Text;
  /** The agency's own page of an information-only entry. */
  url: string | null;
}

export interface CatalogueFilters {
  q: string;
  agency: string | null;
  category: CategoryId | null;
  event: LifeEventId | null;
  channel: EntryChannel | null;
}

const entryOfService = (service: ServiceDefinition): CatalogueEntry => ({
  id: service.id,
  kind: "integrated",
  agency: service.agency,
  category: service.category as CategoryId,
  lifeEvents: service.lifeEvents as LifeEventId[],
  channels: service.channels.map((channel) => (channel === "web" ? "nafitha" : "kiosk")),
  title: service.title,
  summary: service.summary,
  url: null,
});

const channelOfAgency = { online: "agency-online", app: "agency-app", counter: "counter" } as const;

export function catalogueEntries(services: readonly ServiceDefinition[] = integratedServices): CatalogueEntry[] {
  return [
    ...services.map(entryOfService),
    ...informationEntries.map((entry) => ({
      ...entry,
      kind: "information" as const,
      lifeEvents: [...entry.lifeEvents],
      channels: entry.channels.map((channel) => channelOfAgency[channel]),
    })),
  ];
}

/** Reads the filters from a query string, ignoring values that name nothing. */
export function parseFilters(params: URLSearchParams, agencyIds: ReadonlySet<string>): CatalogueFilters {
  const pick = <T extends string>(name: string, isValid: (value: string) => value is T): T | null => {
    const value = params.get(name);
    return value && isValid(value) ? value : null;
  };
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    agency: pick("agency", (value): value is string => agencyIds.has(value)),
    category: pick("category", isCategory),
    event: pick("event", isLifeEvent),
    channel: pick("channel", (value): value is EntryChannel => (entryChannels as readonly string[]).includes(value)),
  };
}

type AgencyNames = ReadonlyMap<string, { nameAr: string; nameEn: string }>;

/** What a search reads of an entry: its texts in both languages, its agency's names, its category and life events. */
function searchableText(entry: CatalogueEntry, agencies: AgencyNames): string {
  const agency = agencies.get(entry.agency);
  return normaliseForSearch(
    [
      entry.title.ar,
      entry.title.en,
      entry.summary.ar,
      entry.summary.en,
      agency?.nameAr ?? "",
      agency?.nameEn ?? "",
      categories[entry.category].ar,
      categories[entry.category].en,
      ...entry.lifeEvents.flatMap((event) => [lifeEvents[event].ar, lifeEvents[event].en]),
    ].join(" "),
  );
}

/** The entries that match, integrated services first, then by title in the reader's language. */
export function searchCatalogue(entries: readonly CatalogueEntry[], agencies: AgencyNames, filters: CatalogueFilters, language: "ar" | "en"): CatalogueEntry[] {
  const terms = queryTerms(filters.q);
  return entries
    .filter(
      (entry) =>
        (!filters.agency || entry.agency === filters.agency) &&
        (!filters.category || entry.category === filters.category) &&
        (!filters.event || entry.lifeEvents.includes(filters.event)) &&
        (!filters.channel || entry.channels.includes(filters.channel)) &&
        matchesTerms(searchableText(entry, agencies), terms),
    )
    .sort((a, b) => (a.kind === b.kind ? a.title[language].localeCompare(b.title[language], language) : a.kind === "integrated" ? -1 : 1));
}
