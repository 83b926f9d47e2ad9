import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/auth/guards.server";
import { getOwnReceipt } from "~/payments/payments.server";
import { renderReceiptPdf } from "~/payments/receipt.server";
import { getDb, getRuntime } from "~/runtime.server";
import { contentDisposition } from "~/http/content-disposition";
import { invariantResponse } from "~/http/invariant";

/** The receipt of a paid payment as a PDF, to the payer only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const receipt = await getOwnReceipt(getDb(), getRuntime().catalogue, viewer.person.id, params.id ?? "");
  invariantResponse(receipt, "Not Found", { status: 404 });
  const pdf = await renderReceiptPdf(receipt);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("attachment", `${receipt.receiptNumber}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
