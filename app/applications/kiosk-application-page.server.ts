import { getAgencies } from "../agencies/queries.server";
import { getTimeline } from "../engine/history.server";
import { displayName } from "../i18n/names";
import { type Language } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import { formatDate, formatMoney } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import type { kioskPersonOf } from "../kiosk/sessions.server";
import { listPaidPayments } from "../payments/payments.server";
import { getDb, getRuntime } from "../runtime.server";
import type { ApplicationStatus } from "../../db/schema";
import { applicantStepViews } from "./applicant-actions.server";
import { waitForPage, type OwnApplication } from "./application-page.server";
import { bannersOf } from "../ops/status.server";

// The kiosk's page of one application: where it stands, what can be paid at the terminal, the
// receipts and certificate to print, and its history, for the person at the kiosk.

/** What the kiosk says of a payment that did not go through: the terminal's answer, or why it could not start. */
export const paymentNotices = ["paid", "declined", "cancelled", "duplicate", "unavailable", "nothing"] as const;
export type PaymentNotice = (typeof paymentNotices)[number];

type KioskSession = NonNullable<Awaited<ReturnType<typeof kioskPersonOf>>>;

export async function kioskApplicationPage(input: {
  found: OwnApplication;
  session: KioskSession;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  notice: PaymentNotice | null;
}) {
  const { found, session, lang, t, notice } = input;
  const db = getDb();
  const { application, service, openSteps, reasons, certificate } = found;
  const waitedOn = new Set(openSteps.flatMap((step) => (step.agencyId && !step.isYours ? [step.agencyId] : [])));
  const [paid, timeline, notices, agencies] = await Promise.all([
    listPaidPayments(db, application.id),
    getTimeline(db, getRuntime().catalogue, application, lang),
    // The notices operators posted about the agencies these steps wait on.
    bannersOf(db, lang, waitedOn),
    getAgencies(db, [...waitedOn]),
  ]);
  const agencyName = new Map(agencies.map((agency) => [agency.id, displayName(agency, lang)]));
  const yours = applicantStepViews(found, session.civilId, lang, i18nFor(lang).getFixedT(lang, "forms"));
  return {
    title: t("kiosk:application.meta", { reference: application.reference ?? "" }),
    // When this was read, by the server's clock: of a loaded and a polled copy, the newer is shown.
    observedAt: Date.now(),
    id: application.id,
    reference: application.reference ?? "",
    service: service?.title[lang] ?? getRuntime().catalogue.titleOf(application.serviceId, lang),
    status: application.status as ApplicationStatus,
    submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : "",
    payment: yours.flatMap((step) => (step.kind === "payment" ? [{ amount: step.amount, forewarning: step.forewarning }] : []))[0] ?? null,
    // Other things the applicant must do (a document, a slot) need the web portal's pages.
    hasWebOnlySteps: yours.some((step) => step.kind !== "payment"),
    isWaitingForAgencies: application.status === "in-progress" && yours.length === 0,
    openSteps: openSteps
      .filter((step) => !step.isYours)
      .map((step) => ({
        id: step.id,
        title: step.title[lang],
        agency: step.agencyId ? (agencyName.get(step.agencyId) ?? step.agencyId) : null,
        wait: waitForPage(step.wait, lang),
        notices: step.agencyId ? notices.filter((one) => one.components.includes(step.agencyId!)) : [],
      })),
    receipts: paid.map((payment) => ({
      id: payment.id,
      number: payment.receiptNumber ?? "",
      amount: formatMoney(payment.amountFils, lang),
      status: payment.status,
    })),
    reasons: reasons.map((reason) => reason[lang]),
    certificate: certificate?.status === "valid" ? certificate.number : null,
    timeline,
    notice,
  };
}
