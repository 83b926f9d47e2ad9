import { i18nFor } from "../i18n/resources.server";
import { formatDateTime, formatMoney } from "../i18n/format";
import type { Text } from "../catalogue/types";
import { layoutLine } from "../certificates/bidi-layout.server";
import { BRAND, GOLD, MUTED, PAGE, bold, drawBrandMark, openSheet, regular } from "../certificates/sheet.server";

export interface ReceiptDocument {
  receiptNumber: string;
  amountFils: number;
  paidAt: Date;
  gatewayReference: string;
  applicationReference: string;
  service: Text;
  payer: { nameAr: string; nameEn: string; civilId: string };
  /** A refund receipt: the money of this payment returned to the card it came from. */
  refund?: { number: string; refundedAt: Date; reference: string };
}

/**
 * A payment receipt, or the refund receipt of a payment (`refund` given): A5-sized content on A4,
 * Arabic on the right and English on the left of each row.
 */
export async function renderReceiptPdf(data: ReceiptDocument): Promise<Buffer> {
  const ar = i18nFor("ar").getFixedT("ar", "payment");
  const en = i18nFor("en").getFixedT("en", "payment");
  const { refund } = data;
  const titleKey = refund ? "refund.pdfTitle" : "receipt.pdfTitle";
  const number = refund?.number ?? data.receiptNumber;
  const sheet = openSheet({
    Title: `${ar(titleKey)} — ${en(titleKey)} — ${number}`,
    Author: "Nafitha",
    Subject: number,
    Keywords: data.applicationReference,
    date: refund?.refundedAt ?? data.paidAt,
  });
  const { doc, measure, draw, paragraph } = sheet;
  const margin = 56;
  const full = PAGE.width - 2 * margin;
  const half = (full - 24) / 2;
  const right = PAGE.width - margin - half;

  drawBrandMark(sheet.doc, PAGE.width / 2 - 14, 50, 28);
  let y = 60;
  draw(layoutLine(i18nFor("ar").getFixedT("ar", "certificate")("state"), "rtl", bold, 12, measure), right, y, half, 12, "right", BRAND);
  draw(layoutLine(i18nFor("en").getFixedT("en", "certificate")("state"), "ltr", bold, 11, measure), margin, y + 1, half, 11, "left", BRAND);
  y += 34;
  draw(layoutLine(ar(titleKey), "rtl", bold, 20, measure), margin, y, full, 20, "center", BRAND);
  y += 30;
  draw(layoutLine(en(titleKey), "ltr", bold, 14, measure), margin, y, full, 14, "center", BRAND);
  y += 26;
  doc
    .lineWidth(0.6)
    .strokeColor(GOLD)
    .moveTo(margin + 80, y)
    .lineTo(PAGE.width - margin - 80, y)
    .stroke();
  y += 16;

  const refundRows: { ar: [string, string]; en: [string, string] }[] = refund
    ? [
        { ar: [ar("refund.number"), refund.number], en: [en("refund.number"), refund.number] },
        { ar: [ar("refund.amount"), formatMoney(data.amountFils, "ar")], en: [en("refund.amount"), formatMoney(data.amountFils, "en")] },
        { ar: [ar("refund.refundedAt"), formatDateTime(refund.refundedAt, "ar")], en: [en("refund.refundedAt"), formatDateTime(refund.refundedAt, "en")] },
        { ar: [ar("refund.reference"), refund.reference], en: [en("refund.reference"), refund.reference] },
        { ar: [ar("refund.originalReceipt"), data.receiptNumber], en: [en("refund.originalReceipt"), data.receiptNumber] },
      ]
    : [];
  const rows: { ar: [string, string]; en: [string, string] }[] = [
    ...refundRows,
    ...(refund
      ? []
      : [{ ar: [ar("receipt.number"), data.receiptNumber] as [string, string], en: [en("receipt.number"), data.receiptNumber] as [string, string] }]),
    { ar: [ar("receipt.amount"), formatMoney(data.amountFils, "ar")], en: [en("receipt.amount"), formatMoney(data.amountFils, "en")] },
    { ar: [ar("receipt.paidAt"), formatDateTime(data.paidAt, "ar")], en: [en("receipt.paidAt"), formatDateTime(data.paidAt, "en")] },
    { ar: [ar("receipt.method"), ar("receipt.knet")], en: [en("receipt.method"), en("receipt.knet")] },
    { ar: [ar("receipt.gatewayReference"), data.gatewayReference], en: [en("receipt.gatewayReference"), data.gatewayReference] },
    { ar: [ar("receipt.service"), data.service.ar], en: [en("receipt.service"), data.service.en] },
    { ar: [ar("receipt.application"), data.applicationReference], en: [en("receipt.application"), data.applicationReference] },
    { ar: [ar("receipt.payer"), data.payer.nameAr], en: [en("receipt.payer"), data.payer.nameEn] },
    { ar: [ar("receipt.civilId"), data.payer.civilId], en: [en("receipt.civilId"), data.payer.civilId] },
  ];
  for (const row of rows) {
    const top = y;
    paragraph(row.ar[0], "rtl", right, top, half, 9, bold, MUTED);
    const arHeight = paragraph(row.ar[1], "rtl", right, top + 15, half, 11);
    paragraph(row.en[0], "ltr", margin, top + 1, half, 8.5, bold, MUTED);
    const enHeight = paragraph(row.en[1], "ltr", margin, top + 15, half, 10.5);
    y = top + 15 + Math.max(arHeight, enHeight) + 6;
    doc
      .lineWidth(0.3)
      .strokeColor("#c9d0cd")
      .moveTo(margin, y - 3)
      .lineTo(PAGE.width - margin, y - 3)
      .stroke();
  }
  y += 6;
  const noteKey = refund ? "refund.pdfNote" : "receipt.pdfNote";
  y += paragraph(ar(noteKey), "rtl", margin, y, full, 9, regular, MUTED);
  y += paragraph(en(noteKey), "ltr", margin, y, full, 8.5, regular, MUTED);
  // The frame, drawn last, holds everything above however many rows there were.
  doc
    .lineWidth(2)
    .strokeColor(BRAND)
    .rect(margin - 20, 36, full + 40, y + 14 - 36)
    .stroke();
  return sheet.finish();
}
