import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPageI18n } from "~/i18n/page.server";
import { completePayment } from "~/payments/payments.server";
import { getDb, getRuntime, paymentGatewayOf } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["payment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/**
 * Where the gateway sends the payer back with its answer. Only an answer signed by the gateway
 * counts, and each payment takes one answer (a reload or a replay changes nothing); then the
 * payer sees the receipt, or why it was not paid.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const runtime = getRuntime();
  const answer = paymentGatewayOf(runtime)?.readAnswer(new URL(request.url).searchParams) ?? null;
  if (answer) {
    const completed = await completePayment(getDb(), { catalogue: runtime.catalogue }, answer);
    if (completed.ok || completed.payment) return redirect(`/payments/${answer.paymentId}`);
  }
  const { t } = await getPageI18n(request);
  return json({ title: t("payment:meta.declined") }, { status: 400 });
}

export default function PaymentCallback() {
  useLoaderData<typeof loader>();
  const { t } = useTranslation("payment");
  return (
    <div className="page page--narrow">
      <h1>{t("failed.declinedTitle")}</h1>
      <p>{t("callback.invalid")}</p>
    </div>
  );
}
