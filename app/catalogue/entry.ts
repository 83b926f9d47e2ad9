import type { QueryTerm } from "./search";
import type { CategoryId, LifeEventId } from "./taxonomy";

// An information-only entry's data, as it is checked (app/administration/entry-forms.ts) and kept
// (entries.server.ts).

/** Where the agency itself offers a service. */
export const agencyChannels = ["online", "app", "counter"] as const;
export type AgencyChannel = (typeof agencyChannels)[number];

export interface EntryData {
  id: string;
  agency: string;
  category: CategoryId;
  lifeEvents: LifeEventId[];
  channels: AgencyChannel[];
  titleAr: string;
  titleEn: string;
  summaryAr: string;
  summaryEn: string;
  url: string;
}

/**
 * One word of a search, and what else it names besides an entry's texts: the agencies whose names
 * hold it, the categories and life events whose labels do (found by the caller, which knows them).
 */
export interface SearchTerm extends QueryTerm {
  agencies: string[];
  categories: string[];
  lifeEvents: string[];
}

export interface EntrySearch {
  terms: readonly SearchTerm[];
  agency: string | null;
  category: string | null;
  event: string | null;
  /** An agency's channel; null for any. */
  channel: AgencyChannel | null;
}
