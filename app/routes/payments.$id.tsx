import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getOwnPayment } from "~/payments/payments.server";
import { getDb, getRuntime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** After paying: the receipt; or why nothing was taken, with a way to try again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const found = await getOwnPayment(getDb(), viewer.person.id, params.id ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  const { payment } = found;
  const service = getRuntime().catalogue.get(found.serviceId, found.serviceVersion);
  return json({
    title: payment.status === "paid" ? t("payment:meta.receipt", { number: payment.receiptNumber ?? "" }) : t("payment:meta.declined"),
    id: payment.id,
    status: payment.status,
    applicationId: payment.applicationId,
    receipt:
      payment.status === "paid"
        ? {
            number: payment.receiptNumber!,
            amount: formatMoney(payment.amountFils, lang),
            paidAt: formatDateTime(payment.completedAt!, lang),
            gatewayReference: payment.gatewayReference ?? "",
            application: found.reference ?? "",
            service: service?.title[lang] ?? found.serviceId,
          }
        : null,
  });
}

export default function Payment() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("payment");
  if (!data.receipt) {
    const kind = data.status === "declined" ? "declined" : "cancelled";
    return (
      <div className="page page--narrow">
        <h1>{t(`failed.${kind}Title`)}</h1>
        <p>{t(`failed.${kind}`)}</p>
        <div className="actions">
          <Form method="post" action={`/applications/${data.applicationId}`}>
            <button type="submit" name="intent" value="pay" className="button">
              {t("failed.tryAgain")}
            </button>
          </Form>
          <Link to={`/applications/${data.applicationId}`}>{t("failed.back")}</Link>
        </div>
      </div>
    );
  }
  const { receipt } = data;
  return (
    <div className="page page--narrow">
      <div className="panel">
        <h1>{t("receipt.title")}</h1>
        <p>{t("receipt.number")}</p>
        <p className="panel__reference">
          <bdi dir="ltr">{receipt.number}</bdi>
        </p>
      </div>
      <p className="lead">{t("receipt.lead")}</p>
      <dl className="summary">
        <dt>{t("receipt.amount")}</dt>
        <dd>{receipt.amount}</dd>
        <dt>{t("receipt.paidAt")}</dt>
        <dd>{receipt.paidAt}</dd>
        <dt>{t("receipt.method")}</dt>
        <dd>{t("receipt.knet")}</dd>
        <dt>{t("receipt.gatewayReference")}</dt>
        <dd className="ltr-value">{receipt.gatewayReference}</dd>
        <dt>{t("receipt.service")}</dt>
        <dd>{receipt.service}</dd>
        <dt>{t("receipt.application")}</dt>
        <dd className="ltr-value">{receipt.application}</dd>
      </dl>
      <div className="actions">
        <a href={`/payments/${data.id}/receipt.pdf`} className="button" download>
          {t("receipt.download")}
        </a>
        <Link to={`/applications/${data.applicationId}`}>{t("receipt.back")}</Link>
      </div>
    </div>
  );
}
