import crypto from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, applications, certificates, people, stepInstances, type Application, type StepInstance } from "../../db/schema";
import type { Catalogue } from "../catalogue/registry";
import { validatePage, isPageShown, prefilledValue, type FieldProblem } from "../catalogue/form-schema";
import { runRule } from "../catalogue/rules";
import {
  JOIN,
  type ActionDef,
  type ActionResult,
  type CertificateResult,
  type DecisionResult,
  type Facts,
  type FormPage,
  type ServiceDefinition,
  type Step,
} from "../catalogue/types";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import { kuwaitToday } from "../i18n/dates";
import { enqueueJob } from "../jobs/queue.server";
import { notifyPerson, notifyStaff, type NotificationParams } from "../notifications/notify.server";
import { systemActor, type Actor } from "./actor";
import { formatNumber, nextNumber } from "./counters.server";
import { recordEvent } from "./history.server";

export interface EngineDeps {
  catalogue: Catalogue;
}

export type TransitionFailure =
  | "not-found"
  | "already-decided"
  | "not-allowed"
  | "unknown-action"
  | "comment-required"
  | "invalid-answers"
  | "unknown-field"
  | "not-claimed"
  | "wrong-amount";

export type TransitionResult = { ok: true } | { ok: false; reason: TransitionFailure; problems?: Record<string, FieldProblem> };

const HOUR_MS = 60 * 60 * 1000;

export function factsOf(
  application: Pick<Application, "answers" | "lookups" | "results" | "applicantPersonId" | "reference">,
  civilId: string,
  now = new Date(),
): Facts {
  return {
    answers: application.answers,
    lookups: application.lookups,
    results: application.results,
    applicant: { personId: application.applicantPersonId, civilId },
    reference: application.reference ?? "",
    today: kuwaitToday(now),
  };
}

/** Everything a transition needs, inside its one transaction. */
interface Run {
  tx: Database;
  service: ServiceDefinition;
  application: Application;
  civilId: string;
  actor: Actor;
  now: Date;
  /** The answers a clerk named for the applicant to correct, handed to the applicant step the action leads to. */
  fieldsToFix?: string[];
}

const facts = (run: Run) => factsOf(run.application, run.civilId, run.now);
const notificationParams = (run: Run, step?: Step): NotificationParams => ({
  reference: run.application.reference ?? "",
  service: run.service.title,
  step: step?.title,
});

async function loadRun(tx: Database, deps: EngineDeps, applicationId: string, actor: Actor): Promise<Run | null> {
  const [row] = await tx
    .select({ application: applications, civilId: people.civilId })
    .from(applications)
    .innerJoin(people, eq(people.id, applications.applicantPersonId))
    .where(eq(applications.id, applicationId));
  if (!row) return null;
  const service = deps.catalogue.get(row.application.serviceId, row.application.serviceVersion);
  if (!service) throw new Error(`No definition for ${row.application.serviceId}@${row.application.serviceVersion}`);
  return { tx, service, application: row.application, civilId: row.civilId, actor, now: new Date() };
}

/**
 * Validates the answers of every page that applies and returns them as the definition reads
 * them (money in fils, numbers as numbers, phones normalised). Answers to pages or fields that
 * no longer apply are dropped; prefilled fields are taken from the lookups, never from what was
 * sent.
 */
export function validateAnswers(
  service: ServiceDefinition,
  factsNow: Facts,
): { ok: true; answers: Record<string, unknown> } | { ok: false; problems: Record<string, FieldProblem> } {
  const problems: Record<string, FieldProblem> = {};
  const answers: Record<string, unknown> = {};
  for (const page of service.pages as FormPage[]) {
    if (!isPageShown(page, factsNow)) continue;
    for (const field of page.fields) {
      if (!field.prefill) continue;
      const value = prefilledValue(factsNow, field);
      if (value !== undefined && value !== null) answers[field.id] = value;
    }
    const result = validatePage(page, factsNow.answers, factsNow);
    if (result.ok) Object.assign(answers, result.values);
    else Object.assign(problems, result.problems);
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, answers };
}

// ---- entering and leaving steps -------------------------------------------------------------

type InstanceValues = Omit<typeof stepInstances.$inferInsert, "applicationId" | "serviceId" | "stepId" | "kind" | "parentId">;

async function insertInstance(run: Run, stepId: string, step: Step, parentId: string | null, values: InstanceValues) {
  const [instance] = await run.tx
    .insert(stepInstances)
    .values({ applicationId: run.application.id, serviceId: run.application.serviceId, stepId, kind: step.kind, parentId, startedAt: run.now, ...values })
    .returning();
  return instance!;
}

