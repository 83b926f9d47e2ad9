import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBanners } from "~/ui/status-banners";
import { FinishButton } from "~/ui/kiosk-idle";
import { getOwnApplication } from "~/applications/applicant-view.server";
import { kioskApplicationPage, paymentNotices, type PaymentNotice } from "~/applications/kiosk-application-page.server";
import { getPageI18n } from "~/i18n/page.server";
import { requireKioskPerson } from "~/kiosk/device.server";
import { startPayment } from "~/payments/payments.server";
import { getDb, getRuntime, paymentGatewayOf } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { Timeline } from "~/ui/timeline";
import { Forewarning } from "~/ui/forewarning";
import { LiveUpdates, useLiveData } from "~/ui/live-updates";
import { isInMotion, latestEvent, progressSignature } from "~/applications/progress";
import type { RouteHandle } from "~/http/route-handle";
import { invariantResponse } from "~/http/invariant";

export const handle: RouteHandle = { i18n: ["dashboard", "payment"], isPersonal: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function pageData(request: Request, applicationId: string, notice: PaymentNotice | null) {
  const { session } = await requireKioskPerson(request);
  const { lang, t } = await getPageI18n(request);
  const found = await getOwnApplication(getDb(), getRuntime().catalogue, session.personId, applicationId);
  invariantResponse(found, "Not Found", { status: 404 });
  if (found.application.status === "draft") throw redirect(`/kiosk/apply/${found.application.id}`);
  return kioskApplicationPage({ found, session, lang, t, notice });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const notice = new URL(request.url).searchParams.get("payment");
  return json(await pageData(request, params.id ?? "", paymentNotices.find((known) => known === notice) ?? null));
}

/** Pay at the kiosk's card terminal. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await requireKioskPerson(request);
  const applicationId = params.id ?? "";
  const gateway = paymentGatewayOf(getRuntime(), "terminal");
  if (!gateway) return json(await pageData(request, applicationId, "unavailable"), { status: 503 });
  const started = await startPayment(getDb(), { applicationId, personId: session.personId, gateway: gateway.id });
  if (!started.ok) return json(await pageData(request, applicationId, "nothing"), { status: 409 });
  return redirect(gateway.checkoutUrl(started.payment));
}

export default function KioskApplication() {
  // While the agencies work on it (a few seconds for a renewal that goes straight through), the screen follows by itself.
  const data = useLiveData(useLoaderData<typeof loader>(), isInMotion);
  const { t } = useTranslation("kiosk");
  const { t: tDashboard } = useTranslation("dashboard");
  return (
    <div className="kiosk-screen">
      <p className="muted">{data.service}</p>
      <h1>
        <bdi dir="ltr">{data.reference}</bdi>
      </h1>
      <p className="lead">
        <span className={`badge badge--status-${data.status}`}>{tDashboard(`applications.statuses.${data.status}`)}</span>{" "}
        {t("home.submitted", { date: data.submitted })}
      </p>
      <LiveUpdates
        signature={progressSignature(data)}
        isMoving={false}
        message={t("application.changed", { status: tDashboard(`applications.statuses.${data.status}`), latest: latestEvent(data) ?? "" })}
      />
      {data.notice ? (
        <div className="notice" role="alert">
          <p>{t(`application.notices.${data.notice}`)}</p>
        </div>
      ) : null}

      {data.certificate ? (
        <section aria-labelledby="certificate" className="kiosk-panel">
          <h2 id="certificate">{t("application.certificateTitle")}</h2>
          <p>{t("application.certificateLead", { number: data.certificate })}</p>
          <Link to={`/kiosk/print/certificate/${data.certificate}`} className="kiosk-button">
            {t("print.certificateAction", { number: data.certificate })}
          </Link>
        </section>
      ) : null}

      {data.payment ? (
        <section aria-labelledby="pay" className="kiosk-panel">
          <h2 id="pay">{t("application.payTitle")}</h2>
          <p className="kiosk-amount">{data.payment.amount}</p>
          <Forewarning forewarning={data.payment.forewarning} />
          <p>{t("application.payLead")}</p>
          <Form method="post">
            <button type="submit" className="kiosk-button">
              {t("application.pay", { amount: data.payment.amount })}
            </button>
          </Form>
        </section>
      ) : null}

      {data.hasWebOnlySteps ? <Notice>{t("application.onTheWeb")}</Notice> : null}

      {data.isWaitingForAgencies ? (
        <section aria-labelledby="waiting" className="kiosk-panel">
          <h2 id="waiting">{t("application.waitingTitle")}</h2>
          <ul>
            {data.openSteps.map((step) => (
              <li key={step.id}>
                {step.agency ? t("application.waitingFor", { step: step.title, agency: step.agency }) : step.title}
                <StatusBanners notices={step.notices} hasLink={false} />
                {step.wait ? (
                  <p>
                    {step.wait.kind === "maintenance"
                      ? step.wait.until
                        ? t("application.maintenanceUntil", { until: step.wait.until })
                        : t("application.maintenance")
                      : t(`application.${step.wait.kind}`)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="muted">{t("application.waitingLead")}</p>
        </section>
      ) : null}

      {data.reasons.length ? (
        <section aria-labelledby="reasons" className="kiosk-panel">
          <h2 id="reasons">{t("application.reasons")}</h2>
          <ul>
            {data.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.receipts.length ? (
        <section aria-labelledby="receipts">
          <h2 id="receipts">{t("application.receipts")}</h2>
          <ul className="kiosk-list">
            {data.receipts.map((receipt) => (
              <li key={receipt.id}>
                <p>
                  <bdi dir="ltr">{receipt.number}</bdi> · {receipt.amount}
                  {receipt.status === "duplicate" || receipt.status === "refunded" ? <> · {t(`application.receiptStatus.${receipt.status}`)}</> : null}
                </p>
                <Link to={`/kiosk/print/receipt/${receipt.id}`} className="kiosk-button kiosk-button--secondary">
                  {t("print.receiptAction", { number: receipt.number })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history">
        <h2 id="history">{t("application.history")}</h2>
        <Timeline entries={data.timeline} />
      </section>

      <div className="kiosk-actions">
        <Link to="/kiosk/home" className="kiosk-button kiosk-button--secondary">
          {t("application.back")}
        </Link>
        <FinishButton />
      </div>
    </div>
  );
}
