import QRCode from "qrcode";
import type { Text } from "../catalogue/types";
import { type Language } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import { formatDate, formatMoney, formatNumber } from "../i18n/format";
import { layoutLine, wrapText } from "./bidi-layout.server";
import { BRAND, GOLD, MUTED, PAGE, bold, drawBrandMark, openSheet, regular } from "./sheet.server";

export type CertificateValue =
  { format: "text"; value: string | Text } | { format: "number"; value: number } | { format: "money"; value: number } | { format: "date"; value: string };

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

const QR_SIZE = 128;
const ROW_GAP = 8;
const MIN_ROW_SCALE = 0.75;
// The QR code ends above the per-copy footer lines.
const QR_BOTTOM = PAGE.height - 70;

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

/**
 * Renders a certificate: A4, Arabic and English side by side, the agency's emblem as vector,
 * dates in Gregorian and Umm al-Qura, money in KWD, and a vector QR code. The same data gives
 * the same bytes (dates in the document come from the data, not the clock).
 */
/** A statement of the certificate: its label and value on the Arabic side and on the English side. */
export interface Statement {
  ar: [label: string, value: string];
  en: [label: string, value: string];
}

/** What the certificate states, each side in its own language only: holder, fields, dates, number. */
export function statementsOf(data: CertificateDocument): Statement[] {
  const ar = i18nFor("ar").getFixedT("ar", "certificate");
  const en = i18nFor("en").getFixedT("en", "certificate");
  const date = (at: Date, language: Language) =>
    `${formatDate(at, language)} ${(language === "ar" ? ar : en)("hijriSuffix", { hijri: formatDate(at, language, { calendar: "islamic-umalqura" }) })}`;
  return [
    { ar: [ar("holder"), data.holder.nameAr], en: [en("holder"), data.holder.nameEn] },
    { ar: [ar("civilId"), data.holder.civilId], en: [en("civilId"), data.holder.civilId] },
    ...data.fields.map((field) => ({
      ar: [field.label.ar, showValue(field.value, "ar")] as [string, string],
      en: [field.label.en, showValue(field.value, "en")] as [string, string],
    })),
    { ar: [ar("issued"), date(data.issuedAt, "ar")], en: [en("issued"), date(data.issuedAt, "en")] },
    ...(data.expiresAt
      ? [{ ar: [ar("expires"), date(data.expiresAt, "ar")] as [string, string], en: [en("expires"), date(data.expiresAt, "en")] as [string, string] }]
      : []),
    { ar: [ar("number"), data.number], en: [en("number"), data.number] },
  ];
}

export async function renderCertificatePdf(data: CertificateDocument): Promise<Buffer> {
  const ar = i18nFor("ar").getFixedT("ar", "certificate");
  const en = i18nFor("en").getFixedT("en", "certificate");
  const sheet = openSheet({
    Title: `${data.title.ar} — ${data.title.en} — ${data.number}`,
    Author: `${data.agency.nameAr} — ${data.agency.nameEn}`,
    Subject: data.number,
    Keywords: data.copy?.metadata ?? "",
    date: data.issuedAt,
  });
  const { doc, measure, draw, heightOf, paragraph } = sheet;

  // Frame.
  doc
    .lineWidth(2)
    .strokeColor(BRAND)
    .rect(22, 22, PAGE.width - 44, PAGE.height - 44)
    .stroke();
  doc
    .lineWidth(0.6)
    .strokeColor(GOLD)
    .rect(30, 30, PAGE.width - 60, PAGE.height - 60)
    .stroke();

  // Emblem: the portal's mark in a ring (drawn, no image).
  const cx = PAGE.width / 2;
  doc.lineWidth(2).strokeColor(BRAND).circle(cx, 88, 30).stroke();
  doc.lineWidth(0.8).strokeColor(GOLD).circle(cx, 88, 25).stroke();
  drawBrandMark(doc, cx - 17, 71, 34);

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
  doc
    .lineWidth(0.6)
    .strokeColor(GOLD)
    .moveTo(margin + 80, y + 8)
    .lineTo(PAGE.width - margin - 80, y + 8)
    .stroke();
  y += 26;

  // The certificate's statements: Arabic on the right half, English on the left.
  const rows = statementsOf(data);
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
    8 +
    heightOf(verify.arTitle, "rtl", textWidth, 11, bold) +
    heightOf(verify.arBody, "rtl", textWidth, 10) +
    6 +
    heightOf(verify.enTitle, "ltr", textWidth, 10, bold) +
    heightOf(verify.enBody, "ltr", textWidth, 9);
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
    doc
      .lineWidth(0.3)
      .strokeColor("#c9d0cd")
      .moveTo(margin, y - rowGap / 2)
      .lineTo(PAGE.width - margin, y - rowGap / 2)
      .stroke();
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
  doc
    .save()
    .translate(qrLeft + 4 * cell, qrTop + 4 * cell)
    .scale(cell)
    .fillColor("black");
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size;) {
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
    paragraph(
      ar("downloaded", { name: data.copy.name, when: when("ar"), copy: data.copy.copyId }),
      "rtl",
      margin,
      PAGE.height - 62,
      PAGE.width - 2 * margin,
      7.5,
      regular,
      MUTED,
    );
    paragraph(
      en("downloaded", { name: data.copy.name, when: when("en"), copy: data.copy.copyId }),
      "ltr",
      margin,
      PAGE.height - 50,
      PAGE.width - 2 * margin,
      7,
      regular,
      MUTED,
    );
  }

  return sheet.finish();
}