/** Compare-and-set: completes the instance only if it is still open at the version read. */
async function completeInstance(run: Run, instance: StepInstance, outcome: string | null, result: Record<string, unknown> | null): Promise<boolean> {
  const rows = await run.tx
    .update(stepInstances)
    .set({ state: "completed", version: instance.version + 1, outcome, result, completedAt: run.now, lastError: null })
    .where(and(eq(stepInstances.id, instance.id), eq(stepInstances.version, instance.version), inArray(stepInstances.state, ["active", "waiting"])))
    .returning({ id: stepInstances.id });
  return rows.length === 1;
}

/** Adds what a step left to the application's results, where later rules read it. */
async function recordResult(run: Run, stepId: string, result: unknown): Promise<void> {
  const [updated] = await run.tx
    .update(applications)
    .set({ results: sql`${applications.results} || ${JSON.stringify({ [stepId]: result })}::jsonb` })
    .where(eq(applications.id, run.application.id))
    .returning();
  run.application = updated!;
}

function actionResult(run: Run, stepId: string, action: string, values: Record<string, unknown>): ActionResult {
  const previous = (run.application.results[stepId] as ActionResult | undefined)?.counts ?? {};
  return { action, values, on: kuwaitToday(run.now), counts: { ...previous, [action]: (previous[action] ?? 0) + 1 } };
}

async function enterStep(run: Run, stepId: string, parentId: string | null): Promise<void> {
  const step = run.service.workflow.steps[stepId];
  if (!step) throw new Error(`${run.service.id}: unknown step ${stepId}`);
  const event = { applicationId: run.application.id, stepId };
  switch (step.kind) {
    case "exchange": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "waiting", agencyId: step.agency });
      await enqueueJob(run.tx, "exchange.call", { stepInstanceId: instance.id }, { dedupeKey: `exchange:${instance.id}`, maxAttempts: 50 });
      await recordEvent(
        run.tx,
        systemActor,
        { ...event, stepInstanceId: instance.id, action: "exchange-requested", details: { agency: step.agency } },
        run.now,
      );
      return;
    }
    case "parallel": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "active", result: { joined: 0 } });
      for (const branch of step.branches) await enterStep(run, branch, instance.id);
      return;
    }
    case "decision": {
      const decided = runRule(step.rule, facts(run));
      const next = step.outcomes[decided.outcome];
      if (!next) throw new Error(`${run.service.id}: decision ${stepId} gave unknown outcome ${decided.outcome}`);
      const instance = await insertInstance(run, stepId, step, parentId, {
        state: "completed",
        outcome: decided.outcome,
        result: { reasons: decided.reasons ?? [] },
        completedAt: run.now,
      });
      await recordEvent(
        run.tx,
        systemActor,
        { ...event, stepInstanceId: instance.id, action: "decided-automatically", details: { outcome: decided.outcome, reasons: decided.reasons ?? [] } },
        run.now,
      );
      const previous = (run.application.results[stepId] as DecisionResult | undefined)?.counts ?? {};
      const result: DecisionResult = {
        outcome: decided.outcome,
        reasons: decided.reasons ?? [],
        counts: { ...previous, [decided.outcome]: (previous[decided.outcome] ?? 0) + 1 },
      };
      await recordResult(run, stepId, result);
      return advance(run, instance, next);
    }
    case "task": {
      const instance = await insertInstance(run, stepId, step, parentId, {
        state: "active",
        agencyId: step.agency,
        position: step.position,
        deadlineAt: new Date(run.now.getTime() + step.deadlineHours * HOUR_MS),
      });
      await recordEvent(
        run.tx,
        systemActor,
        { ...event, stepInstanceId: instance.id, action: "assigned", details: { agency: step.agency, position: step.position } },
        run.now,
      );
      return;
    }
    case "applicant": {
      const instance = await insertInstance(run, stepId, step, parentId, {
        state: "active",
        result: run.fieldsToFix?.length ? { fieldsToFix: run.fieldsToFix } : null,
      });
      await recordEvent(run.tx, systemActor, { ...event, stepInstanceId: instance.id, action: "action-needed" }, run.now);
      await notifyPerson(run.tx, run.application.applicantPersonId, "action-needed", notificationParams(run, step), run.application.id);
      return;
    }
    case "payment": {
      const amountFils = runRule(step.fee, facts(run));
      if (!Number.isSafeInteger(amountFils) || amountFils < 0) throw new Error(`${run.service.id}: fee of ${stepId} is not a whole number of fils`);
      const instance = await insertInstance(run, stepId, step, parentId, { state: "active", result: { amountFils } });
      await recordEvent(run.tx, systemActor, { ...event, stepInstanceId: instance.id, action: "payment-due", details: { amountFils } }, run.now);
      await notifyPerson(run.tx, run.application.applicantPersonId, "action-needed", notificationParams(run, step), run.application.id);
      return;
    }
    case "certificate": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "waiting", agencyId: run.service.certificate?.signingAgency ?? null });
      await enqueueJob(run.tx, "certificate.issue", { stepInstanceId: instance.id }, { dedupeKey: `certificate:${instance.id}` });
      return;
    }
    case "end": {
      await insertInstance(run, stepId, step, parentId, { state: "completed", outcome: step.outcome, completedAt: run.now });
      // The case is over: whatever else was still open (another branch) is cancelled.
      await run.tx
        .update(stepInstances)
        .set({ state: "cancelled", completedAt: run.now, version: sql`${stepInstances.version} + 1` })
        .where(and(eq(stepInstances.applicationId, run.application.id), inArray(stepInstances.state, ["active", "waiting"])));
      const [updated] = await run.tx
        .update(applications)
        .set({ status: step.outcome, decidedAt: run.now, waitingOnApplicantSince: null, version: sql`${applications.version} + 1` })
        .where(eq(applications.id, run.application.id))
        .returning();
      run.application = updated!;
      await recordEvent(run.tx, systemActor, { ...event, action: step.outcome }, run.now);
      if (step.outcome !== "withdrawn") {
        await notifyPerson(run.tx, run.application.applicantPersonId, step.outcome, notificationParams(run), run.application.id);
      }
      return;
    }
  }
}

