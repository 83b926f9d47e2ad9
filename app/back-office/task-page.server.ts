import { recordAudit } from "../audit/audit.server";
import type { Viewer } from "../auth/permissions";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import { buildPageView, type TypedValues } from "../catalogue/field-view";
import type { FieldProblem } from "../catalogue/form-schema";
import { getOwnApplication } from "../applications/applicant-view.server";
import { factsOf } from "../engine/facts";
import type { TransitionFailure } from "../engine/run.server";
import type { ClaimFailure } from "../engine/transitions.server";
import { getTimeline } from "../engine/history.server";
import { getAgencies } from "../agencies/queries.server";
import { type Language } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../i18n/format";
import { kuwaitMidnight } from "../i18n/dates";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb, getRuntime } from "../runtime.server";
import { heldUploads } from "../uploads/uploads.server";
import { answersOf, clerksFor, exchangeResultsOf, getTaskForClerk, whoDecided } from "./task-view.server";
import { operations } from "../agencies";
import { showAnswer } from "../exchange/answer-facts";
import { showValue } from "../certificates/render.server";
import { runRule } from "../catalogue/rules";

// The task page of the back office, built for the clerk who opens it.

type PageT = ReturnType<typeof getFixedT>;

/** The form names of a task's own fields, apart from the decision's. */
export const VALUE_PREFIX = "value.";

/** Why a decision or a claim was refused, with what the clerk typed, to show again. */
export interface TaskRefusal {
  reason: TransitionFailure | ClaimFailure;
  problems: Record<string, FieldProblem>;
  typed: TypedValues;
  comment: string;
  fieldsToFix: string[];
}

/**
 * A task as its clerk sees it: the application's answers and history, what the agencies answered,
 * who holds it, and the decision's form (with a refusal and what was typed, after one). Null when
 * the viewer may not open it. Opening it is audited as a read of the applicant's data.
 */
export async function taskPage(input: {
  viewer: Extract<Viewer, { kind: "staff" }>;
  lang: Language;
  t: PageT;
  meta: RequestMeta;
  taskId: string;
  refused?: TaskRefusal;
}) {
  const { viewer, lang, t, refused } = input;
  const db = getDb();
  const { catalogue } = getRuntime();
  const task = await getTaskForClerk(db, catalogue, viewer, input.taskId);
  if (!task) return null;
  // Opening an application is a read of someone else's personal data: audited, and the applicant sees it.
  if (!refused) {
    await recordAudit(db, {
      ...auditFields(input.meta),
      actorAccountId: viewer.accountId,
      action: "application.viewed",
      subjectType: "application",
      subjectId: task.application.id,
      details: { step: task.instance.stepId },
    });
  }
  const facts = factsOf(task.application, task.person.civilId);
  const [timeline, own, people, exchanged, decidedBy, held] = await Promise.all([
    getTimeline(db, catalogue, task.application, lang, "staff"),
    getOwnApplication(db, catalogue, task.application.applicantPersonId, task.application.id),
    clerksFor(db, task.instance),
    exchangeResultsOf(db, task),
    refused?.reason === "already-decided" ? whoDecided(db, task.instance.id, lang) : Promise.resolve(null),
    heldUploads(db, task.application.id),
  ]);
  const agencies = await getAgencies(db, [...new Set(exchanged.flatMap((row) => (row.agencyId ? [row.agencyId] : [])))]);
  const agencyNames = new Map(agencies.map((agency) => [agency.id, displayName(agency, lang)]));
  const isSupervisor = task.actor.role === "supervisor";
  const isMine = task.instance.assignedAccountId === viewer.accountId;
  const fields = buildPageView({ id: "task", title: task.step.title, fields: task.step.fields ?? [] }, facts, lang, i18nFor(lang).getFixedT(lang, "forms"), {
    typed: refused?.typed,
    problems: refused?.problems,
    prefix: VALUE_PREFIX,
  }).fields;
  return {
    title: `${task.step.title[lang]} — ${task.application.reference ?? ""} — ${t("common:brand.name")}`,
    id: task.instance.id,
    version: task.instance.version,
    isOpen: task.instance.state === "active",
    reference: task.application.reference ?? "",
    service: task.service.title[lang],
    step: task.step.title[lang],
    applicant: { name: displayName(task.person, lang), civilId: task.person.civilId },
    deadline: task.instance.deadlineAt ? formatDateTime(task.instance.deadlineAt, lang) : null,
    isLate: task.instance.lateAt !== null,
    answers: answersOf(task, lang),
    /** Files the malware scan has not cleared: shown, never linked. */
    heldFiles: Object.fromEntries(held.map((upload) => [upload.id, upload.scanStatus === "infected" ? ("infected" as const) : ("awaiting-scan" as const)])),
    reasons: (own?.reasons ?? []).map((reason) => reason[lang]),
    fields,
    actions: Object.entries(task.step.actions).map(([action, definition]) => ({
      id: action,
      label: definition.label[lang],
      isCommentRequired: definition.isCommentRequired,
      namesFieldsToFix: Boolean(definition.namesFieldsToFix),
    })),
    claim: {
      holder: people.holder ? displayName(people.holder, lang) : null,
      isMine,
      isSupervisor,
      canDecide: isMine || isSupervisor,
      clerks: isSupervisor ? people.clerks.map((clerk) => ({ accountId: clerk.accountId, name: displayName(clerk, lang) })) : [],
    },
    // What the decision rests on, worked out from what is known now; a figure that cannot be (an agency did not find the person) is left out.
    figures: (task.step.shows ?? []).flatMap((shown) => {
      try {
        return [
          { label: shown.label[lang], value: showValue({ format: shown.format, value: runRule(shown.value, facts) } as Parameters<typeof showValue>[0], lang) },
        ];
      } catch {
        return [];
      }
    }),
    exchanged: exchanged.map((row) => ({
      id: row.id,
      step: row.step?.title[lang] ?? row.stepId,
      agency: agencyNames.get(row.agencyId ?? "") ?? row.agencyId ?? "",
      at: row.completedAt ? formatDateTime(row.completedAt, lang) : "",
      isFound: row.outcome === "found",
      // What the agency answered, as labelled facts; the raw answer stays for audit.
      reading: row.outcome === "found" && row.step?.kind === "exchange" ? readAnswer(row.step.operation, row.result, lang, t) : [],
      answer: JSON.stringify(row.result ?? {}, null, 2),
    })),
    decidedBy,
    refusal: refused?.reason ?? null,
    comment: refused?.comment ?? "",
    fieldsToFix: refused?.fieldsToFix ?? [],
    timeline,
  };
}

/** An exchange step's answer as its operation's contract presents it, in the reader's language; nothing when it does not parse. */
function readAnswer(operation: string, result: unknown, lang: Language, t: ReturnType<typeof getFixedT>) {
  const contract = operations.get(operation);
  const parsed = contract?.response.safeParse(result);
  if (!contract || !parsed?.success) return [];
  return showAnswer(contract.present(parsed.data), lang, {
    yes: t("staff:task.yes"),
    no: t("staff:task.no"),
    money: (fils) => formatMoney(fils, lang),
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(kuwaitMidnight(iso), lang) : iso),
    count: (value) => formatNumber(value, lang),
  });
}
