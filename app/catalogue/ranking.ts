import type { QueryTerm } from "./search";
import { keysOfWord, normaliseForSearch, TERM_WEIGHTS } from "./search";
import type { SearchTerm } from "./entry";
import type { Text } from "./types";

// How the catalogue's search finds and ranks: each word of a set of texts, and its stem and root
// (search.ts), posted to the texts that hold it. One way for everything searched: the information
// entries (indexed once per revision, catalogue-index.server.ts), the integrated services, and the
// names of agencies, categories and life events that a word of the query may name.

export interface Postings {
  /** Every word and key, to the texts (by their index) that hold it. */
  byWord: Map<string, number[]>;
  /** The distinct words as written (not keys), searched for a part of a word. */
  words: string[];
}

export function postingsOf(texts: readonly string[]): Postings {
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

/** The texts that hold a term: a word that contains it as typed (at a word's start when it is short), or one of its keys. */
export function textsHolding(postings: Postings, term: QueryTerm): Set<number> {
  const found = new Set<number>();
  const isShort = term.term.length < 3;
  for (const word of postings.words) {
    if (isShort ? word.startsWith(term.term) : word.includes(term.term)) for (const index of postings.byWord.get(word)!) found.add(index);
  }
  for (const key of term.keys) for (const index of postings.byWord.get(key) ?? []) found.add(index);
  return found;
}

/** What an entry is searched by: its title, and its title with its summary, in both languages. */
export interface TextIndex {
  title: Postings;
  text: Postings;
}

export function textIndexOf(entries: readonly { title: Text; summary: Text }[]): TextIndex {
  return {
    title: postingsOf(entries.map((entry) => `${entry.title.ar} ${entry.title.en}`)),
    text: postingsOf(entries.map((entry) => `${entry.title.ar} ${entry.title.en} ${entry.summary.ar} ${entry.summary.en}`)),
  };
}

/** Of labels in both languages (agencies' names, categories, life events), those that hold the term. */
export function labelsHolding<K extends string>(labels: readonly (readonly [K, Text])[], postings: Postings, term: QueryTerm): K[] {
  const holding = textsHolding(postings, term);
  return labels.flatMap(([id], index) => (holding.has(index) ? [id] : []));
}

export const labelPostingsOf = (labels: readonly (readonly [string, Text])[]) => postingsOf(labels.map(([, label]) => `${label.ar} ${label.en}`));

interface Ranked {
  agency: string;
  category: string;
  lifeEvents: readonly string[];
}

/** Whether a term names an entry's agency, category or one of its life events. */
const namesKindOf = (entry: Ranked, term: SearchTerm) =>
  term.agencies.includes(entry.agency) || term.categories.includes(entry.category) || entry.lifeEvents.some((event) => term.lifeEvents.includes(event));

/**
 * The entries that fit and hold every term, each with how well: a term in the title counts most,
 * then in the texts, then only by naming the entry's agency or kind (TERM_WEIGHTS); the best first,
 * and among equals in the order given.
 */
export function rankEntries<E extends Ranked>(
  entries: readonly E[],
  index: TextIndex,
  terms: readonly SearchTerm[],
  fits: (entry: E) => boolean,
): { at: number; score: number }[] {
  const perTerm = terms.map((term) => ({ term, inTitle: textsHolding(index.title, term), inText: textsHolding(index.text, term) }));
  const scored: { at: number; score: number }[] = [];
  entries.forEach((entry, at) => {
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
  return scored.sort((a, b) => b.score - a.score || a.at - b.at);
}
