import type { AgencyChannel, EntrySearch, SearchTerm } from "./entry";
import { matchesTerm, normaliseForSearch, queryTerms, searchIndexOf, searchKeysOf, TERM_WEIGHTS, type QueryTerm } from "./search";
import { categories, isCategory, isLifeEvent, lifeEvents, type CategoryId, type LifeEventId } from "./taxonomy";
import type { ServiceDefinition, Text } from "./types";

// The catalogue as people browse it: the integrated services (applied for here) and the
// information-only entries (a description and the agency's link, kept in the database), searched
// and filtered alike. The integrated services are few and matched here; the entries are matched
// by the database (entries.server.ts) with the same terms.

/** Where a service can be had: applied for in Nafitha online or at a kiosk, or from the agency itself. */
export const entryChannels = ["nafitha", "kiosk", "agency-online", "agency-app", "counter"] as const;
export type EntryChannel = (typeof entryChannels)[number];

const agencyChannelOf: Partial<Record<EntryChannel, AgencyChannel>> = { "agency-online": "online", "agency-app": "app", counter: "counter" };
export const entryChannelOf: Record<AgencyChannel, EntryChannel> = { online: "agency-online", app: "agency-app", counter: "counter" };

export interface CatalogueFilters {
  q: string;
  agency: string | null;
  category: CategoryId | null;
  event: LifeEventId | null;
  channel: EntryChannel | null;
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

/** An integrated service as the catalogue lists it. */
export interface IntegratedEntry {
  id: string;
  agency: string;
  category: CategoryId;
  lifeEvents: LifeEventId[];
  /** The channels it is offered on: those it was withdrawn from are left out. */
  channels: ("nafitha" | "kiosk")[];
  title: Text;
  summary: Text;
  /** Paused on the web, where the catalogue is browsed: listed, with a word that it is unavailable for now. */
  isPaused: boolean;
}

type ChannelStates = Record<"web" | "kiosk", { state: "published" | "paused" | "withdrawn" }>;

/** The integrated services on offer on at least one channel. */
export function integratedEntries(services: readonly ServiceDefinition[], publications: ReadonlyMap<string, ChannelStates>): IntegratedEntry[] {
  return services.flatMap((service) => {
    const states = publications.get(service.id);
    const offered = service.channels.filter((channel) => states?.[channel].state !== "withdrawn");
    if (offered.length === 0) return [];
    return [
      {
        id: service.id,
        agency: service.agency,
        category: service.category as CategoryId,
        lifeEvents: service.lifeEvents as LifeEventId[],
        channels: offered.map((channel) => (channel === "web" ? "nafitha" : "kiosk")),
        title: service.title,
        summary: service.summary,
        isPaused: states?.web.state === "paused",
      },
    ];
  });
}

type AgencyNames = ReadonlyMap<string, { nameAr: string; nameEn: string }>;

/** A name (an agency's, a category's) as search reads it: its words and their keys. */
const indexedName = (ar: string, en: string) => {
  const normalised = normaliseForSearch(`${ar} ${en}`);
  return `${normalised} |${searchKeysOf(normalised)}`;
};

const labelsMatching = <K extends string>(labels: Record<K, Text>, term: QueryTerm): K[] =>
  (Object.keys(labels) as K[]).filter((id) => matchesTerm(indexedName(labels[id].ar, labels[id].en), term));

/** The words of a query, each with the agencies, categories and life events whose names hold it. */
export function searchTerms(query: string, agencies: AgencyNames): SearchTerm[] {
  const agencyTexts = [...agencies].map(([id, agency]) => [id, indexedName(agency.nameAr, agency.nameEn)] as const);
  return queryTerms(query).map((term) => ({
    ...term,
    agencies: agencyTexts.filter(([, text]) => matchesTerm(text, term)).map(([id]) => id),
    categories: labelsMatching(categories, term),
    lifeEvents: labelsMatching(lifeEvents, term),
  }));
}

/** Whether a term names an entry's agency, category or one of its life events. */
const namesKindOf = (entry: { agency: string; category: string; lifeEvents: readonly string[] }, term: SearchTerm) =>
  term.agencies.includes(entry.agency) || term.categories.includes(entry.category) || entry.lifeEvents.some((event) => term.lifeEvents.includes(event));

/**
 * How well an integrated service fits the terms, or null when one of them is in none of its texts
 * and names neither its agency nor its kind. In the title counts most (the same weights rank the
 * information entries in the database).
 */
export function integratedScore(entry: IntegratedEntry, filters: CatalogueFilters, terms: readonly SearchTerm[]): number | null {
  if (filters.agency && entry.agency !== filters.agency) return null;
  if (filters.category && entry.category !== filters.category) return null;
  if (filters.event && !entry.lifeEvents.includes(filters.event)) return null;
  if (filters.channel && !(entry.channels as EntryChannel[]).includes(filters.channel)) return null;
  const index = searchIndexOf({ titleAr: entry.title.ar, titleEn: entry.title.en, summaryAr: entry.summary.ar, summaryEn: entry.summary.en });
  let score = 0;
  for (const term of terms) {
    if (matchesTerm(index.titleText, term)) score += TERM_WEIGHTS.title;
    else if (matchesTerm(index.searchText, term)) score += TERM_WEIGHTS.text;
    else if (namesKindOf(entry, term)) score += TERM_WEIGHTS.taxonomy;
    else return null;
  }
  return score;
}

/** Whether an integrated service matches the filters and every term (in its texts, its agency's names or its taxonomy). */
export function matchesIntegrated(entry: IntegratedEntry, filters: CatalogueFilters, terms: readonly SearchTerm[]): boolean {
  return integratedScore(entry, filters, terms) !== null;
}

/** What the database is asked for the information entries; null when the channel is one of Nafitha's own (they have none). */
export function entrySearchOf(filters: CatalogueFilters, terms: readonly SearchTerm[]): EntrySearch | null {
  if (filters.channel && !agencyChannelOf[filters.channel]) return null;
  return {
    terms,
    agency: filters.agency,
    category: filters.category,
    event: filters.event,
    channel: filters.channel ? agencyChannelOf[filters.channel]! : null,
  };
}
