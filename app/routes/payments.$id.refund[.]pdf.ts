import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { contentDisposition } from "~/http/content-disposition";
import { getOwnRefundReceipt } from "~/payments/payments.server";
import { renderReceiptPdf } from "~/payments/receipt.server";
import { getDb, getRuntime } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";

/** The refund receipt of a payment received twice, once it is refunded, as a PDF, to the payer only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const receipt = await getOwnRefundReceipt(getDb(), getRuntime().catalogue, viewer.person.id, params.id ?? "");
  invariantResponse(receipt?.refund, "Not Found", { status: 404 });
  const pdf = await renderReceiptPdf(receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", `${receipt.refund.number}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