async function advance(run: Run, from: Pick<StepInstance, "parentId">, next: string): Promise<void> {
  if (run.application.status === "approved" || run.application.status === "rejected" || run.application.status === "withdrawn") return;
  if (next !== JOIN) return enterStep(run, next, from.parentId);
  if (!from.parentId) throw new Error(`${run.service.id}: a step joined outside a parallel step`);
  // The parent row is locked so that branches finishing at once count one after the other.
  const [parent] = await run.tx.select().from(stepInstances).where(eq(stepInstances.id, from.parentId)).for("update");
  if (!parent || parent.state !== "active") return;
  const step = run.service.workflow.steps[parent.stepId];
  if (step?.kind !== "parallel") throw new Error(`${run.service.id}: ${parent.stepId} is not a parallel step`);
  const joined = Number(parent.result?.joined ?? 0) + 1;
  if (joined < step.branches.length) {
    await run.tx.update(stepInstances).set({ result: { joined } }).where(eq(stepInstances.id, parent.id));
    return;
  }
  if (!(await completeInstance(run, parent, "joined", { joined }))) return;
  await recordEvent(
    run.tx,
    systemActor,
    { applicationId: run.application.id, stepId: parent.stepId, stepInstanceId: parent.id, action: "branches-joined" },
    run.now,
  );
  return advance(run, parent, step.next);
}

/**
 * The application waits on its applicant while an applicant or payment step is open: its status
 * says so, and the deadlines of open agency tasks stop running until it no longer waits.
 */
async function refreshWaiting(run: Run): Promise<void> {
  if (run.application.status !== "in-progress" && run.application.status !== "action-needed") return;
  const [open] = await run.tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(stepInstances)
    .where(and(eq(stepInstances.applicationId, run.application.id), eq(stepInstances.state, "active"), inArray(stepInstances.kind, ["applicant", "payment"])));
  const isWaiting = (open?.n ?? 0) > 0;
  const nowIso = run.now.toISOString();
  if (isWaiting) {
    await run.tx
      .update(stepInstances)
      .set({ pausedAt: run.now })
      .where(
        and(
          eq(stepInstances.applicationId, run.application.id),
          eq(stepInstances.state, "active"),
          eq(stepInstances.kind, "task"),
          isNull(stepInstances.pausedAt),
        ),
      );
  } else {
    await run.tx
      .update(stepInstances)
      .set({ deadlineAt: sql`${stepInstances.deadlineAt} + (${nowIso}::timestamptz - ${stepInstances.pausedAt})`, pausedAt: null })
      .where(and(eq(stepInstances.applicationId, run.application.id), isNotNull(stepInstances.pausedAt)));
  }
  const status = isWaiting ? "action-needed" : "in-progress";
  const since = isWaiting ? (run.application.waitingOnApplicantSince ?? run.now) : null;
  if (status !== run.application.status || since?.getTime() !== run.application.waitingOnApplicantSince?.getTime()) {
    const [updated] = await run.tx
      .update(applications)
      .set({ status, waitingOnApplicantSince: since, version: sql`${applications.version} + 1` })
      .where(eq(applications.id, run.application.id))
      .returning();
    run.application = updated!;
  }
}

