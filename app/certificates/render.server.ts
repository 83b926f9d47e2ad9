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
    naskh: fontkit.create(fontFile("@expo-google-fonts/noto-naskh-arabic", "400Regular/NotoNaskhArabic_400Regular.ttf")) as FontkitFont,
    naskhBold: fontkit.create(fontFile("@expo-google-fonts/noto-naskh-arabic", "700Bold/NotoNaskhArabic_700Bold.ttf")) as FontkitFont,
    sans: fontkit.create(fontFile("@expo-google-fonts/noto-sans", "400Regular/NotoSans_400Regular.ttf")) as FontkitFont,
    sansBold: fontkit.create(fontFile("@expo-google-fonts/noto-sans", "700Bold/NotoSans_700Bold.ttf")) as FontkitFont,
  };
  return fonts;
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
    // Start on a font the process already parsed (pdfkit would parse Helvetica's metrics each time).
    font: loaded.sans as unknown as string,
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
  const widths = new Map<string, number>();
  const measure: Measurer = {
    widthOf(text, font, size) {
      const key = `${font}|${size}|${text}`;
      let width = widths.get(key);
      if (width === undefined) {
        width = doc.font(font).fontSize(size).widthOfString(text);
        widths.set(key, width);
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
      let cursor = x;
      for (const run of line.runs) {
        // One alphabetic baseline for every run, whatever its font's ascender.
        doc.font(run.font).fontSize(size);
        for (const piece of run.pieces) {
          if (piece.text.trim()) doc.text(piece.text, cursor, y + size, { lineBreak: false, baseline: "alphabetic" } as never);
          cursor += piece.width;
        }
      }
      doc.addContent("EMC");
    }
  };
  const paragraph = (text: string, direction: "rtl" | "ltr", x: number, y: number, width: number, size: number, pair = regular, color = INK) => {
    const lines = wrapText(text, direction, pair, size, width, measure);
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
  for (const row of rows) {
    const top = y;
    const arHeight = paragraph(row.ar[0], "rtl", right, top, half, 9, bold, MUTED) + paragraph(row.ar[1], "rtl", right, top + 15, half, 11);
    const enHeight = paragraph(row.en[0], "ltr", margin, top + 1, half, 8.5, bold, MUTED) + paragraph(row.en[1], "ltr", margin, top + 15, half, 10.5);
    y = top + Math.max(arHeight, enHeight) + 8;
    doc.lineWidth(0.3).strokeColor("#c9d0cd").moveTo(margin, y - 4).lineTo(PAGE.width - margin, y - 4).stroke();
  }

  // Who signed it.
  y += 4;
  y += paragraph(ar("signedBy", { agency: data.agency.nameAr }), "rtl", margin, y, PAGE.width - 2 * margin, 10, regular, MUTED);
  y += paragraph(en("signedBy", { agency: data.agency.nameEn }), "ltr", margin, y, PAGE.width - 2 * margin, 9, regular, MUTED);

  // QR code (vector) and how to verify: below the statements, or at the foot if they are short.
  const qr = QRCode.create(data.qrPayload, { errorCorrectionLevel: "M" });
  const qrSize = 128;
  const qrTop = Math.max(y + 8, PAGE.height - 80 - qrSize);
  const cell = qrSize / (qr.modules.size + 8);
  const qrLeft = margin;
  doc.fillColor("black");
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; ) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end + 1 < qr.modules.size && qr.modules.get(row, end + 1)) end++;
      doc.rect(qrLeft + (col + 4) * cell, qrTop + (row + 4) * cell, (end - col + 1) * cell, cell).fill();
      col = end + 1;
    }
  }
  const textLeft = qrLeft + qrSize + 16;
  const textWidth = PAGE.width - margin - textLeft;
  let ty = qrTop + 8;
  ty += paragraph(ar("verifyTitle"), "rtl", textLeft, ty, textWidth, 11, bold, BRAND);
  ty += paragraph(ar("verifyBody", { url: data.verifyBaseUrl, code: data.verificationCode }), "rtl", textLeft, ty, textWidth, 10) + 6;
  ty += paragraph(en("verifyTitle"), "ltr", textLeft, ty, textWidth, 10, bold, BRAND);
  paragraph(en("verifyBody", { url: data.verifyBaseUrl, code: data.verificationCode }), "ltr", textLeft, ty, textWidth, 9);

  if (data.copy) {
    const when = (language: Language) => formatDate(data.copy!.at, language, { style: "medium" });
    paragraph(ar("downloaded", { name: data.copy.name, when: when("ar"), copy: data.copy.copyId }), "rtl", margin, PAGE.height - 62, PAGE.width - 2 * margin, 7.5, regular, MUTED);
    paragraph(en("downloaded", { name: data.copy.name, when: when("en"), copy: data.copy.copyId }), "ltr", margin, PAGE.height - 50, PAGE.width - 2 * margin, 7, regular, MUTED);
  }

  drawText();
  doc.end();
  return done;
}
