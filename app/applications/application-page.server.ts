import type { Viewer } from "../auth/permissions";
import { getAgencies } from "../agencies/queries.server";
import { getTimeline } from "../engine/history.server";
import { type Language } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import { formatDate, formatDateTime, formatMoney } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { listPaidPayments } from "../payments/payments.server";
import { ratingOf, type RatingProblem } from "../ratings/ratings.server";
import { getDb, getRuntime } from "../runtime.server";
import type { ApplicationStatus } from "../../db/schema";
import { bannersOf } from "../ops/status.server";
import { applicantStepViews, type Refused } from "./applicant-actions.server";
import type { AgencyWait, getOwnApplication } from "./applicant-view.server";

// The applicant's page of one application: where it stands, what waits for them, what they
// paid, and its history, in their language.

export type OwnApplication = NonNullable<Awaited<ReturnType<typeof getOwnApplication>>>;

export async function applicationPage(input: {
  found: OwnApplication;
  viewer: Extract<Viewer, { kind: "citizen" }>;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  refused?: Refused;
  paymentProblem?: "unavailable" | "nothing";
  /** A rating the applicant sent that could not be kept: what was wrong, and the comment they wrote. */
  ratingRefused?: { problems: Partial<Record<"rating" | "comment", RatingProblem>>; comment: string };
  isRated?: boolean;
}) {
  const { found, viewer, lang, t, refused, paymentProblem, ratingRefused } = input;
  const db = getDb();
  const { catalogue } = getRuntime();
  const { application, service, openSteps, reasons, certificate } = found;
  const [timeline, agencies, notices, paid, rating] = await Promise.all([
    getTimeline(db, catalogue, application, lang),
    getAgencies(db, [...new Set(openSteps.flatMap((step) => (step.agencyId ? [step.agencyId] : [])))]),
    // The notices operators posted about the agencies these steps wait on.
    bannersOf(db, lang, new Set(openSteps.flatMap((step) => (step.agencyId && !step.isYours ? [step.agencyId] : [])))),
    listPaidPayments(db, application.id),
    ratingOf(db, application.id),
  ]);
  const agencyName = new Map(agencies.map((agency) => [agency.id, displayName(agency, lang)]));
  // What the clerk said with the latest decision, shown with what waits for the applicant.
  const lastDecision = [...timeline].reverse().find((entry) => entry.action === "task-decided");
  return {
    // When this was read, by the server's clock: of a loaded and a polled copy, the newer is shown.
    observedAt: Date.now(),
    title: `${refused ? `${t("common:errors.summaryTitle")}: ` : ""}${t("application:meta.title", { reference: application.reference ?? "" })}`,
    id: application.id,
    lastMessage: lastDecision?.comment ? lastDecision : null,
    yours: applicantStepViews(found, viewer.person.civilId, lang, i18nFor(lang).getFixedT(lang, "forms"), refused),
    paymentProblem: paymentProblem ?? null,
    receipts: paid.map((payment) => ({
      id: payment.id,
      number: payment.receiptNumber ?? "",
      amount: formatMoney(payment.amountFils, lang),
      status: payment.status,
    })),
    reference: application.reference ?? "",
    service: service?.title[lang] ?? catalogue.titleOf(application.serviceId, lang),
    status: application.status as ApplicationStatus,
    submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : "",
    openSteps: openSteps.map((step) => ({
      id: step.id,
      title: step.title[lang],
      who: step.isYours ? ("you" as const) : step.agencyId ? ("agency" as const) : ("portal" as const),
      agency: step.agencyId ? (agencyName.get(step.agencyId) ?? step.agencyId) : null,
      instructions: step.instructions?.[lang] ?? null,
      since: formatDateTime(step.startedAt, lang),
      deadline: step.deadlineAt && !step.isYours ? formatDateTime(step.deadlineAt, lang) : null,
      isLate: step.lateAt !== null,
      isPaused: step.pausedAt !== null,
      wait: waitForPage(step.wait, lang),
      notices: step.agencyId && !step.isYours ? notices.filter((notice) => notice.components.includes(step.agencyId!)) : [],
    })),
    reasons: reasons.map((reason) => reason[lang]),
    certificate,
    timeline,
    rating: {
      given: rating?.rating ?? null,
      comment: ratingRefused?.comment ?? rating?.comment ?? "",
      problems: Object.fromEntries(
        Object.entries(ratingRefused?.problems ?? {}).map(([field, problem]) => [field, t(`application:rating.problems.${problem}`)]),
      ) as Partial<Record<"rating" | "comment", string>>,
      isSaved: Boolean(input.isRated),
    },
  };
}

/** Why a step waits on its agency, for a page: the end of a maintenance in the reader's words. */
export function waitForPage(wait: AgencyWait | null, lang: Language) {
  if (!wait) return null;
  return wait.kind === "maintenance" ? { kind: wait.kind, until: wait.until ? formatDateTime(wait.until, lang) : null } : { kind: wait.kind };
}