// ---- transitions ---------------------------------------------------------------------------

export interface SubmitInput {
  serviceId: string;
  applicantPersonId: string;
  applicantAccountId: string | null;
  answers: Record<string, unknown>;
  /** What the service's lookups found when the form was filled in (see runLookups). */
  lookups?: Record<string, unknown>;
  actor: Actor;
}

export type SubmitResult =
  | { ok: true; applicationId: string; reference: string; wasAlreadySubmitted?: boolean }
  | { ok: false; reason: "unknown-service" | "not-found" | "invalid-answers"; problems?: Record<string, FieldProblem> };

/** Submits an application: validates every page that applies, numbers it, and starts its workflow. */
export async function submitApplication(db: Database, deps: EngineDeps, input: SubmitInput): Promise<SubmitResult> {
  const service = deps.catalogue.get(input.serviceId);
  if (!service) return { ok: false, reason: "unknown-service" };
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ civilId: people.civilId }).from(people).where(eq(people.id, input.applicantPersonId));
    if (!person) throw new Error("Unknown applicant");
    const now = new Date();
    const lookups = input.lookups ?? {};
    const checked = validateAnswers(
      service,
      factsOf({ answers: input.answers, lookups, results: {}, applicantPersonId: input.applicantPersonId, reference: null }, person.civilId, now),
    );
    if (!checked.ok) return { ok: false, reason: "invalid-answers", problems: checked.problems } as const;
    const reference = await nextReference(tx, now);
    const [application] = await tx
      .insert(applications)
      .values({
        reference,
        serviceId: service.id,
        serviceVersion: service.version,
        applicantAccountId: input.applicantAccountId,
        applicantPersonId: input.applicantPersonId,
        channel: input.actor.channel === "kiosk" ? "kiosk" : "web",
        status: "in-progress",
        answers: checked.answers,
        lookups,
        submittedAt: now,
        updatedAt: now,
      })
      .returning();
    await startWorkflow({ tx, service, application: application!, civilId: person.civilId, actor: input.actor, now });
    return { ok: true, applicationId: application!.id, reference };
  });
}

/**
 * Submits a draft (see drafts.server.ts). Idempotent: the draft's row is locked, and a draft
 * already submitted (a double click, the back button, a retry after a lost answer) answers with
 * the application it became instead of making a second one.
 */
export async function submitDraft(db: Database, deps: EngineDeps, input: { draftId: string; applicantPersonId: string; actor: Actor }): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ application: applications, civilId: people.civilId })
      .from(applications)
      .innerJoin(people, eq(people.id, applications.applicantPersonId))
      .where(and(eq(applications.id, input.draftId), eq(applications.applicantPersonId, input.applicantPersonId)))
      .for("update", { of: applications });
    if (!row) return { ok: false, reason: "not-found" } as const;
    const draft = row.application;
    if (draft.status !== "draft") return { ok: true, applicationId: draft.id, reference: draft.reference!, wasAlreadySubmitted: true } as const;
    const service = deps.catalogue.get(draft.serviceId, draft.serviceVersion);
    if (!service) return { ok: false, reason: "unknown-service" } as const;
    const now = new Date();
    const checked = validateAnswers(service, factsOf(draft, row.civilId, now));
    if (!checked.ok) return { ok: false, reason: "invalid-answers", problems: checked.problems } as const;
    const reference = await nextReference(tx, now);
    const [application] = await tx
      .update(applications)
      .set({ reference, status: "in-progress", answers: checked.answers, submittedAt: now, updatedAt: now, version: sql`${applications.version} + 1` })
      .where(and(eq(applications.id, draft.id), eq(applications.status, "draft")))
      .returning();
    await startWorkflow({ tx, service, application: application!, civilId: row.civilId, actor: input.actor, now });
    return { ok: true, applicationId: application!.id, reference };
  });
}

async function nextReference(tx: Database, now: Date): Promise<string> {
  const year = Number(kuwaitToday(now).slice(0, 4));
  return formatNumber("NAF", year, await nextNumber(tx, "NAF", year));
}

/** Records the submission, tells the applicant, and enters the first step. */
async function startWorkflow(run: Run): Promise<void> {
  await recordEvent(run.tx, run.actor, { applicationId: run.application.id, action: "submitted" }, run.now);
  await notifyPerson(run.tx, run.application.applicantPersonId, "submitted", notificationParams(run), run.application.id);
  await enterStep(run, run.service.workflow.start, null);
  await refreshWaiting(run);
}

