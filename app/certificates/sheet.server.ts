import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { extractableText, isStrongLtr, isStrongRtl, wrapText, type FontPair, type LaidLine, type Measurer } from "./bidi-layout.server";
import { brandColours, brandMark } from "../ui/brand";

// A bilingual A4 sheet drawn with pdfkit: the fonts (from npm, parsed once per process), Arabic
// and Latin laid out by our bidi layout, and a text layer that text extraction reads back in
// order. Certificates and payment receipts are drawn on it.

// Fonts come from npm packages and are parsed once per process; pdfkit embeds the subset used.
const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) => fs.readFileSync(require.resolve(`${pkg}/${file}`));
type FontkitFont = ReturnType<typeof fontkit.create>;
let fonts: Record<"naskh" | "naskhBold" | "sans" | "sansBold", FontkitFont> | undefined;
function loadFonts() {
  fonts ??= {
    naskh: parseFont("@expo-google-fonts/noto-naskh-arabic", "400Regular/NotoNaskhArabic_400Regular.ttf"),
    naskhBold: parseFont("@expo-google-fonts/noto-naskh-arabic", "700Bold/NotoNaskhArabic_700Bold.ttf"),
    sans: parseFont("@expo-google-fonts/noto-sans", "400Regular/NotoSans_400Regular.ttf"),
    sansBold: parseFont("@expo-google-fonts/noto-sans", "700Bold/NotoSans_700Bold.ttf"),
  };
  return fonts;
}

interface DecodableGlyph {
  _decode(): unknown;
}
function parseFont(pkg: string, file: string): FontkitFont {
  const font = fontkit.create(fontFile(pkg, file)) as FontkitFont & { getGlyph(id: number, characters?: number[]): DecodableGlyph };
  // Subsetting decodes every glyph it embeds again for each document (only to find composite
  // glyphs' parts). The font is shared and never changes, so each glyph is decoded once.
  const decoded = new WeakSet<DecodableGlyph>();
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, characters) => {
    const glyph = getGlyph(id, characters);
    if (!decoded.has(glyph)) {
      decoded.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let result: unknown;
      let isDecoded = false;
      glyph._decode = () => {
        if (!isDecoded) [result, isDecoded] = [decode(), true];
        return result;
      };
    }
    return glyph;
  };
  return font;
}

const layoutCaches = new Map<string, { words: Record<string, unknown>; uses: number }>();
const LAYOUT_CACHE_LIMIT = 20_000;
// pdfkit adds words to the cache itself, so its size is known only by counting its keys: counted
// every so many documents, not on each (a cache near its bound has thousands).
const DOCUMENTS_BETWEEN_COUNTS = 50;
function sharedLayoutCache(font: string): Record<string, unknown> {
  let cache = layoutCaches.get(font);
  if (!cache || (++cache.uses % DOCUMENTS_BETWEEN_COUNTS === 0 && Object.keys(cache.words).length > LAYOUT_CACHE_LIMIT)) {
    cache = { words: Object.create(null) as Record<string, unknown>, uses: 0 };
    layoutCaches.set(font, cache);
  }
  return cache.words;
}

// Most of a certificate's text (labels, agency names, dates, statements) recurs from one
// certificate to the next: its widths and wrapped lines are kept for the process, within a bound.
// A laid line is never changed once made.
const MEASURE_CACHE_LIMIT = 50_000;
const widths = new Map<string, number>();
const wrapped = new Map<string, LaidLine[]>();
function remember<T>(cache: Map<string, T>, key: string, value: T) {
  if (cache.size >= MEASURE_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

export const PAGE = { width: 595.28, height: 841.89 };
export const INK: string = brandColours.ink;
export const BRAND: string = brandColours.brand;
export const GOLD: string = brandColours.accent;
export const MUTED: string = brandColours.inkMuted;

export const regular: FontPair = { arabic: "naskh", latin: "sans" };
export const bold: FontPair = { arabic: "naskhBold", latin: "sansBold" };

const utf16Hex = (text: string) =>
  `<FEFF${[...text]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x10000) return code.toString(16).padStart(4, "0");
      const offset = code - 0x10000;
      return ((0xd800 + (offset >> 10)).toString(16) + (0xdc00 + (offset & 0x3ff)).toString(16)).padStart(8, "0");
    })
    .join("")}>`;

interface EmbeddedFont {
  id: string;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[]];
}
type Document = InstanceType<typeof PDFDocument>;
const pdfNumber = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Draws a laid line's glyphs on one alphabetic baseline (PDF coordinates, y up), in one text
 * object: each word where the layout put it, in the fonts' shaped glyphs (pdfkit's encoding
 * records the glyphs each subset needs). Marks placed off the pen position get their own Tm,
 * as pdfkit does for them.
 */
function drawGlyphs(doc: Document, line: LaidLine, x: number, baseline: number, size: number) {
  const internals = doc as unknown as { font(name: string): unknown; _font: EmbeddedFont; page: { fonts: Record<string, unknown> } };
  const scale = size / 1000;
  // The page's coordinates are flipped (y down) for drawing; text is set in PDF's own (y up).
  const ops = ["q", `1 0 0 -1 0 ${PAGE.height} cm`, "BT"];
  let cursor = x;
  for (const run of line.runs) {
    internals.font(run.font);
    const font = internals._font;
    internals.page.fonts[font.id] ??= font.ref();
    ops.push(`/${font.id} ${pdfNumber(size)} Tf`);
    for (const piece of run.pieces) {
      if (piece.text.trim()) {
        const [glyphs, positions] = font.encode(piece.text);
        let pen = cursor;
        let shown: string[] = [];
        const show = () => {
          if (shown.length) ops.push(`<${shown.join("")}> Tj`);
          shown = [];
        };
        ops.push(`1 0 0 1 ${pdfNumber(pen)} ${pdfNumber(baseline)} Tm`);
        positions.forEach((position, i) => {
          if (position.xOffset || position.yOffset || position.xAdvance !== position.advanceWidth) {
            // Offset or kerned: placed on its own, and the pen set again after it.
            show();
            ops.push(`1 0 0 1 ${pdfNumber(pen + position.xOffset * scale)} ${pdfNumber(baseline + position.yOffset * scale)} Tm <${glyphs[i]}> Tj`);
            ops.push(`1 0 0 1 ${pdfNumber(pen + position.xAdvance * scale)} ${pdfNumber(baseline)} Tm`);
          } else {
            shown.push(glyphs[i]!);
          }
          pen += position.xAdvance * scale;
        });
        show();
      }
      cursor += piece.width;
    }
  }
  ops.push("ET", "Q");
  doc.addContent(ops.join("\n"));
}

