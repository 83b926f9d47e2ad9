import { toWesternDigits } from "../i18n/digits";
import searchWords from "./search-words.json";

// Search that forgives the ways Arabic is spelt and words are formed. Spelling: the forms of alef
// with hamza or madda, taa marbuta and haa, alef maqsura and yaa, diacritics and tatweel all read
// alike; Latin letters ignore case and accents. Forms: each word is also found by its light stem
// (Arabic prefixes and suffixes after Larkey's light10, English endings) and, for Arabic words of
// a known pattern, by its root, so «رخصة» finds «ترخيص» and "renewal" finds "renew"; and by the
// words kept as its synonyms (search-words.json). Isomorphic: the same code runs wherever the
// search runs (the information entries are indexed with it in memory: catalogue-index.server.ts).

const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ARABIC = /[\u0600-\u06FF]/;

export function normaliseForSearch(text: string): string {
  return toWesternDigits(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // Latin accents (NFKD splits them off)
    .replace(DIACRITICS, "")
    .replace(TATWEEL, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---- Stems and roots ---------------------------------------------------------------------------

const ARABIC_PREFIXES = ["وبال", "وال", "بال", "كال", "فال", "لل", "ال"];
const ARABIC_SUFFIXES = ["هما", "كما", "ات", "ان", "ين", "ون", "يه", "يا", "ها", "ه", "ي"];

/** Larkey's light10 on a normalised Arabic word: «والتراخيص» → «تراخيص», «البلديه» → «بلد». */
function arabicStem(word: string): string {
  let stem = word;
  if (stem.length > 3 && stem.startsWith("و")) stem = stem.slice(1);
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= 2) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (let changed = true; changed && stem.length > 3;) {
    changed = false;
    for (const suffix of ARABIC_SUFFIXES) {
      if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
        stem = stem.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return stem;
}

/**
 * The three-letter root of a stem that has one of the common patterns, or null: تفعيل «ترخيص»
 * and تفاعيل «تراخيص» → «رخص»; افعال «اصدار» → «صدر»; استفعال «استخراج» → «خرج»; افتعال
 * «استلام» → «سلم»; مفعول, تفاعل, مفاعل, مفاعيل. A stem of three letters is its own root. Four
 * letters are left alone: فاعل and فعال are too often a root's own letters («قارب», «شراع»).
 */
function arabicRoot(stem: string): string | null {
  const s = stem;
  const at = (i: number) => s[i] ?? "";
  switch (s.length) {
    case 3:
      return s;
    case 5:
      if (at(0) === "ت" && at(3) === "ي") return at(1) + at(2) + at(4); // تفعيل
      if (at(0) === "م" && at(3) === "و") return at(1) + at(2) + at(4); // مفعول
      if (at(0) === "ا" && at(3) === "ا") return at(1) + at(2) + at(4); // افعال
      if (at(0) === "ت" && at(2) === "ا") return at(1) + at(3) + at(4); // تفاعل
      if (at(0) === "م" && at(2) === "ا") return at(1) + at(3) + at(4); // مفاعل
      return null;
    case 6:
      if (at(0) === "ت" && at(2) === "ا" && at(4) === "ي") return at(1) + at(3) + at(5); // تفاعيل
      if (at(0) === "ا" && at(2) === "ت" && at(4) === "ا") return at(1) + at(3) + at(5); // افتعال
      if (at(0) === "م" && at(2) === "ا" && at(4) === "ي") return at(1) + at(3) + at(5); // مفاعيل
      return null;
    case 7:
      if (s.startsWith("است") && at(5) === "ا") return at(3) + at(4) + at(6); // استفعال
      return null;
    default:
      return null;
  }
}

const ENGLISH_ENDINGS: [ending: string, replacement: string][] = [
  ["ational", "ate"],
  ["ation", "ate"],
  ["ment", ""],
  ["ing", ""],
  ["ed", ""],
  ["al", ""],
];

/** A light stem of a normalised English word: "renewals", "renewed", "renewing" → "renew"; "licences" → "licence". */
function englishStem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  if (stem.endsWith("ies")) stem = `${stem.slice(0, -3)}y`;
  else if (/(ss|ch|sh|x|z)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const [ending, replacement] of ENGLISH_ENDINGS) {
    if (stem.endsWith(ending) && stem.length - ending.length >= 4) return stem.slice(0, -ending.length) + replacement;
  }
  return stem;
}

/** The keys a normalised word is found by: its stem and, for Arabic, its root. */
export function keysOfWord(word: string): string[] {
  if (!ARABIC.test(word)) return [englishStem(word)];
  const stem = arabicStem(word);
  const root = arabicRoot(stem);
  return root && root !== stem ? [stem, root] : [stem];
}

// ---- Synonyms ----------------------------------------------------------------------------------

/** Each word of a synonym group, and each of its keys, to the keys of every word of the group. */
const synonymKeys: ReadonlyMap<string, readonly string[]> = (() => {
  const byWord = new Map<string, Set<string>>();
  for (const group of searchWords.synonyms) {
    const words = group.map(normaliseForSearch);
    const keys = new Set(words.flatMap((word) => [word, ...keysOfWord(word)]));
    for (const word of words) for (const key of [word, ...keysOfWord(word)]) byWord.set(key, new Set([...(byWord.get(key) ?? []), ...keys]));
  }
  return new Map([...byWord].map(([word, keys]) => [word, [...keys]]));
})();

const ignoredWords: ReadonlySet<string> = new Set(searchWords.ignored.map(normaliseForSearch));

// ---- Texts and queries -------------------------------------------------------------------------

export interface QueryTerm {
  /** The word as typed, normalised: found inside words ("ترخ" in «ترخيص»); under three letters, only at a word's start. */
  term: string;
  /** Whole keys that also find it: its stem, its root, its synonyms'. */
  keys: string[];
}

/** The words of a query, normalised, each with its keys, without the words that carry no meaning; a query of none matches everything. */
export function queryTerms(query: string): QueryTerm[] {
  const words = normaliseForSearch(query).split(" ").filter(Boolean);
  const meaningful = words.filter((word) => !ignoredWords.has(word));
  return [...new Set(meaningful.length ? meaningful : words)].map((term) => {
    const own = keysOfWord(term);
    return { term, keys: [...new Set([...own, ...[term, ...own].flatMap((word) => synonymKeys.get(word) ?? [])])] };
  });
}

/**
 * How well a term fits an entry: in its title counts most, then in its texts, then only by its
 * agency or kind; an integrated service (applied for here) is lifted above an information entry
 * that fits as well, and below one whose title holds a word more.
 */
export const TERM_WEIGHTS = { title: 4, text: 1, taxonomy: 0.5, integrated: 2 } as const;