async function openInstance(tx: Database, stepInstanceId: string) {
  const [instance] = await tx.select().from(stepInstances).where(eq(stepInstances.id, stepInstanceId));
  return instance;
}

type ActingStep = Extract<Step, { kind: "task" | "applicant" }>;

/** Checks an action on a task or applicant step: that it exists, has its comment, and valid fields. */
function prepareAction(
  run: Run,
  step: ActingStep,
  input: { action: string; comment?: string | null; values?: Record<string, unknown> },
):
  | { ok: true; action: ActionDef; comment: string | null; recorded: Record<string, unknown> }
  | { ok: false; reason: TransitionFailure; problems?: Record<string, FieldProblem> } {
  const action = step.actions[input.action];
  if (!action) return { ok: false, reason: "unknown-action" };
  const comment = input.comment?.trim() || null;
  if (action.isCommentRequired && !comment) return { ok: false, reason: "comment-required" };
  if (!step.fields?.length || action.ignoresFields) return { ok: true, action, comment, recorded: {} };
  const checked = validatePage({ id: "step", title: step.title, fields: step.fields }, input.values ?? {}, facts(run));
  if (!checked.ok) return { ok: false, reason: "invalid-answers", problems: checked.problems };
  return { ok: true, action, comment, recorded: checked.values };
}

export interface DecideInput {
  stepInstanceId: string;
  /** With an action that names them: the answers (form field ids) the applicant must correct; none named, all may be. */
  fieldsToFix?: string[];
  /** The version the clerk saw; a decision on an older view is refused. */
  expectedVersion?: number;
  action: string;
  comment?: string | null;
  values?: Record<string, unknown>;
  actor: Actor;
}

/** Whether this actor may act on this task: a clerk of its agency and position, or a supervisor of the agency. */
export function mayActOnTask(actor: Actor, instance: Pick<StepInstance, "agencyId" | "position">): boolean {
  if (actor.agencyId !== instance.agencyId) return false;
  return actor.role === "supervisor" || (actor.role === "clerk" && actor.position === instance.position);
}

/** A clerk's decision on a task step. Of two decisions on one step, exactly one is recorded. */
export async function decideTask(db: Database, deps: EngineDeps, input: DecideInput): Promise<TransitionResult> {
  return db.transaction(async (tx): Promise<TransitionResult> => {
    const instance = await openInstance(tx, input.stepInstanceId);
    if (!instance || instance.kind !== "task") return { ok: false, reason: "not-found" };
    if (!mayActOnTask(input.actor, instance)) return { ok: false, reason: "not-allowed" };
    if (instance.state !== "active") return { ok: false, reason: "already-decided" };
    // A clerk decides only what they have claimed; a supervisor of the agency may decide any of its steps.
    if (input.actor.role === "clerk" && instance.assignedAccountId !== input.actor.accountId) return { ok: false, reason: "not-claimed" };
    if (input.expectedVersion !== undefined && input.expectedVersion !== instance.version) return { ok: false, reason: "already-decided" };
    const run = await loadRun(tx, deps, instance.applicationId, input.actor);
    const step = run?.service.workflow.steps[instance.stepId];
    if (!run || step?.kind !== "task") return { ok: false, reason: "not-found" };
    const prepared = prepareAction(run, step, input);
    if (!prepared.ok) return prepared;
    const { action, comment, recorded } = prepared;
    const fieldsToFix = action.namesFieldsToFix ? [...new Set(input.fieldsToFix ?? [])] : [];
    const askedFields = new Set(run.service.pages.flatMap((page) => page.fields.filter((field) => !field.prefill).map((field) => field.id)));
    if (fieldsToFix.some((id) => !askedFields.has(id))) return { ok: false, reason: "unknown-field" };
    if (!(await completeInstance(run, instance, input.action, { values: recorded }))) return { ok: false, reason: "already-decided" };
    const details = { action: input.action, values: recorded, ...(fieldsToFix.length ? { fieldsToFix } : {}) };
    await recordEvent(
      tx,
      input.actor,
      { applicationId: run.application.id, stepId: instance.stepId, stepInstanceId: instance.id, action: "task-decided", comment, details },
      run.now,
    );
    run.fieldsToFix = fieldsToFix;
    await recordResult(run, instance.stepId, actionResult(run, instance.stepId, input.action, recorded));
    await advance(run, instance, action.next);
    await refreshWaiting(run);
    return { ok: true };
  });
}

export type ClaimFailure = "not-found" | "not-allowed" | "already-decided" | "already-claimed" | "not-a-clerk-of-the-step";
export type ClaimResult = { ok: true } | { ok: false; reason: ClaimFailure };

