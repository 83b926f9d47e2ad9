import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireKioskPerson } from "~/kiosk/device.server";
import { completePayment } from "~/payments/payments.server";
import { getDb, getRuntime, paymentGatewayOf } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";

/**
 * The card terminal's answer. Only an answer signed by the terminal's gateway counts, and each
 * payment takes one answer; then the application, with the receipt to print or why it was not paid.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireKioskPerson(request);
  const runtime = getRuntime();
  const answer = paymentGatewayOf(runtime, "terminal")?.readAnswer(new URL(request.url).searchParams) ?? null;
  invariantResponse(answer, "Bad Request", { status: 400 });
  const completed = await completePayment(getDb(), { catalogue: runtime.catalogue }, answer, "kiosk");
  const { payment } = completed;
  invariantResponse(payment, "Bad Request", { status: 400 });
  const notice =
    payment.status === "paid"
      ? "paid"
      : payment.status === "duplicate" || payment.status === "refunded"
        ? "duplicate"
        : payment.status === "declined"
          ? "declined"
          : "cancelled";
  return redirect(`/kiosk/applications/${payment.applicationId}?payment=${notice}`);
}
