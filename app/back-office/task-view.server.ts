import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { accountRoles, accounts, applicationEvents, applications, people, stepInstances } from "../../db/schema";
import { answersByPage } from "../catalogue/form-values";
import type { Catalogue } from "../catalogue/registry";
import type { Language } from "../i18n/config";
import type { Actor } from "../engine/actor";
import { factsOf, mayActOnTask } from "../engine/facts";
import { displayName } from "../i18n/names";

// A task as the clerk who may act on it sees it: the application's answers (what the applicant
// gave and what agencies hold), and the step with its actions. Anyone else: not found.

export async function getTaskForClerk(db: Database, catalogue: Catalogue, viewer: Parameters<typeof staffActorFor>[0], stepInstanceId: string) {
  if (!z.uuid().safeParse(stepInstanceId).success) return null;
  const [row] = await db
    .select({ instance: stepInstances, application: applications, person: { civilId: people.civilId, nameAr: people.nameAr, nameEn: people.nameEn } })
    .from(stepInstances)
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .innerJoin(people, eq(people.id, applications.applicantPersonId))
    .where(and(eq(stepInstances.id, stepInstanceId), eq(stepInstances.kind, "task")));
  const actor = row ? staffActorFor(viewer, row.instance) : null;
  if (!row || !actor || !mayActOnTask(actor, row.instance)) return null;
  const service = catalogue.get(row.application.serviceId, row.application.serviceVersion);
  const step = service?.workflow.steps[row.instance.stepId];
  if (!service || step?.kind !== "task") return null;
  return { ...row, service, step, actor };
}

export type ClerkTask = NonNullable<Awaited<ReturnType<typeof getTaskForClerk>>>;

/** The application's answers by page, in the clerk's language; `fieldId` is what a return may name. */
export function answersOf(task: ClerkTask, language: Language) {
  return answersByPage(task.service, factsOf(task.application, task.person.civilId), language);
}

/** The staff member as the actor of a task: the role of theirs that covers it (clerk of its position, or supervisor). */
export function staffActorFor(
  viewer: { accountId: string; roles: { role: string; agencyId: string | null; position: string | null }[] },
  task: { agencyId: string | null; position: string | null },
): Actor | null {
  const grant =
    viewer.roles.find((role) => role.role === "clerk" && role.agencyId === task.agencyId && role.position === task.position) ??
    viewer.roles.find((role) => role.role === "supervisor" && role.agencyId === task.agencyId);
  return grant
    ? { accountId: viewer.accountId, role: grant.role as Actor["role"], agencyId: grant.agencyId, position: grant.position, channel: "back-office" }
    : null;
}

/** Who decided a step, by name in a language (for "already decided by …"), if a person did. */
export async function whoDecided(db: Database, stepInstanceId: string, language: Language): Promise<string | null> {
  const [row] = await db
    .select({ nameAr: people.nameAr, nameEn: people.nameEn })
    .from(applicationEvents)
    .innerJoin(accounts, eq(accounts.id, applicationEvents.actorAccountId))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(applicationEvents.stepInstanceId, stepInstanceId), eq(applicationEvents.action, "task-decided")))
    .orderBy(desc(applicationEvents.id))
    .limit(1);
  return row ? displayName(row, language) : null;
}

/** The people of an account list, by name (claimants, and the clerks a supervisor may give a step to). */
export async function clerksFor(db: Database, task: Pick<ClerkTask["instance"], "agencyId" | "position" | "assignedAccountId">) {
  const clerks = await db
    .select({ accountId: accountRoles.accountId, nameAr: people.nameAr, nameEn: people.nameEn })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(
      and(eq(accountRoles.role, "clerk"), eq(accountRoles.agencyId, task.agencyId!), eq(accountRoles.position, task.position!), isNull(accounts.disabledAt)),
    )
    .orderBy(asc(people.nameEn));
  const [holder] = task.assignedAccountId
    ? await db
        .select({ nameAr: people.nameAr, nameEn: people.nameEn })
        .from(accounts)
        .innerJoin(people, eq(people.id, accounts.personId))
        .where(eq(accounts.id, task.assignedAccountId))
    : [];
  return { clerks, holder: holder ?? null };
}

/** What the agencies answered over the exchange for this application: which agency, which step, when, and what. */
export async function exchangeResultsOf(db: Database, task: ClerkTask) {
  const rows = await db
    .select({
      id: stepInstances.id,
      stepId: stepInstances.stepId,
      agencyId: stepInstances.agencyId,
      completedAt: stepInstances.completedAt,
      outcome: stepInstances.outcome,
      result: stepInstances.result,
    })
    .from(stepInstances)
    .where(and(eq(stepInstances.applicationId, task.application.id), eq(stepInstances.kind, "exchange"), eq(stepInstances.state, "completed")))
    .orderBy(asc(stepInstances.completedAt));
  return rows.map((row) => ({ ...row, step: task.service.workflow.steps[row.stepId] }));
}