/**
 * Who works on a task: a clerk claims an unclaimed step for themselves; a supervisor of the agency
 * gives it to one of its clerks of the step's position, or releases it (`to: null`). Each change
 * moves the step's version on (a decision made on an older view is refused) and is in its history.
 */
export async function assignTask(db: Database, input: { stepInstanceId: string; actor: Actor; to: string | null }): Promise<ClaimResult> {
  return db.transaction(async (tx): Promise<ClaimResult> => {
    const [instance] = await tx.select().from(stepInstances).where(eq(stepInstances.id, input.stepInstanceId)).for("update");
    if (!instance || instance.kind !== "task") return { ok: false, reason: "not-found" };
    if (!mayActOnTask(input.actor, instance) || !input.actor.accountId) return { ok: false, reason: "not-allowed" };
    if (instance.state !== "active") return { ok: false, reason: "already-decided" };
    const isSupervisor = input.actor.role === "supervisor";
    if (!isSupervisor) {
      // A clerk takes a step nobody holds, for themselves, or puts back one they hold.
      if (input.to === null ? instance.assignedAccountId !== input.actor.accountId : input.to !== input.actor.accountId)
        return { ok: false, reason: "not-allowed" };
      if (instance.assignedAccountId === input.to) return { ok: true };
      if (instance.assignedAccountId !== null && input.to !== null) return { ok: false, reason: "already-claimed" };
    }
    if (input.to !== null && input.to !== input.actor.accountId) {
      const [grant] = await tx
        .select({ accountId: accountRoles.accountId })
        .from(accountRoles)
        .where(
          and(
            eq(accountRoles.accountId, input.to),
            eq(accountRoles.role, "clerk"),
            eq(accountRoles.agencyId, instance.agencyId!),
            eq(accountRoles.position, instance.position!),
          ),
        );
      if (!grant) return { ok: false, reason: "not-a-clerk-of-the-step" };
    }
    await tx
      .update(stepInstances)
      .set({ assignedAccountId: input.to, version: sql`${stepInstances.version} + 1` })
      .where(eq(stepInstances.id, instance.id));
    const action = input.to === null ? "released" : input.to === input.actor.accountId ? "claimed" : "reassigned";
    await recordEvent(tx, input.actor, {
      applicationId: instance.applicationId,
      stepId: instance.stepId,
      stepInstanceId: instance.id,
      action,
      details: { to: input.to, from: instance.assignedAccountId },
    });
    return { ok: true };
  });
}

export interface ApplicantActInput {
  stepInstanceId: string;
  action: string;
  comment?: string | null;
  values?: Record<string, unknown>;
  /** For an action that edits the answers (fix and resubmit): the whole corrected set. */
  answers?: Record<string, unknown>;
  actor: Actor;
}

/** The answers a clerk named for the applicant to correct on this open step, or null when any may be. */
export function fieldsToFixOf(instance: Pick<StepInstance, "result">): string[] | null {
  const named = instance.result?.fieldsToFix;
  return Array.isArray(named) && named.length ? named.map(String) : null;
}

/** The applicant's part: fix and resubmit, accept terms, choose a slot. */
export async function actAsApplicant(db: Database, deps: EngineDeps, input: ApplicantActInput): Promise<TransitionResult> {
  return db.transaction(async (tx): Promise<TransitionResult> => {
    const instance = await openInstance(tx, input.stepInstanceId);
    if (!instance || instance.kind !== "applicant") return { ok: false, reason: "not-found" };
    const run = await loadRun(tx, deps, instance.applicationId, input.actor);
    if (!run || input.actor.personId !== run.application.applicantPersonId) return { ok: false, reason: "not-allowed" };
    if (instance.state !== "active") return { ok: false, reason: "already-decided" };
    const step = run.service.workflow.steps[instance.stepId];
    if (step?.kind !== "applicant") return { ok: false, reason: "not-found" };
    const prepared = prepareAction(run, step, input);
    if (!prepared.ok) return prepared;
    const { action, comment, recorded } = prepared;
    let corrected: Record<string, unknown> | null = null;
    if (action.editsAnswers && input.answers) {
      // Only the answers the clerk named change (all of them when none was named).
      const named = fieldsToFixOf(instance);
      const answers = named ? { ...run.application.answers } : input.answers;
      for (const id of named ?? []) {
        if (input.answers[id] === undefined) delete answers[id];
        else answers[id] = input.answers[id];
      }
      const checked = validateAnswers(run.service, factsOf({ ...run.application, answers }, run.civilId, run.now));
      if (!checked.ok) return { ok: false, reason: "invalid-answers", problems: checked.problems };
      corrected = checked.answers;
    }
    if (!(await completeInstance(run, instance, input.action, { values: recorded }))) return { ok: false, reason: "already-decided" };
    if (corrected) {
      const [updated] = await tx
        .update(applications)
        .set({ answers: corrected, version: sql`${applications.version} + 1` })
        .where(eq(applications.id, run.application.id))
        .returning();
      run.application = updated!;
    }
    await recordEvent(
      tx,
      input.actor,
      {
        applicationId: run.application.id,
        stepId: instance.stepId,
        stepInstanceId: instance.id,
        action: "applicant-acted",
        comment,
        details: { action: input.action, values: recorded },
      },
      run.now,
    );
    await recordResult(run, instance.stepId, actionResult(run, instance.stepId, input.action, recorded));
    await advance(run, instance, action.next);
    await refreshWaiting(run);
    return { ok: true };
  });
}

