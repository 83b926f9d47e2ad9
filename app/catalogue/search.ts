import { toWesternDigits } from "../i18n/digits";

// Search that forgives the ways Arabic is spelt: the forms of alef with hamza or madda, taa
// marbuta and haa, alef maqsura and yaa, diacritics and tatweel all read alike; Latin letters
// ignore case and accents. Isomorphic: the same normalisation runs wherever the search runs.

const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

export function normaliseForSearch(text: string): string {
  return toWesternDigits(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // Latin accents (NFKD splits them off)
    .replace(DIACRITICS, "")
    .replace(TATWEEL, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a query, normalised; a query of none matches everything. */
export function queryTerms(query: string): string[] {
  return normaliseForSearch(query).split(" ").filter(Boolean);
}

/**
 * Whether every term of the query appears in the text, at the start of a word or inside it
 * ("ترخ" finds "ترخيص", "licen" finds "licence"); an Arabic term also matches after the article
 * or a clinging preposition ("الترخيص", "بالترخيص"), which substring matching covers.
 */
export function matchesTerms(normalisedText: string, terms: readonly string[]): boolean {
  return terms.every((term) => normalisedText.includes(term));
}
