import { describe, expect, it } from "vitest";
import { rankEntries, textIndexOf } from "./ranking";
import { keysOfWord, normaliseForSearch, queryTerms } from "./search";

/** Whether a title holding `text` is found by the query, as the catalogue searches it. */
const finds = (text: string, query: string) => {
  const entries = [{ title: { ar: text, en: "" }, summary: { ar: "", en: "" }, agency: "", category: "", lifeEvents: [] }];
  const terms = queryTerms(query).map((term) => ({ ...term, agencies: [], categories: [], lifeEvents: [] }));
  return rankEntries(entries, textIndexOf(entries), terms, () => true).length === 1;
};

describe("catalogue search", () => {
  it("reads the spellings of alef, taa marbuta and alef maqsura alike", () => {
    expect(finds("إصدار البطاقة المدنية", "اصدار البطاقه")).toBe(true);
    expect(finds("أحكام الإسكان", "احكام")).toBe(true);
    expect(finds("آليات التقديم", "اليات")).toBe(true);
    expect(finds("رعاية المبنى", "المبني")).toBe(true);
    expect(finds("رعاية المبني", "المبنى")).toBe(true);
  });

  it("ignores diacritics, tatweel, case and accents", () => {
    expect(finds("قَرْضُ الزَّوَاجِ", "قرض الزواج")).toBe(true);
    expect(finds("قرض الزواج", "قـــرض")).toBe(true);
    expect(finds("Social Loan", "social loan")).toBe(true);
    expect(finds("Al-Oyoun Café", "cafe")).toBe(true);
  });

  it("matches parts of words, in any order, and Arabic-Indic digits as Western ones", () => {
    expect(finds("ترخيص الوقاية من الحريق", "ترخ حريق")).toBe(true);
    expect(finds("Fire-safety licence renewal", "renew licen")).toBe(true);
    expect(finds("Renew within 60 days", "٦٠")).toBe(true);
  });

  it("needs every word of the query", () => {
    expect(finds("ترخيص الوقاية من الحريق", "ترخيص بلدي")).toBe(false);
    expect(finds("Municipal licence renewal", "fire licence")).toBe(false);
  });

  it("matches everything for an empty query", () => {
    expect(queryTerms("  ، - ")).toEqual([]);
    expect(finds("anything", "")).toBe(true);
  });

  it("finds a word by the other words of its root and its forms", () => {
    expect(finds("ترخيص الوقاية من الحريق", "رخصة")).toBe(true);
    expect(finds("تراخيص البناء", "ترخيص")).toBe(true);
    expect(finds("رخصة القيادة", "الترخيص")).toBe(true);
    expect(finds("إصدار جواز السفر", "صادر")).toBe(false);
    expect(finds("استخراج شهادة الميلاد", "خرج")).toBe(true);
    expect(finds("Renew your civil ID card", "renewal")).toBe(true);
    expect(finds("Fire-safety licence renewal", "renewing licences")).toBe(true);
  });

  it("takes the stems and roots of the common Arabic patterns, and leaves four-letter words whole", () => {
    expect(keysOfWord(normaliseForSearch("والتراخيص"))).toEqual(["تراخيص", "رخص"]);
    expect(keysOfWord(normaliseForSearch("تجديد"))).toEqual(["تجديد", "جدد"]);
    expect(keysOfWord(normaliseForSearch("رخصة"))).toEqual(["رخص"]);
    expect(keysOfWord(normaliseForSearch("استخراج"))).toEqual(["استخراج", "خرج"]);
    expect(keysOfWord(normaliseForSearch("قارب"))).toEqual(["قارب"]);
    expect(keysOfWord("renewals")).toEqual(["renew"]);
    expect(keysOfWord("licences")).toEqual(["licence"]);
    expect(keysOfWord("business")).toEqual(["business"]);
  });

  it("finds a word by its synonyms, kept as data, in either spelling", () => {
    expect(finds("Get a driving licence", "license")).toBe(true);
    expect(finds("Get a building permit", "licence")).toBe(true);
    expect(finds("تصريح رسو القوارب", "رخصه")).toBe(true);
    expect(finds("تجديد الإقامة", "iqama")).toBe(false); // synonyms stay within a language's words: the entry says residence in English
    expect(finds("Renew a residence permit", "iqama")).toBe(true);
  });

  it("leaves out the words that carry no meaning, unless nothing else is left", () => {
    expect(queryTerms("how do I renew my passport").map((term) => term.term)).toEqual(["renew", "passport"]);
    expect(queryTerms("أريد تجديد رخصة").map((term) => term.term)).toEqual(["تجديد", "رخصه"]);
    expect(queryTerms("the").map((term) => term.term)).toEqual(["the"]);
  });

  it("matches a word of one or two letters only at a word's start", () => {
    expect(finds("Renew your civil ID card", "id")).toBe(true);
    expect(finds("Renew a residence permit", "id")).toBe(false);
  });
});
