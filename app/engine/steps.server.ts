import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { applications, stepInstances, type StepInstance } from "../../db/schema";
import { runRule } from "../catalogue/rules";
import { JOIN, type DecisionResult } from "../catalogue/types";
import { enqueueJob } from "../jobs/queue.server";
import { notifyPerson } from "../notifications/notify.server";
import { systemActor } from "./actor";
import { recordEvent } from "./history.server";
import { completeInstance, factsOfRun, HOUR_MS, insertInstance, notificationParams, recordResult, updateApplication, type Run } from "./run.server";

// Entering steps and moving from one to the next: what each kind of step does when the workflow
// reaches it, the join of parallel branches, and whether the case waits on its applicant.

/** What an action hands to the steps it leads to: the answers a clerk named for the applicant to correct. */
export interface Handoff {
  fieldsToFix?: string[];
}

export async function enterStep(run: Run, stepId: string, parentId: string | null, handoff: Handoff = {}): Promise<Run> {
  const step = run.service.workflow.steps[stepId];
  if (!step) throw new Error(`${run.service.id}: unknown step ${stepId}`);
  const event = { applicationId: run.application.id, stepId };
  switch (step.kind) {
    case "exchange": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "waiting", agencyId: step.agency });
      await enqueueJob(
        run.tx,
        "exchange.call",
        { stepInstanceId: instance.id },
        { dedupeKey: `exchange:${instance.id}`, maxAttempts: 50, agencyId: step.agency },
      );
      await recordEvent(
        run.tx,
        systemActor,
        { ...event, stepInstanceId: instance.id, action: "exchange-requested", details: { agency: step.agency } },
        run.now,
      );
      return run;
    }
    case "parallel": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "active", result: { joined: 0 } });
      let current = run;
      for (const branch of step.branches) current = await enterStep(current, branch, instance.id, handoff);
      return current;
    }
    case "decision": {
      const decided = runRule(step.rule, factsOfRun(run));
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
      return advance(await recordResult(run, stepId, result), instance, next, handoff);
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
      return run;
    }
    case "applicant": {
      const instance = await insertInstance(run, stepId, step, parentId, {
        state: "active",
        result: handoff.fieldsToFix?.length ? { fieldsToFix: handoff.fieldsToFix } : null,
      });
      await recordEvent(run.tx, systemActor, { ...event, stepInstanceId: instance.id, action: "action-needed" }, run.now);
      await notifyPerson(run.tx, run.application.applicantPersonId, "action-needed", notificationParams(run, step), run.application.id);
      return run;
    }
    case "payment": {
      const amountFils = runRule(step.fee, factsOfRun(run));
      if (!Number.isSafeInteger(amountFils) || amountFils < 0) throw new Error(`${run.service.id}: fee of ${stepId} is not a whole number of fils`);
      const instance = await insertInstance(run, stepId, step, parentId, { state: "active", result: { amountFils } });
      await recordEvent(run.tx, systemActor, { ...event, stepInstanceId: instance.id, action: "payment-due", details: { amountFils } }, run.now);
      await notifyPerson(run.tx, run.application.applicantPersonId, "action-needed", notificationParams(run, step), run.application.id);
      return run;
    }
    case "certificate": {
      const instance = await insertInstance(run, stepId, step, parentId, { state: "waiting", agencyId: run.service.certificate?.signingAgency ?? null });
      await enqueueJob(run.tx, "certificate.issue", { stepInstanceId: instance.id }, { dedupeKey: `certificate:${instance.id}` });
      return run;
    }
    case "end": {
      await insertInstance(run, stepId, step, parentId, { state: "completed", outcome: step.outcome, completedAt: run.now });
      // The case is over: whatever else was still open (another branch) is cancelled.
      await run.tx
        .update(stepInstances)
        .set({ state: "cancelled", completedAt: run.now, version: sql`${stepInstances.version} + 1` })
        .where(and(eq(stepInstances.applicationId, run.application.id), inArray(stepInstances.state, ["active", "waiting"])));
      const ended = await updateApplication(run, {
        status: step.outcome,
        decidedAt: run.now,
        waitingOnApplicantSince: null,
        version: sql`${applications.version} + 1`,
      });
      await recordEvent(run.tx, systemActor, { ...event, action: step.outcome }, run.now);
      if (step.outcome !== "withdrawn") {
        await notifyPerson(run.tx, ended.application.applicantPersonId, step.outcome, notificationParams(ended), ended.application.id);
      }
      return ended;
    }
  }
}

export async function advance(run: Run, from: Pick<StepInstance, "parentId">, next: string, handoff: Handoff = {}): Promise<Run> {
  if (run.application.status === "approved" || run.application.status === "rejected" || run.application.status === "withdrawn") return run;
  if (next !== JOIN) return enterStep(run, next, from.parentId, handoff);
  if (!from.parentId) throw new Error(`${run.service.id}: a step joined outside a parallel step`);
  // The parent row is locked so that branches finishing at once count one after the other.
  const [parent] = await run.tx.select().from(stepInstances).where(eq(stepInstances.id, from.parentId)).for("update");
  if (!parent || parent.state !== "active") return run;
  const step = run.service.workflow.steps[parent.stepId];
  if (step?.kind !== "parallel") throw new Error(`${run.service.id}: ${parent.stepId} is not a parallel step`);
  const joined = Number(parent.result?.joined ?? 0) + 1;
  if (joined < step.branches.length) {
    await run.tx.update(stepInstances).set({ result: { joined } }).where(eq(stepInstances.id, parent.id));
    return run;
  }
  if (!(await completeInstance(run, parent, "joined", { joined }))) return run;
  await recordEvent(
    run.tx,
    systemActor,
    { applicationId: run.application.id, stepId: parent.stepId, stepInstanceId: parent.id, action: "branches-joined" },
    run.now,
  );
  return advance(run, parent, step.next, handoff);
}

/**
 * The application waits on its applicant while an applicant or payment step is open: its status
 * says so, and the deadlines of open agency tasks stop running until it no longer waits.
 */
export async function refreshWaiting(run: Run): Promise<Run> {
  if (run.application.status !== "in-progress" && run.application.status !== "action-needed") return run;
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
  if (status === run.application.status && since?.getTime() === run.application.waitingOnApplicantSince?.getTime()) return run;
  return updateApplication(run, { status, waitingOnApplicantSince: since, version: sql`${applications.version} + 1` });
}
