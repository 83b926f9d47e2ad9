import { describe, expect, it } from "vitest";
import { matchesTerms, normaliseForSearch, queryTerms } from "./search";

const finds = (text: string, query: string) => matchesTerms(normaliseForSearch(text), queryTerms(query));

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
});