/** A confirmed payment of a payment step (the gateway's callback calls this; it is idempotent). */
export async function recordPayment(
  db: Database,
  deps: EngineDeps,
  input: { stepInstanceId: string; amountFils: number; reference: string; actor: Actor },
): Promise<TransitionResult> {
  return db.transaction(async (tx): Promise<TransitionResult> => {
    const instance = await openInstance(tx, input.stepInstanceId);
    if (!instance || instance.kind !== "payment") return { ok: false, reason: "not-found" };
    if (instance.state !== "active") return { ok: false, reason: "already-decided" };
    if (instance.result?.amountFils !== input.amountFils) return { ok: false, reason: "wrong-amount" };
    const run = await loadRun(tx, deps, instance.applicationId, input.actor);
    const step = run?.service.workflow.steps[instance.stepId];
    if (!run || step?.kind !== "payment") return { ok: false, reason: "not-found" };
    if (!(await completeInstance(run, instance, "paid", { amountFils: input.amountFils, reference: input.reference })))
      return { ok: false, reason: "already-decided" };
    await recordEvent(
      tx,
      input.actor,
      {
        applicationId: run.application.id,
        stepId: instance.stepId,
        stepInstanceId: instance.id,
        action: "paid",
        details: { amountFils: input.amountFils, reference: input.reference },
      },
      run.now,
    );
    await recordResult(run, instance.stepId, { amountFils: input.amountFils, reference: input.reference, on: kuwaitToday(run.now) });
    await advance(run, instance, step.next);
    await refreshWaiting(run);
    return { ok: true };
  });
}

// ---- work done by jobs ---------------------------------------------------------------------

/**
 * Calls the agency of an exchange step (job `exchange.call`). A failure leaves the step waiting
 * with its last error and throws, so the job retries with backoff; the message log has every
 * attempt. Idempotent: a step no longer waiting is left alone.
 */
export async function runExchangeStep(db: Database, deps: EngineDeps, exchange: ExchangeConfig, stepInstanceId: string, attempt: number): Promise<void> {
  const instance = await openInstance(db, stepInstanceId);
  if (!instance || instance.state !== "waiting" || instance.kind !== "exchange") return;
  const run = await loadRun(db, deps, instance.applicationId, systemActor);
  const step = run?.service.workflow.steps[instance.stepId];
  if (!run || step?.kind !== "exchange") return;
  let answer: Awaited<ReturnType<typeof callAgency>>;
  try {
    answer = await callAgency(db, exchange, {
      operation: step.operation,
      payload: runRule(step.request, facts(run)),
      callerServiceId: run.service.id,
      purpose: step.purpose.en,
      applicationId: run.application.id,
      stepInstanceId: instance.id,
      onBehalfOfPersonId: run.application.applicantPersonId,
      onBehalfOfCivilId: run.civilId,
      attempt,
    });
  } catch (error) {
    await db
      .update(stepInstances)
      .set({ lastError: error instanceof Error ? error.message : String(error), attempts: attempt })
      .where(and(eq(stepInstances.id, instance.id), eq(stepInstances.state, "waiting")));
    throw error;
  }
  await db.transaction(async (tx) => {
    const txRun: Run = { ...run, tx, now: new Date(), actor: { accountId: null, role: "agency", agencyId: step.agency, channel: "system" } };
    const current = await openInstance(tx, instance.id);
    const result = answer.found ? { found: true, ...answer.data } : { found: false };
    if (!current || !(await completeInstance(txRun, { ...current, attempts: attempt }, answer.found ? "found" : "not-found", result))) return;
    await recordResult(txRun, instance.stepId, result);
    await recordEvent(
      tx,
      txRun.actor,
      {
        applicationId: run.application.id,
        stepId: instance.stepId,
        stepInstanceId: instance.id,
        action: answer.found ? "exchange-answered" : "exchange-not-found",
        details: { operation: step.operation, attempts: attempt },
      },
      txRun.now,
    );
    await advance(txRun, current, step.next);
    await refreshWaiting(txRun);
  });
}

