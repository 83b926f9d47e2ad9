import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getOwnPayment } from "~/payments/payments.server";
import { Notice } from "~/ui/fields";
import { takenPaymentStatuses } from "../../db/schema/payments";
import { getDb, getRuntime } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["payment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** After paying: the receipt; or why nothing was taken, with a way to try again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const found = await getOwnPayment(getDb(), viewer.person.id, params.id ?? "");
  invariantResponse(found, "Not Found", { status: 404 });
  const { payment } = found;
  const service = getRuntime().catalogue.get(found.serviceId, found.serviceVersion);
  const isTaken = (takenPaymentStatuses as readonly string[]).includes(payment.status);
  return json({
    title: isTaken ? t("payment:meta.receipt", { number: payment.receiptNumber ?? "" }) : t("payment:meta.declined"),
    id: payment.id,
    status: payment.status,
    isNotApplicable: payment.refundReason === "not-applicable",
    applicationId: payment.applicationId,
    receipt: isTaken
      ? {
          number: payment.receiptNumber!,
          amount: formatMoney(payment.amountFils, lang),
          paidAt: formatDateTime(payment.completedAt!, lang),
          gatewayReference: payment.gatewayReference ?? "",
          application: found.reference ?? "",
          service: service?.title[lang] ?? found.serviceId,
        }
      : null,
    // A second payment of a fee already paid: refunded, or on its way back.
    refund:
      payment.status === "refunded"
        ? {
            number: payment.refundReceiptNumber!,
            amount: formatMoney(payment.amountFils, lang),
            refundedAt: formatDateTime(payment.refundedAt!, lang),
            reference: payment.refundReference!,
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
  const { receipt, refund } = data;
  const isDuplicate = data.status === "duplicate" || data.status === "refunded";
  return (
    <div className="page page--narrow">
      {isDuplicate ? (
        <>
          <h1>{data.isNotApplicable ? t("duplicate.notApplicableTitle") : t("duplicate.title")}</h1>
          <Notice tone={refund ? "success" : undefined}>
            <p>
              {data.isNotApplicable
                ? refund
                  ? t("duplicate.notApplicableRefundedLead")
                  : t("duplicate.notApplicableLead")
                : refund
                  ? t("duplicate.refundedLead")
                  : t("duplicate.lead")}
            </p>
          </Notice>
          <h2>{t("refund.title")}</h2>
          {refund ? (
            <>
              <dl className="summary">
                <dt>{t("refund.number")}</dt>
                <dd className="ltr-value">{refund.number}</dd>
                <dt>{t("refund.amount")}</dt>
                <dd>{refund.amount}</dd>
                <dt>{t("refund.refundedAt")}</dt>
                <dd>{refund.refundedAt}</dd>
                <dt>{t("refund.reference")}</dt>
                <dd className="ltr-value">{refund.reference}</dd>
              </dl>
              <p>
                <a href={`/payments/${data.id}/refund.pdf`} className="button" download>
                  {t("refund.download")}
                </a>
              </p>
            </>
          ) : (
            <p>{t("refund.pending")}</p>
          )}
          <h2>{t("refund.originalReceipt")}</h2>
        </>
      ) : (
        <>
          <div className="panel">
            <h1>{t("receipt.title")}</h1>
            <p>{t("receipt.number")}</p>
            <p className="panel__reference">
              <bdi dir="ltr">{receipt.number}</bdi>
            </p>
          </div>
          <p className="lead">{t("receipt.lead")}</p>
        </>
      )}
      <dl className="summary">
        {isDuplicate ? (
          <>
            <dt>{t("receipt.number")}</dt>
            <dd className="ltr-value">{receipt.number}</dd>
          </>
        ) : null}
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
        <a href={`/payments/${data.id}/receipt.pdf`} className={isDuplicate ? "button button--secondary" : "button"} download>
          {t("receipt.download")}
        </a>
        <Link to={`/applications/${data.applicationId}`}>{t("receipt.back")}</Link>
      </div>
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
