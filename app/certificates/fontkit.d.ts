// fontkit ships no types: what the renderer (layout, handed to pdfkit) and the web fonts' test
// (app/ui/fonts.test.ts: the characters a file holds, how a word shapes) use of it.
declare module "fontkit" {
  export interface Glyph {
    id: number;
  }
  export interface Font {
    layout(text: string, features?: unknown): { glyphs: Glyph[] };
    hasGlyphForCodePoint(codePoint: number): boolean;
    characterSet: number[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