/** Issues the certificate of a certificate step (job `certificate.issue`): numbered, with a verification code. */
export async function issueCertificateStep(db: Database, deps: EngineDeps, stepInstanceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const instance = await openInstance(tx, stepInstanceId);
    if (!instance || instance.state !== "waiting" || instance.kind !== "certificate") return;
    const run = await loadRun(tx, deps, instance.applicationId, systemActor);
    const step = run?.service.workflow.steps[instance.stepId];
    const template = run?.service.certificate;
    if (!run || step?.kind !== "certificate" || !template) return;
    const year = Number(kuwaitToday(run.now).slice(0, 4));
    const number = formatNumber(template.numberPrefix, year, await nextNumber(tx, template.numberPrefix, year));
    const current = facts(run);
    const fields = template.fields.map((field) => ({ label: field.label, format: field.format, value: runRule(field.value, current) }));
    if (!(await completeInstance(run, instance, "issued", { number }))) return;
    const expiresAt = template.expiresOn
      ? new Date(`${runRule(template.expiresOn, current)}T23:59:59+03:00`)
      : template.validityDays
        ? new Date(run.now.getTime() + template.validityDays * 24 * HOUR_MS)
        : null;
    await tx.insert(certificates).values({
      applicationId: run.application.id,
      serviceId: run.service.id,
      number,
      verificationCode: crypto.randomBytes(15).toString("base64url"),
      holderPersonId: run.application.applicantPersonId,
      signingAgencyId: template.signingAgency,
      data: { title: template.title, fields },
      issuedAt: run.now,
      expiresAt,
    });
    await recordEvent(
      tx,
      { accountId: null, role: "agency", agencyId: template.signingAgency, channel: "system" },
      { applicationId: run.application.id, stepId: instance.stepId, stepInstanceId: instance.id, action: "certificate-issued", details: { number } },
      run.now,
    );
    const issued: CertificateResult = { number, issuedOn: kuwaitToday(run.now), expiresOn: expiresAt ? kuwaitToday(expiresAt) : null };
    await recordResult(run, instance.stepId, issued);
    await notifyPerson(tx, run.application.applicantPersonId, "certificate-ready", notificationParams(run), run.application.id);
    await advance(run, instance, step.next);
    await refreshWaiting(run);
  });
}

/**
 * Marks agency tasks past their deadline (job `deadlines.mark-late`) and tells the agency's
 * supervisors. Paused tasks (the case waits on the applicant) are not late.
 */
export async function markLateSteps(db: Database, deps: EngineDeps, now = new Date(), batch = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const late = await tx
      .update(stepInstances)
      .set({ lateAt: now })
      .where(
        inArray(
          stepInstances.id,
          tx
            .select({ id: stepInstances.id })
            .from(stepInstances)
            .where(and(eq(stepInstances.state, "active"), isNull(stepInstances.lateAt), isNull(stepInstances.pausedAt), lt(stepInstances.deadlineAt, now)))
            .limit(batch),
        ),
      )
      .returning();
    if (late.length === 0) return 0;
    const agencyIds = [...new Set(late.map((step) => step.agencyId).filter((id): id is string => id !== null))];
    const supervisors = agencyIds.length
      ? await tx
          .select({ accountId: accountRoles.accountId, agencyId: accountRoles.agencyId })
          .from(accountRoles)
          .where(and(eq(accountRoles.role, "supervisor"), inArray(accountRoles.agencyId, agencyIds)))
      : [];
    const applicationRows = await tx
      .select({ id: applications.id, reference: applications.reference, serviceId: applications.serviceId, serviceVersion: applications.serviceVersion })
      .from(applications)
      .where(inArray(applications.id, [...new Set(late.map((step) => step.applicationId))]));
    for (const step of late) {
      const application = applicationRows.find((row) => row.id === step.applicationId)!;
      const service = deps.catalogue.get(application.serviceId, application.serviceVersion);
      await recordEvent(tx, systemActor, { applicationId: step.applicationId, stepId: step.stepId, stepInstanceId: step.id, action: "deadline-passed" }, now);
      if (!service) continue;
      await notifyStaff(
        tx,
        supervisors.filter((s) => s.agencyId === step.agencyId).map((s) => s.accountId),
        "step-late",
        { reference: application.reference ?? "", service: service.title, step: service.workflow.steps[step.stepId]?.title },
        step.applicationId,
      );
    }
    return late.length;
  });
}
