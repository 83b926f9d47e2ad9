import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { requireKioskPerson } from "~/kiosk/device.server";
import { answerCheckout, type GatewayOutcome } from "~/payments/gateway.server";
import { requireSimulatedGateway } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";

export const handle: RouteHandle = { isPersonal: true, isOpenWhenReadOnly: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The kiosk's card terminal, simulated (embedded demo only): the screen asks for the card on the
// terminal, and a panel stands in for the terminal's answer (approved or declined), which comes
// back to the portal signed, as a real terminal's would.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireKioskPerson(request);
  const checkout = requireSimulatedGateway("terminal").readCheckout(params.paymentId ?? "", new URL(request.url).searchParams);
  invariantResponse(checkout, "Bad Request", { status: 400 });
  const { lang, t } = await getPageI18n(request);
  return json({ title: t("kiosk:terminal.meta"), amount: formatMoney(checkout.amountFils, lang) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireKioskPerson(request);
  const intent = String((await readForm(request)).get("intent"));
  const outcome: GatewayOutcome = intent === "approve" ? "paid" : intent === "decline" ? "declined" : "cancelled";
  const answer = answerCheckout(requireSimulatedGateway("terminal"), params.paymentId ?? "", new URL(request.url).searchParams, outcome);
  invariantResponse(answer, "Bad Request", { status: 400 });
  return redirect(answer);
}

export default function Terminal() {
  const { amount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kiosk");
  return (
    <div className="kiosk-screen">
      <h1>{t("terminal.title")}</h1>
      <p className="kiosk-amount">{amount}</p>
      <p className="lead">{t("terminal.lead")}</p>
      <section className="kiosk-simulator" aria-labelledby="terminal-simulator">
        <h2 id="terminal-simulator">{t("terminal.simulator")}</h2>
        <p>{t("terminal.simulatorLead")}</p>
        <Form method="post" className="kiosk-actions">
          <button type="submit" name="intent" value="approve" className="kiosk-button">
            {t("terminal.approve")}
          </button>
          <button type="submit" name="intent" value="decline" className="kiosk-button kiosk-button--secondary">
            {t("terminal.decline")}
          </button>
        </Form>
      </section>
      <Form method="post">
        <button type="submit" name="intent" value="cancel" className="kiosk-button kiosk-button--secondary">
          {t("terminal.cancel")}
        </button>
      </Form>
    </div>
  );
}
