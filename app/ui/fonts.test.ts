import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { codePointsOf, fontSubsets, fontWeights, type FontSubset } from "./font-subsets";
import { fontFaceCss } from "./fonts";

const fontsDir = path.resolve(import.meta.dirname, "fonts");
const localesDir = path.resolve(import.meta.dirname, "../../locales");
const subsets = Object.keys(fontSubsets) as FontSubset[];
// Characters with no glyph of their own: spaces and marks that only steer direction or joining.
const FORMATTING = /[\s\u200c-\u200f\u2066-\u2069]/u;

function open(subset: FontSubset, weight: number) {
  const font = fontkit.create(fs.readFileSync(path.join(fontsDir, `plex-arabic-${subset}-${weight}.woff2`)));
  return font;
}

describe("the web fonts", () => {
  for (const subset of subsets)
    for (const weight of fontWeights)
      it(`${subset} ${weight} holds a glyph for each character its list names, and only those`, () => {
        const font = open(subset, weight);
        const listed = codePointsOf(subset).filter((codePoint) => !FORMATTING.test(String.fromCodePoint(codePoint)));
        expect(listed.filter((codePoint) => !font.hasGlyphForCodePoint(codePoint)).map((c) => c.toString(16))).toEqual([]);
        const extra = font.characterSet.filter((codePoint) => !codePointsOf(subset).includes(codePoint) && codePoint > 0x20 && codePoint !== 0xffff);
        expect(extra.map((c) => c.toString(16))).toEqual([]);
      });

  it("keep the Arabic shaping: a word's letters join into their contextual forms", () => {
    const font = open("arabic", 400);
    const joined = font.layout("نافذة").glyphs.map((glyph) => glyph.id);
    const apart = [..."نافذة"].map((letter) => font.layout(letter).glyphs[0]!.id);
    expect(joined).not.toEqual(apart);
  });

  it("cover every character of every translation in both languages", () => {
    const characters = new Set<string>();
    for (const language of fs.readdirSync(localesDir))
      for (const file of fs.readdirSync(path.join(localesDir, language)))
        for (const character of fs.readFileSync(path.join(localesDir, language, file), "utf8")) characters.add(character);
    const covered = new Set(subsets.flatMap(codePointsOf));
    const missing = [...characters].filter((character) => !FORMATTING.test(character) && !covered.has(character.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it("are declared with the ranges of their files, so a page fetches a file only for characters it holds", () => {
    expect(fontFaceCss.match(/@font-face/g)).toHaveLength(subsets.length * fontWeights.length);
    expect(fontFaceCss).toContain("unicode-range:U+060C,U+061B,U+061F,U+0621-0655");
    expect(fontFaceCss).toContain("unicode-range:U+0020-007E,U+00A0-00FF");
  });
});
