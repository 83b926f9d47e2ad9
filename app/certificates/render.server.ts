import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Text } from "../catalogue/types";
import { i18nFor, type Language } from "../i18n/config";
import { formatDate, formatMoney, formatNumber } from "../i18n/format";
import { extractableText, isStrongLtr, isStrongRtl, layoutLine, wrapText, type FontPair, type LaidLine, type Measurer } from "./bidi-layout.server";

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

const layoutCaches = new Map<string, Record<string, unknown>>();
const LAYOUT_CACHE_LIMIT = 20_000;
function sharedLayoutCache(font: string): Record<string, unknown> {
  let cache = layoutCaches.get(font);
  if (!cache || Object.keys(cache).length > LAYOUT_CACHE_LIMIT) {
    cache = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(font, cache);
  }
  return cache;
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

export type CertificateValue =
  | { format: "text"; value: string | Text }
  | { format: "number"; value: number }
  | { format: "money"; value: number }
  | { format: "date"; value: string };

export interface CertificateDocument {
  number: string;
  verificationCode: string;
  /** What the QR code holds: the verify page's URL with the signed token. */
  qrPayload: string;
  verifyBaseUrl: string;
  title: Text;
  agency: { nameAr: string; nameEn: string };
  holder: { nameAr: string; nameEn: string; civilId: string };
  fields: { label: Text; value: CertificateValue }[];
  issuedAt: Date;
  expiresAt: Date | null;
  /** The per-download mark: a visible footer line and a metadata entry. */
  copy?: { name: string; at: Date; copyId: string; metadata: string };
}

const PAGE = { width: 595.28, height: 841.89 };
const INK = "#1b1f23";
const BRAND = "#0b3d2e";
const GOLD = "#8a6a1f";
const MUTED = "#4a5560";

const QR_SIZE = 128;
const ROW_GAP = 8;
const MIN_ROW_SCALE = 0.75;
// The QR code ends above the per-copy footer lines.
const QR_BOTTOM = PAGE.height - 70;

const regular: FontPair = { arabic: "naskh", latin: "sans" };
const bold: FontPair = { arabic: "naskhBold", latin: "sansBold" };

/** A certificate value as the certificate prints it in a language. */
export function showValue(value: CertificateValue, language: Language): string {
  switch (value.format) {
    case "text":
      return typeof value.value === "string" ? value.value : value.value[language];
    case "number":
      return formatNumber(value.value, language);
    case "money":
      return formatMoney(value.value, language);
    case "date":
      return formatDate(new Date(`${value.value}T12:00:00+03:00`), language);
  }
}

const utf16Hex = (text: string) => `<FEFF${[...text].map((char) => {
  const code = char.codePointAt(0)!;
  if (code < 0x10000) return code.toString(16).padStart(4, "0");
  const offset = code - 0x10000;
  return ((0xd800 + (offset >> 10)).toString(16) + (0xdc00 + (offset & 0x3ff)).toString(16)).padStart(8, "0");
}).join("")}>`;

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

/**
 * Renders a certificate: A4, Arabic and English side by side, the agency's emblem as vector,
 * dates in Gregorian and Umm al-Qura, money in KWD, and a vector QR code. The same data gives
 * the same bytes (dates in the document come from the data, not the clock).
 */
export async function renderCertificatePdf(data: CertificateDocument): Promise<Buffer> {
  const loaded = loadFonts();
  const ar = i18nFor("ar").getFixedT("ar", "certificate");
  const en = i18nFor("en").getFixedT("en", "certificate");
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
      Title: `${data.title.ar} — ${data.title.en} — ${data.number}`,
      Author: `${data.agency.nameAr} — ${data.agency.nameEn}`,
      Subject: data.number,
      Keywords: data.copy?.metadata ?? "",
      Creator: "Nafitha",
      Producer: "Nafitha",
      CreationDate: data.issuedAt,
      ModDate: data.issuedAt,
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
  const draw = (line: LaidLine, x: number, y: number, width: number, size: number, align: "left" | "right" | "center", color = INK) => {
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
  const heightOf = (text: string, direction: "rtl" | "ltr", width: number, size: number, pair = regular) => linesOf(text, direction, width, size, pair).length * size * 1.55;
  const paragraph = (text: string, direction: "rtl" | "ltr", x: number, y: number, width: number, size: number, pair = regular, color = INK) => {
    const lines = linesOf(text, direction, width, size, pair);
    lines.forEach((line, index) => draw(line, x, y + index * size * 1.55, width, size, direction === "rtl" ? "right" : "left", color));
    return lines.length * size * 1.55;
  };

  // Frame.
  doc.lineWidth(2).strokeColor(BRAND).rect(22, 22, PAGE.width - 44, PAGE.height - 44).stroke();
  doc.lineWidth(0.6).strokeColor(GOLD).rect(30, 30, PAGE.width - 60, PAGE.height - 60).stroke();

  // Emblem: a window of four panes in a ring (drawn, no image).
  const cx = PAGE.width / 2;
  doc.lineWidth(2).strokeColor(BRAND).circle(cx, 88, 30).stroke();
  doc.lineWidth(0.8).strokeColor(GOLD).circle(cx, 88, 25).stroke();
  doc.lineWidth(1.8).strokeColor(BRAND).roundedRect(cx - 14, 74, 28, 28, 3).stroke();
  doc.moveTo(cx, 74).lineTo(cx, 102).moveTo(cx - 14, 88).lineTo(cx + 14, 88).stroke();
  doc.fillColor(GOLD).rect(cx - 10, 78, 7, 7).fill();

  const margin = 56;
  const half = (PAGE.width - 2 * margin - 24) / 2;
  const right = PAGE.width - margin - half;
  draw(layoutLine(ar("state"), "rtl", bold, 13, measure), right, 62, half, 13, "right", BRAND);
  paragraph(data.agency.nameAr, "rtl", right + half * 0.35, 84, half * 0.65, 11);
  draw(layoutLine(en("state"), "ltr", bold, 11, measure), margin, 64, half, 11, "left", BRAND);
  paragraph(data.agency.nameEn, "ltr", margin, 84, half * 0.65, 9.5);

  // Title, centred: Arabic first, then English.
  let y = 140;
  for (const line of wrapText(data.title.ar, "rtl", bold, 22, PAGE.width - 2 * margin, measure)) {
    draw(line, margin, y, PAGE.width - 2 * margin, 22, "center", BRAND);
    y += 34;
  }
  y += 4;
  for (const line of wrapText(data.title.en, "ltr", bold, 15, PAGE.width - 2 * margin, measure)) {
    draw(line, margin, y, PAGE.width - 2 * margin, 15, "center", BRAND);
    y += 22;
  }
  doc.lineWidth(0.6).strokeColor(GOLD).moveTo(margin + 80, y + 8).lineTo(PAGE.width - margin - 80, y + 8).stroke();
  y += 26;

  // The certificate's statements: Arabic on the right half, English on the left.
  const date = (at: Date, language: Language) =>
    `${formatDate(at, language)} ${(language === "ar" ? ar : en)("hijriSuffix", { hijri: formatDate(at, language, { calendar: "islamic-umalqura" }) })}`;
  const rows: { ar: [string, string]; en: [string, string] }[] = [
    { ar: [ar("holder"), data.holder.nameAr], en: [en("holder"), data.holder.nameEn] },
    { ar: [ar("civilId"), data.holder.civilId], en: [en("civilId"), data.holder.civilId] },
    ...data.fields.map((field) => ({ ar: [field.label.ar, showValue(field.value, "ar")] as [string, string], en: [field.label.en, showValue(field.value, "en")] as [string, string] })),
    { ar: [ar("issued"), date(data.issuedAt, "ar")], en: [en("issued"), date(data.issuedAt, "en")] },
    ...(data.expiresAt ? [{ ar: [ar("expires"), date(data.expiresAt, "ar")] as [string, string], en: [en("expires"), date(data.expiresAt, "en")] as [string, string] }] : []),
    { ar: [ar("number"), data.number], en: [en("number"), data.number] },
  ];
  // A long certificate tightens the space between its rows, then its rows' type (down to 75%),
  // so that the verification block and the per-copy footer stay on the page.
  const signedBy = { ar: ar("signedBy", { agency: data.agency.nameAr }), en: en("signedBy", { agency: data.agency.nameEn }) };
  const full = PAGE.width - 2 * margin;
  const textLeft = margin + QR_SIZE + 16;
  const textWidth = PAGE.width - margin - textLeft;
  const verify = {
    arTitle: ar("verifyTitle"),
    arBody: ar("verifyBody", { url: data.verifyBaseUrl, code: data.verificationCode }),
    enTitle: en("verifyTitle"),
    enBody: en("verifyBody", { url: data.verifyBaseUrl, code: data.verificationCode }),
  };
  const verifyHeight =
    8 + heightOf(verify.arTitle, "rtl", textWidth, 11, bold) + heightOf(verify.arBody, "rtl", textWidth, 10) + 6 + heightOf(verify.enTitle, "ltr", textWidth, 10, bold) + heightOf(verify.enBody, "ltr", textWidth, 9);
  const signedByHeight = 4 + heightOf(signedBy.ar, "rtl", full, 10) + heightOf(signedBy.en, "ltr", full, 9);
  const room = QR_BOTTOM - 8 - Math.max(QR_SIZE, verifyHeight) - (y + signedByHeight);
  const rowHeight = (row: (typeof rows)[number], scale: number) =>
    Math.max(
      heightOf(row.ar[0], "rtl", half, 9 * scale, bold) + heightOf(row.ar[1], "rtl", half, 11 * scale),
      heightOf(row.en[0], "ltr", half, 8.5 * scale, bold) + heightOf(row.en[1], "ltr", half, 10.5 * scale),
    );
  const total = (scale: number, gap: number) => rows.reduce((sum, row) => sum + rowHeight(row, scale) + gap, 0);
  let [scale, rowGap] = [1, ROW_GAP];
  if (total(scale, rowGap) > room) rowGap = Math.max(2, ROW_GAP - (total(scale, rowGap) - room) / rows.length);
  while (total(scale, rowGap) > room && scale > MIN_ROW_SCALE) scale = Math.round((scale - 0.05) * 100) / 100;
  for (const row of rows) {
    const top = y;
    paragraph(row.ar[0], "rtl", right, top, half, 9 * scale, bold, MUTED);
    paragraph(row.ar[1], "rtl", right, top + 15 * scale, half, 11 * scale);
    paragraph(row.en[0], "ltr", margin, top + scale, half, 8.5 * scale, bold, MUTED);
    paragraph(row.en[1], "ltr", margin, top + 15 * scale, half, 10.5 * scale);
    y = top + rowHeight(row, scale) + rowGap;
    doc.lineWidth(0.3).strokeColor("#c9d0cd").moveTo(margin, y - rowGap / 2).lineTo(PAGE.width - margin, y - rowGap / 2).stroke();
  }

  // Who signed it.
  y += 4;
  y += paragraph(signedBy.ar, "rtl", margin, y, full, 10, regular, MUTED);
  y += paragraph(signedBy.en, "ltr", margin, y, full, 9, regular, MUTED);

  // QR code (vector) and how to verify: below the statements, or at the foot if they are short.
  // One byte-mode segment: the payload is a URL, so searching for the best mix of modes is wasted.
  const qr = QRCode.create([{ data: Buffer.from(data.qrPayload, "utf8"), mode: "byte" }], { errorCorrectionLevel: "M" });
  const qrTop = Math.max(y + 8, PAGE.height - 80 - QR_SIZE);
  const cell = QR_SIZE / (qr.modules.size + 8);
  const qrLeft = margin;
  // One path in module units (the quiet zone is 4 modules), scaled to size and filled once.
  doc.save().translate(qrLeft + 4 * cell, qrTop + 4 * cell).scale(cell).fillColor("black");
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; ) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end + 1 < qr.modules.size && qr.modules.get(row, end + 1)) end++;
      doc.rect(col, row, end - col + 1, 1);
      col = end + 1;
    }
  }
  doc.fill().restore();
  let ty = qrTop + 8;
  ty += paragraph(verify.arTitle, "rtl", textLeft, ty, textWidth, 11, bold, BRAND);
  ty += paragraph(verify.arBody, "rtl", textLeft, ty, textWidth, 10) + 6;
  ty += paragraph(verify.enTitle, "ltr", textLeft, ty, textWidth, 10, bold, BRAND);
  paragraph(verify.enBody, "ltr", textLeft, ty, textWidth, 9);

  if (data.copy) {
    const when = (language: Language) => formatDate(data.copy!.at, language, { style: "medium" });
    paragraph(ar("downloaded", { name: data.copy.name, when: when("ar"), copy: data.copy.copyId }), "rtl", margin, PAGE.height - 62, PAGE.width - 2 * margin, 7.5, regular, MUTED);
    paragraph(en("downloaded", { name: data.copy.name, when: when("en"), copy: data.copy.copyId }), "ltr", margin, PAGE.height - 50, PAGE.width - 2 * margin, 7, regular, MUTED);
  }

  drawText();
  doc.end();
  return done;
}
