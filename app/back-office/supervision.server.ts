import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, accounts, applications, people, stepInstances } from "../../db/schema";

// What a supervisor watches for their agency: who holds how much, what is late, and how long each
// kind of step takes (median and 90th percentile of the last 30 days). Each is one grouped query.

const DAY_MS = 24 * 3600_000;

/** Open steps of the agency per clerk (and those nobody holds), with how many of them are late. */
export async function workloadOf(db: Database, agencyId: string, now = new Date()) {
  const [held, clerks] = await Promise.all([
    db
      .select({
        accountId: stepInstances.assignedAccountId,
        open: sql<number>`count(*)`.mapWith(Number),
        late: sql<number>`count(*) filter (where ${stepInstances.deadlineAt} < ${now.toISOString()}::timestamptz)`.mapWith(Number),
      })
      .from(stepInstances)
      .where(and(eq(stepInstances.agencyId, agencyId), eq(stepInstances.state, "active"), eq(stepInstances.kind, "task")))
      .groupBy(stepInstances.assignedAccountId),
    db
      .selectDistinct({ accountId: accountRoles.accountId, position: accountRoles.position, nameAr: people.nameAr, nameEn: people.nameEn })
      .from(accountRoles)
      .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
      .innerJoin(people, eq(people.id, accounts.personId))
      .where(and(eq(accountRoles.agencyId, agencyId), eq(accountRoles.role, "clerk")))
      .orderBy(asc(people.nameEn)),
  ]);
  const count = (accountId: string | null) => held.find((row) => row.accountId === accountId) ?? { open: 0, late: 0 };
  return {
    clerks: clerks.map((clerk) => ({ ...clerk, ...pick(count(clerk.accountId)) })),
    unclaimed: pick(count(null)),
  };
}
const pick = (row: { open: number; late: number }) => ({ open: row.open, late: row.late });

/** The agency's late steps, most overdue first (step_instances_deadline_idx). */
export function lateStepsOf(db: Database, agencyId: string, now = new Date(), limit = 50) {
  return db
    .select({
      id: stepInstances.id,
      stepId: stepInstances.stepId,
      deadlineAt: stepInstances.deadlineAt,
      assignedAccountId: stepInstances.assignedAccountId,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
    })
    .from(stepInstances)
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .where(and(eq(stepInstances.agencyId, agencyId), eq(stepInstances.state, "active"), eq(stepInstances.kind, "task"), lt(stepInstances.deadlineAt, now)))
    .orderBy(asc(stepInstances.deadlineAt))
    .limit(limit);
}

/** Per kind of step: how many were completed in the last 30 days, and the median and 90th percentile of their time, in hours. */
export async function processingTimesOf(db: Database, agencyId: string, now = new Date()) {
  const hours = sql`extract(epoch from (${stepInstances.completedAt} - ${stepInstances.startedAt})) / 3600`;
  return db
    .select({
      stepId: stepInstances.stepId,
      count: sql<number>`count(*)`.mapWith(Number),
      medianHours: sql<number>`percentile_cont(0.5) within group (order by ${hours})`.mapWith(Number),
      p90Hours: sql<number>`percentile_cont(0.9) within group (order by ${hours})`.mapWith(Number),
    })
    .from(stepInstances)
    .where(
      and(
        eq(stepInstances.agencyId, agencyId),
        eq(stepInstances.kind, "task"),
        eq(stepInstances.state, "completed"),
        isNotNull(stepInstances.completedAt),
        gte(stepInstances.completedAt, new Date(now.getTime() - 30 * DAY_MS)),
      ),
    )
    .groupBy(stepInstances.stepId)
    .orderBy(asc(stepInstances.stepId));
}

/** Names of accounts, for the late steps' holders. */
export async function namesOf(db: Database, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select({ accountId: accounts.id, nameAr: people.nameAr, nameEn: people.nameEn })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(inArray(accounts.id, accountIds));
}
