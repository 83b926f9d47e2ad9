import type { AgencyChannel, EntrySearch, SearchTerm } from "./entry";
import { labelPostingsOf, labelsHolding, rankEntries, textIndexOf } from "./ranking";
import { queryTerms } from "./search";
import { categories, isCategory, isLifeEvent, lifeEvents, type CategoryId, type LifeEventId } from "./taxonomy";
import type { ServiceDefinition, Text } from "./types";

// The catalogue as people browse it: the integrated services (applied for here) and the
// information-only entries (a description and the agency's link, kept in the database), searched
// and filtered alike, and ranked the same way (ranking.ts): the integrated services here, the
// entries in their index (catalogue-index.server.ts).

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

const categoryLabels = Object.entries(categories) as [CategoryId, Text][];
const lifeEventLabels = Object.entries(lifeEvents) as [LifeEventId, Text][];
const categoryPostings = labelPostingsOf(categoryLabels);
const lifeEventPostings = labelPostingsOf(lifeEventLabels);

/**
 * What a search is made of that changes only when its texts do, made once and kept while they stay
 * the same: the texts are compared on each use (a few dozen strings), never normalised again.
 */
function keptWhileSame<T>(make: (texts: readonly string[]) => T): (texts: readonly string[]) => T {
  let kept: { texts: readonly string[]; value: T } | null = null;
  return (texts) => {
    if (!kept || kept.texts.length !== texts.length || kept.texts.some((text, i) => text !== texts[i])) kept = { texts, value: make(texts) };
    return kept.value;
  };
}

const agencyLabelsKept = keptWhileSame((texts) => {
  const labels = Array.from({ length: texts.length / 3 }, (_, i) => [texts[3 * i]!, { ar: texts[3 * i + 1]!, en: texts[3 * i + 2]! }] as const);
  return { labels, postings: labelPostingsOf(labels) };
});

/** The words of a query, each with the agencies, categories and life events whose names hold it. */
export function searchTerms(query: string, agencies: AgencyNames): SearchTerm[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const { labels: agencyLabels, postings: agencyPostings } = agencyLabelsKept([...agencies].flatMap(([id, agency]) => [id, agency.nameAr, agency.nameEn]));
  return terms.map((term) => ({
    ...term,
    agencies: labelsHolding(agencyLabels, agencyPostings, term),
    categories: labelsHolding(categoryLabels, categoryPostings, term),
    lifeEvents: labelsHolding(lifeEventLabels, lifeEventPostings, term),
  }));
}

const textIndexKept = keptWhileSame((texts) =>
  textIndexOf(
    Array.from({ length: texts.length / 4 }, (_, i) => ({
      title: { ar: texts[4 * i]!, en: texts[4 * i + 1]! },
      summary: { ar: texts[4 * i + 2]!, en: texts[4 * i + 3]! },
    })),
  ),
);

/** The integrated services' texts indexed: the same services (their definitions) give the same index, made once. */
const integratedTextIndex = (entries: readonly IntegratedEntry[]) =>
  textIndexKept(entries.flatMap((entry) => [entry.title.ar, entry.title.en, entry.summary.ar, entry.summary.en]));

/** The integrated services that match the filters and every term, each with how well it fits (ranking.ts), the best first. */
export function rankIntegrated(
  entries: readonly IntegratedEntry[],
  filters: CatalogueFilters,
  terms: readonly SearchTerm[],
): { entry: IntegratedEntry; score: number }[] {
  const fits = (entry: IntegratedEntry) =>
    (!filters.agency || entry.agency === filters.agency) &&
    (!filters.category || entry.category === filters.category) &&
    (!filters.event || entry.lifeEvents.includes(filters.event)) &&
    (!filters.channel || (entry.channels as EntryChannel[]).includes(filters.channel));
  return rankEntries(entries, integratedTextIndex(entries), terms, fits).map(({ at, score }) => ({ entry: entries[at]!, score }));
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
