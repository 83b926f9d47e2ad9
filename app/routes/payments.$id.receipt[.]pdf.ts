import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { getOwnPayment } from "~/payments/payments.server";
import { renderReceiptPdf } from "~/payments/receipt.server";
import { getDb, getRuntime } from "~/runtime.server";

/** The receipt of a paid payment as a PDF, to the payer only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const found = await getOwnPayment(getDb(), viewer.person.id, params.id ?? "");
  if (!found || found.payment.status !== "paid") throw new Response("Not Found", { status: 404 });
  const service = getRuntime().catalogue.get(found.serviceId, found.serviceVersion);
  const pdf = await renderReceiptPdf({
    receiptNumber: found.payment.receiptNumber!,
    amountFils: found.payment.amountFils,
    paidAt: found.payment.completedAt!,
    gatewayReference: found.payment.gatewayReference ?? "",
    applicationReference: found.reference ?? "",
    service: service?.title ?? { ar: found.serviceId, en: found.serviceId },
    payer: found.payer,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${found.payment.receiptNumber}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
