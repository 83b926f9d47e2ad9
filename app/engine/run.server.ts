import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client";
import { applications, people, stepInstances, type Application, type StepInstance } from "../../db/schema";
import type { Catalogue } from "../catalogue/registry";
import type { FieldProblem } from "../catalogue/form-schema";
import type { ActionResult, Facts, ServiceDefinition, Step, StepResult } from "../catalogue/types";
import { kuwaitToday } from "../i18n/dates";
import type { NotificationParams } from "../notifications/notify.server";
import type { Actor } from "./actor";
import { factsOf } from "./facts";

// One transition of one application, inside its one transaction: what it reads, and the writes
// every step makes the same way. A Run is never changed: a write that moves the application on
// returns the next Run.

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

export const HOUR_MS = 60 * 60 * 1000;

export interface Run {
  readonly tx: Database;
  readonly service: ServiceDefinition;
  /** The application as this transition last wrote it. */
  readonly application: Application;
  readonly civilId: string;
  readonly actor: Actor;
  readonly now: Date;
}

export const factsOfRun = (run: Run): Facts => factsOf(run.application, run.civilId, run.now);

export const notificationParams = (run: Run, step?: Step): NotificationParams => ({
  reference: run.application.reference ?? "",
  service: run.service.title,
  step: step?.title,
});

export async function loadRun(tx: Database, deps: EngineDeps, applicationId: string, actor: Actor): Promise<Run | null> {
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

export async function openInstance(tx: Database, stepInstanceId: string) {
  const [instance] = await tx.select().from(stepInstances).where(eq(stepInstances.id, stepInstanceId));
  return instance;
}

type InstanceValues = Omit<typeof stepInstances.$inferInsert, "applicationId" | "serviceId" | "stepId" | "kind" | "parentId">;

export async function insertInstance(run: Run, stepId: string, step: Step, parentId: string | null, values: InstanceValues) {
  const [instance] = await run.tx
    .insert(stepInstances)
    .values({ applicationId: run.application.id, serviceId: run.application.serviceId, stepId, kind: step.kind, parentId, startedAt: run.now, ...values })
    .returning();
  return instance!;
}

/** Compare-and-set: completes the instance only if it is still open at the version read. */
export async function completeInstance(run: Run, instance: StepInstance, outcome: string | null, result: Record<string, unknown> | null): Promise<boolean> {
  const rows = await run.tx
    .update(stepInstances)
    .set({ state: "completed", version: instance.version + 1, outcome, result, completedAt: run.now, lastError: null })
    .where(and(eq(stepInstances.id, instance.id), eq(stepInstances.version, instance.version), inArray(stepInstances.state, ["active", "waiting"])))
    .returning({ id: stepInstances.id });
  return rows.length === 1;
}

/** Writes some of the application's columns and moves the run on to the row as written. */
export async function updateApplication(run: Run, values: PgUpdateSetSource<typeof applications>): Promise<Run> {
  const [updated] = await run.tx.update(applications).set(values).where(eq(applications.id, run.application.id)).returning();
  return { ...run, application: updated! };
}

/** Adds what a step left to the application's results, where later rules read it. */
export function recordResult(run: Run, stepId: string, result: StepResult): Promise<Run> {
  return updateApplication(run, { results: sql`${applications.results} || ${JSON.stringify({ [stepId]: result })}::jsonb` });
}

export function actionResult(run: Run, stepId: string, action: string, values: Record<string, unknown>): ActionResult {
  const previous = (run.application.results[stepId] as ActionResult | undefined)?.counts ?? {};
  return { action, values, on: kuwaitToday(run.now), counts: { ...previous, [action]: (previous[action] ?? 0) + 1 } };
}
