import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { answerCheckout, type GatewayOutcome } from "~/payments/gateway.server";
import { requireSimulatedGateway } from "~/runtime.server";
import { TextField } from "~/ui/fields";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["payment"], isOpenWhenReadOnly: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The simulated KNET gateway (embedded demo only): its own page where the payer pays, has the
// card declined, or cancels; it answers the portal with a signed callback. It shares nothing with
// the portal but the HMAC key, as a bank's gateway would.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const checkout = requireSimulatedGateway("online").readCheckout(params.paymentId ?? "", new URL(request.url).searchParams);
  const { lang, t } = await getPageI18n(request);
  return json(
    { title: t("payment:meta.gateway"), amount: checkout ? formatMoney(checkout.amountFils, lang) : null },
    { status: checkout ? 200 : 400, headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const intent = String((await readForm(request)).get("intent"));
  const outcome: GatewayOutcome = intent === "pay" ? "paid" : intent === "decline" ? "declined" : "cancelled";
  const answer = answerCheckout(requireSimulatedGateway("online"), params.paymentId ?? "", new URL(request.url).searchParams, outcome);
  invariantResponse(answer, "Bad Request", { status: 400 });
  return redirect(answer);
}

export default function KnetGateway() {
  const { amount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("payment");
  return (
    <div className="page page--narrow gateway">
      <p className="notice">{t("gateway.banner")}</p>
      <h1>{t("gateway.title")}</h1>
      {amount === null ? (
        <p className="field__error">{t("gateway.invalid")}</p>
      ) : (
        <>
          <dl className="summary">
            <div>
              <dt>{t("gateway.merchant")}</dt>
              <dd>{t("gateway.merchantName")}</dd>
            </div>
            <div>
              <dt>{t("gateway.amount")}</dt>
              <dd>
                <strong>{amount}</strong>
              </dd>
            </div>
          </dl>
          <Form method="post" className="form">
            <div className="field">
              <label className="field__label" htmlFor="field-bank">
                {t("gateway.bank")}
              </label>
              <select id="field-bank" name="bank" className="input" defaultValue="nbk">
                {(["nbk", "kfh", "gbk", "boubyan"] as const).map((bank) => (
                  <option key={bank} value={bank}>
                    {t(`gateway.banks.${bank}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              name="card"
              label={t("gateway.card")}
              hint={t("gateway.cardHint")}
              defaultValue="4000 0000 0000 0001"
              inputMode="numeric"
              dir="ltr"
              autoComplete="off"
            />
            <TextField name="expiry" label={t("gateway.expiry")} defaultValue="12/29" dir="ltr" autoComplete="off" />
            <TextField name="pin" type="password" label={t("gateway.pin")} defaultValue="1234" inputMode="numeric" dir="ltr" autoComplete="off" />
            <div className="actions">
              <button type="submit" name="intent" value="pay" className="button">
                {t("gateway.pay")}
              </button>
              <button type="submit" name="intent" value="decline" className="button button--secondary">
                {t("gateway.decline")}
              </button>
              <button type="submit" name="intent" value="cancel" className="button button--secondary">
                {t("gateway.cancel")}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
