import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, applications, people, stepInstances } from "../../db/schema";
import { validatePage, type FieldProblem } from "../catalogue/form-schema";
import { lockPublication, type Publication } from "../catalogue/publication.server";
import type { ActionDef, Step } from "../catalogue/types";
import { kuwaitToday } from "../i18n/dates";
import { notifyPerson } from "../notifications/notify.server";
import type { Actor } from "./actor";
import { formatNumber, nextNumber } from "./counters.server";
import { factsOf, fieldsToFixOf, mayActOnTask, validateAnswers } from "./facts";
import { recordEvent } from "./history.server";
import {
  actionResult,
  completeInstance,
  factsOfRun,
  loadRun,
  notificationParams,
  openInstance,
  recordResult,
  updateApplication,
  type EngineDeps,
  type Run,
  type TransitionFailure,
  type TransitionResult,
} from "./run.server";
import { advance, enterStep, refreshWaiting } from "./steps.server";

// What people do to an application: submit it, decide a task, claim or hand one over, act as the
// applicant, pay. Each is one transaction that checks who may, moves the steps on, and records why.

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
  | { ok: false; reason: "unknown-service" | "not-found" | "invalid-answers"; problems?: Record<string, FieldProblem> }
  /** Paused or withdrawn on the channel by an administrator: the draft is kept. */
  | { ok: false; reason: "unavailable"; publication: Exclude<Publication, { state: "published" }> };

const channelOf = (actor: Actor) => (actor.channel === "kiosk" ? "kiosk" : "web");

/** Submits an application: validates every page that applies, numbers it, and starts its workflow. */
export async function submitApplication(db: Database, deps: EngineDeps, input: SubmitInput): Promise<SubmitResult> {
  const service = deps.catalogue.get(input.serviceId);
  if (!service) return { ok: false, reason: "unknown-service" };
  return db.transaction(async (tx) => {
    const publication = await lockPublication(tx, service.id, channelOf(input.actor));
    if (publication.state !== "published") return { ok: false, reason: "unavailable", publication } as const;
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
        channel: channelOf(input.actor),
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
    const publication = await lockPublication(tx, service.id, channelOf(input.actor));
    if (publication.state !== "published") return { ok: false, reason: "unavailable", publication } as const;
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
  await refreshWaiting(await enterStep(run, run.service.workflow.start, null));
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
  const checked = validatePage({ id: "step", title: step.title, fields: step.fields }, input.values ?? {}, factsOfRun(run));
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
    const decided = await recordResult(run, instance.stepId, actionResult(run, instance.stepId, input.action, recorded));
    await refreshWaiting(await advance(decided, instance, action.next, { fieldsToFix }));
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
    const acted = corrected ? await updateApplication(run, { answers: corrected, version: sql`${applications.version} + 1` }) : run;
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
    const recordedRun = await recordResult(acted, instance.stepId, actionResult(acted, instance.stepId, input.action, recorded));
    await refreshWaiting(await advance(recordedRun, instance, action.next));
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
    const paid = await recordResult(run, instance.stepId, { amountFils: input.amountFils, reference: input.reference, on: kuwaitToday(run.now) });
    await refreshWaiting(await advance(paid, instance, step.next));
    return { ok: true };
  });
}
