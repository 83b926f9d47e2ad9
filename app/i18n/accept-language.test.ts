import { describe, expect, it } from "vitest";
import { languageFromAcceptLanguage } from "./accept-language";

describe("languageFromAcceptLanguage", () => {
  it.each([
    ["en-US,en;q=0.9", "en"],
    ["ar-KW,ar;q=0.9,en;q=0.8", "ar"],
    ["fr-FR,fr;q=0.9,en;q=0.8,ar;q=0.7", "en"],
    ["fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7", "ar"],
    ["en;q=0.5,ar;q=0.6", "ar"],
    ["EN-gb", "en"],
    ["en, ar", "en"],
    ["ar ; q=1 , en", "ar"],
  ])("%s → %s", (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });

  it.each([[null], [""], ["*"], ["fr-FR,de;q=0.5"], ["en;q=0"], ["en;q=abc"], ["en;q=2"], ["arabic"], [",,,;;;"]])("says nothing for %j", (header) => {
    expect(languageFromAcceptLanguage(header)).toBeNull();
  });
});
