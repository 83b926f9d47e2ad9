import crypto from "node:crypto";
import type { Database } from "../../db/client";
import { kioskPrints } from "../../db/schema";
import { KIOSK_USER, recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import type { Catalogue } from "../catalogue/registry";
import { getOwnReceipt } from "../payments/payments.server";
import { renderReceiptPdf } from "../payments/receipt.server";

/**
 * A receipt printed at a kiosk for its payer: recorded against the kiosk and audited, in one
 * transaction. (Certificates: printCertificateAtKiosk, which also marks the copy.)
 */
export async function printReceiptAtKiosk(
  db: Database,
  catalogue: Catalogue,
  input: { paymentId: string; payer: { personId: string; nameAr: string; nameEn: string }; kioskId: string; meta: RequestMeta },
): Promise<{ ok: true; pdf: Buffer; receiptNumber: string } | { ok: false; reason: "not-found" }> {
  const receipt = await getOwnReceipt(db, catalogue, input.payer.personId, input.paymentId);
  if (!receipt) return { ok: false, reason: "not-found" };
  const pdf = await renderReceiptPdf(receipt);
  const copyId = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(kioskPrints).values({ kioskId: input.kioskId, personId: input.payer.personId, document: receipt.receiptNumber, copyId });
    await recordAudit(tx, {
      actorLabel: KIOSK_USER,
      ...auditFields(input.meta),
      action: "receipt.printed",
      subjectType: "payment",
      subjectId: input.paymentId,
      details: {
        receiptNumber: receipt.receiptNumber,
        copyId,
        kioskId: input.kioskId,
        person: { nameAr: input.payer.nameAr, nameEn: input.payer.nameEn },
      },
    });
  });
  return { ok: true, pdf, receiptNumber: receipt.receiptNumber };
}