export type Align = "left" | "right" | "center";

/** The document's metadata: what a reader's properties show. */
export interface SheetInfo {
  Title: string;
  Author: string;
  Subject: string;
  Keywords: string;
  /** The document's own date (from its data, not the clock, so the same data gives the same bytes). */
  date: Date;
}

/** The portal's mark (app/ui/brand.ts), `size` points square with its top-left corner at (x, y): the same window as the web's header. */
export function drawBrandMark(doc: Document, x: number, y: number, size: number) {
  const { frame, bars, barWidth, pane } = brandMark;
  doc
    .save()
    .translate(x, y)
    .scale(size / brandMark.size);
  doc.lineWidth(frame.strokeWidth).strokeColor(BRAND).roundedRect(frame.x, frame.y, frame.size, frame.size, frame.radius).stroke();
  doc.lineWidth(barWidth).path(bars).stroke();
  doc.fillColor(GOLD).rect(pane.x, pane.y, pane.size, pane.size).fill();
  doc.restore();
}

/**
 * Opens an A4 sheet. Text is collected by `draw` and `paragraph` and written when the sheet is
 * finished, once the page's main direction is known (the text layer depends on it).
 */
export function openSheet(info: SheetInfo) {
  const loaded = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    // No default font: pdfkit would parse Helvetica's metrics each time, and a font object given
    // here is compared (name tables serialised) against the same font registered below.
    font: null as unknown as string,
    lang: "ar",
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: info.Title,
      Author: info.Author,
      Subject: info.Subject,
      Keywords: info.Keywords,
      Creator: "Nafitha",
      Producer: "Nafitha",
      CreationDate: info.date,
      ModDate: info.date,
    },
  });
  for (const [name, font] of Object.entries(loaded)) {
    doc.registerFont(name, font as unknown as string);
    // pdfkit caches each word's layout per document; certificates share their words (labels,
    // agency names, dates), so one cache per font serves every document of the process.
    (doc.font(name) as unknown as { _font: { layoutCache: object } })._font.layoutCache = sharedLayoutCache(name);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  // Wrapping measures the same runs again and again: each is laid out by fontkit once.
  const measure: Measurer = {
    widthOf(text, font, size) {
      const key = `${font}|${size}|${text}`;
      let width = widths.get(key);
      if (width === undefined) {
        width = doc.font(font).fontSize(size).widthOfString(text);
        remember(widths, key, width);
      }
      return width;
    },
  };
  // Text is collected first and drawn at the end, once the page's main direction is known (the
  // text layer depends on it; see extractableText).
  const pending: { line: LaidLine; x: number; y: number; size: number; color: string }[] = [];
  const draw = (line: LaidLine, x: number, y: number, width: number, size: number, align: Align, color = INK) => {
    const start = align === "right" ? x + width - line.width : align === "center" ? x + (width - line.width) / 2 : x;
    pending.push({ line, x: start, y, size, color });
  };
  const drawText = () => {
    let balance = 0;
    for (const { line } of pending) for (const char of line.text) balance += isStrongLtr(char) ? 1 : isStrongRtl(char) ? -1 : 0;
    const isPageLtr = balance >= 0;
    for (const { line, x, y, size, color } of pending) {
      // One span per line: its text, in the form that text extraction reads back in logical
      // order; the shaped glyphs alone cannot give the text back (letters share glyphs).
      doc.addContent(`/Span <</ActualText ${utf16Hex(extractableText(line, isPageLtr))}>> BDC`);
      doc.fillColor(color);
      drawGlyphs(doc, line, x, PAGE.height - (y + size), size);
      doc.addContent("EMC");
    }
  };
  const linesOf = (text: string, direction: "rtl" | "ltr", width: number, size: number, pair: FontPair) => {
    const key = `${direction}|${pair.arabic}|${size}|${width}|${text}`;
    let lines = wrapped.get(key);
    if (!lines) {
      lines = wrapText(text, direction, pair, size, width, measure);
      remember(wrapped, key, lines);
    }
    return lines;
  };
  const heightOf = (text: string, direction: "rtl" | "ltr", width: number, size: number, pair = regular) =>
    linesOf(text, direction, width, size, pair).length * size * 1.55;
  const paragraph = (text: string, direction: "rtl" | "ltr", x: number, y: number, width: number, size: number, pair = regular, color = INK) => {
    const lines = linesOf(text, direction, width, size, pair);
    lines.forEach((line, index) => draw(line, x, y + index * size * 1.55, width, size, direction === "rtl" ? "right" : "left", color));
    return lines.length * size * 1.55;
  };
  return {
    doc,
    measure,
    draw,
    heightOf,
    paragraph,
    /** Writes the collected text and ends the document. */
    finish(): Promise<Buffer> {
      drawText();
      doc.end();
      return done;
    },
  };
}
