import { asc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { catalogueEntries, catalogueRevision } from "../../db/schema";
import type { EntrySearch, SearchTerm } from "./entry";
import { informationEntryOf, type InformationEntry } from "./entries.server";
import type { CategoryId, LifeEventId } from "./taxonomy";
import { keysOfWord, normaliseForSearch, TERM_WEIGHTS } from "./search";

// The information entries on offer, indexed in memory for the public search: each word of their
// texts, and its stem and root (app/catalogue/search.ts), to the entries that hold it, the titles
// apart for ranking. Built once per revision of the entries (a trigger gives every write a new
// one, whoever makes it) and kept per process; a search reads the revision, one row, and uses the
// index of that revision, building it first if this process has not.

interface Postings {
  /** Every word and key, to the entries (indexes into `entries`) that hold it. */
  byWord: Map<string, number[]>;
  /** The distinct words as written (not keys), searched for a part of a word. */
  words: string[];
}

export interface CatalogueIndex {
  revision: string;
  /** In their listed order (position, id). */
  entries: InformationEntry[];
  title: Postings;
  text: Postings;
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

function postingsOf(texts: string[]): Postings {
  const byWord = new Map<string, number[]>();
  const words = new Set<string>();
  // The same words recur across thousands of entries: their keys are made once.
  const keysOf = new Map<string, string[]>();
  const add = (key: string, index: number) => {
    const list = byWord.get(key);
    if (!list) byWord.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  texts.forEach((text, index) => {
    for (const word of normaliseForSearch(text).split(" ")) {
      if (!word) continue;
      words.add(word);
      add(word, index);
      let keys = keysOf.get(word);
      if (!keys) keysOf.set(word, (keys = keysOfWord(word)));
      for (const key of keys) add(key, index);
    }
  });
  return { byWord, words: [...words] };
}

export function buildCatalogueIndex(revision: string, entries: InformationEntry[]): CatalogueIndex {
  return {
    revision,
    entries,
    title: postingsOf(entries.map((entry) => `${entry.title.ar} ${entry.title.en}`)),
    text: postingsOf(entries.map((entry) => `${entry.title.ar} ${entry.title.en} ${entry.summary.ar} ${entry.summary.en}`)),
    tally: tallyOf(entries),
  };
}

/** The entries whose texts hold a term: a word that contains it as typed (at a word's start when it is short), or one of its keys. */
function entriesHolding(postings: Postings, term: SearchTerm): Set<number> {
  const found = new Set<number>();
  const isShort = term.term.length < 3;
  for (const word of postings.words) {
    if (isShort ? word.startsWith(term.term) : word.includes(term.term)) for (const index of postings.byWord.get(word)!) found.add(index);
  }
  for (const key of term.keys) for (const index of postings.byWord.get(key) ?? []) found.add(index);
  return found;
}

const namesKindOf = (entry: InformationEntry, term: SearchTerm) =>
  term.agencies.includes(entry.agency) || term.categories.includes(entry.category) || entry.lifeEvents.some((event) => term.lifeEvents.includes(event));

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
  const perTerm = search.terms.map((term) => ({ term, inTitle: entriesHolding(index.title, term), inText: entriesHolding(index.text, term) }));
  const scored: { at: number; score: number }[] = [];
  index.entries.forEach((entry, at) => {
    if (!fits(entry)) return;
    let score = 0;
    for (const { term, inTitle, inText } of perTerm) {
      if (inTitle.has(at)) score += TERM_WEIGHTS.title;
      else if (inText.has(at)) score += TERM_WEIGHTS.text;
      else if (namesKindOf(entry, term)) score += TERM_WEIGHTS.taxonomy;
      else return;
    }
    scored.push({ at, score });
  });
  // Stable: among equals, the listed order.
  scored.sort((a, b) => b.score - a.score || a.at - b.at);
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
