import { and, asc, eq, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client";
import { accounts, applications, people, stepInstances } from "../../db/schema";
import type { RoleGrant } from "../auth/permissions";
import { DUE_SOON_HOURS, type Lateness } from "./lateness";

// The back office's inbox: the open task steps a member of staff may act on (their agency and
// position as a clerk, the whole agency as a supervisor), soonest deadline first, a page at a time
// by keyset (step_instances_inbox_idx), with counts per service, step and lateness for the filters.

export interface InboxFilters {
  serviceId?: string;
  stepId?: string;
  lateness?: Lateness;
  /** A reference (NAF-2026-000123) or an applicant's civil ID. */
  search?: string;
  /** Only the steps nobody has claimed, or only the viewer's. */
  claim?: "unclaimed" | "mine";
}

export interface InboxCursor {
  deadlineAt: string;
  id: string;
}

/** The steps each of a set of role grants covers: one condition per grant (none when they cover nothing). */
function scopesOf(roles: RoleGrant[]): SQL[] {
  return roles.flatMap((grant) =>
    grant.role === "clerk" && grant.agencyId && grant.position
      ? [and(eq(stepInstances.agencyId, grant.agencyId), eq(stepInstances.position, grant.position))!]
      : grant.role === "supervisor" && grant.agencyId
        ? [eq(stepInstances.agencyId, grant.agencyId)]
        : [],
  );
}

const isOpenTask = () => and(eq(stepInstances.state, "active"), eq(stepInstances.kind, "task"));

function latenessCondition(lateness: Lateness, now: Date): SQL {
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3600_000);
  switch (lateness) {
    case "late":
      return lt(stepInstances.deadlineAt, now);
    case "due-soon":
      return and(sql`${stepInstances.deadlineAt} >= ${now.toISOString()}::timestamptz`, lt(stepInstances.deadlineAt, soon))!;
    case "on-time":
      return sql`${stepInstances.deadlineAt} >= ${soon.toISOString()}::timestamptz`;
  }
}

/** A reference or a civil ID, as typed (digits in either script, any case). */
function searchCondition(search: string): SQL | null {
  const query = search
    .trim()
    .toUpperCase()
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));
  if (/^\d{12}$/.test(query)) return eq(people.civilId, query);
  if (/^NAF-\d{4}-\d{6}$/.test(query)) return eq(applications.reference, query);
  return null;
}

export async function listInboxPage(
  db: Database,
  viewer: { accountId: string; roles: RoleGrant[] },
  filters: InboxFilters,
  cursor: InboxCursor | null,
  options: { limit?: number; now?: Date } = {},
) {
  const planned = planInbox(viewer, filters, cursor, options);
  if (planned.kind === "empty") return { rows: [], next: null, counts: emptyCounts(), isSearchValid: planned.isSearchValid };
  const limit = options.limit ?? 20;
  const [rows, counts] = await Promise.all([inboxPageQuery(db, planned), countInbox(db, planned)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last?.deadlineAt ? { deadlineAt: last.deadlineAt.toISOString(), id: last.id } : null,
    counts,
    isSearchValid: true,
  };
}

/** What an inbox view asks of the database: each grant's steps, with the filters and the page's place. */
export type InboxPlan =
  | { kind: "empty"; isSearchValid: boolean }
  | {
      kind: "steps";
      /** One condition per grant (an agency and position, or a whole agency). */
      scopes: SQL[];
      /** The filters on the steps themselves: service, step, time left, claim. */
      onSteps: SQL | undefined;
      /** A reference or civil ID looked for: read from the applicant's side. */
      search: SQL | undefined;
      after: SQL | undefined;
      limit: number;
      now: Date;
    };

export function planInbox(
  viewer: { accountId: string; roles: RoleGrant[] },
  filters: InboxFilters,
  cursor: InboxCursor | null,
  options: { limit?: number; now?: Date } = {},
): InboxPlan {
  const scopes = scopesOf(viewer.roles);
  if (scopes.length === 0) return { kind: "empty", isSearchValid: true };
  const now = options.now ?? new Date();
  const search = filters.search?.trim() ? searchCondition(filters.search) : undefined;
  if (search === null) return { kind: "empty", isSearchValid: false };
  const onSteps = and(
    filters.serviceId ? eq(stepInstances.serviceId, filters.serviceId) : undefined,
    filters.stepId ? eq(stepInstances.stepId, filters.stepId) : undefined,
    filters.lateness ? latenessCondition(filters.lateness, now) : undefined,
    filters.claim === "unclaimed"
      ? isNull(stepInstances.assignedAccountId)
      : filters.claim === "mine"
        ? eq(stepInstances.assignedAccountId, viewer.accountId)
        : undefined,
  );
  // A row comparison, which the (…, deadline, id) indexes serve as one range.
  const after = cursor ? sql`(${stepInstances.deadlineAt}, ${stepInstances.id}) > (${cursor.deadlineAt}::timestamptz, ${cursor.id}::uuid)` : undefined;
  return { kind: "steps", scopes, onSteps, search, after, limit: options.limit ?? 20, now };
}

/**
 * The page's rows. Without a search: each grant's first steps by deadline, each read in order
 * from its index (an agency and position's, or the agency's, or one of its services'), merged, and
 * only then joined to the applications and people the page shows: a page costs the same at a
 * thousand open steps or a million. With a search (one applicant, one reference), from its side.
 */
export function inboxPageQuery(db: Database, plan: Extract<InboxPlan, { kind: "steps" }>) {
  const assignee = alias(people, "assignee");
  const query = db
    .select({
      id: stepInstances.id,
      stepId: stepInstances.stepId,
      startedAt: stepInstances.startedAt,
      deadlineAt: stepInstances.deadlineAt,
      pausedAt: stepInstances.pausedAt,
      lateAt: stepInstances.lateAt,
      assignedAccountId: stepInstances.assignedAccountId,
      assigneeNameAr: assignee.nameAr,
      assigneeNameEn: assignee.nameEn,
      applicationId: applications.id,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
      applicantNameAr: people.nameAr,
      applicantNameEn: people.nameEn,
      civilId: people.civilId,
    })
    .from(stepInstances)
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .innerJoin(people, eq(people.id, applications.applicantPersonId))
    .leftJoin(accounts, eq(accounts.id, stepInstances.assignedAccountId))
    .leftJoin(assignee, eq(assignee.id, accounts.personId));
  const fetched = plan.limit + 1;
  const ordered = (where: SQL | undefined) => query.where(where).orderBy(asc(stepInstances.deadlineAt), asc(stepInstances.id)).limit(fetched);
  if (plan.search) return ordered(and(isOpenTask(), or(...plan.scopes), plan.search, plan.onSteps, plan.after, isNotNull(stepInstances.deadlineAt)));
  const firstOfEach = plan.scopes.map(
    (scope) =>
      sql`(select ${stepInstances.id} as id, ${stepInstances.deadlineAt} as deadline_at from ${stepInstances} where ${and(isOpenTask(), scope, plan.onSteps, plan.after, isNotNull(stepInstances.deadlineAt))} order by ${stepInstances.deadlineAt}, ${stepInstances.id} limit ${fetched})`,
  );
  // UNION, not UNION ALL: grants that overlap (a clerk's position in the agency they supervise) name a step once.
  const page = sql`select id from (${sql.join(firstOfEach, sql` union `)}) as first_of_each order by deadline_at, id limit ${fetched}`;
  return ordered(sql`${stepInstances.id} in (${page})`);
}

export interface InboxCounts {
  total: number;
  byService: Record<string, number>;
  byStep: Record<string, number>;
  byLateness: Record<Lateness, number>;
}

const emptyCounts = (): InboxCounts => ({ total: 0, byService: {}, byStep: {}, byLateness: { late: 0, "due-soon": 0, "on-time": 0 } });

/** One grouped query over the viewer's open steps: how many per service, step and lateness. */
export function inboxCountsQuery(db: Database, plan: Extract<InboxPlan, { kind: "steps" }>) {
  const { now } = plan;
  const isSearch = Boolean(plan.search);
  const base = and(isOpenTask(), or(...plan.scopes), plan.search);
  const soon = new Date(now.getTime() + DUE_SOON_HOURS * 3600_000).toISOString();
  const bucket = sql<Lateness>`case when ${stepInstances.deadlineAt} < ${now.toISOString()}::timestamptz then 'late' when ${stepInstances.deadlineAt} < ${soon}::timestamptz then 'due-soon' else 'on-time' end`;
  // Without a search, from the counts index alone; a search joins what it reads.
  const counted = db
    .select({ serviceId: stepInstances.serviceId, stepId: stepInstances.stepId, lateness: bucket, n: sql<number>`count(*)`.mapWith(Number) })
    .from(stepInstances);
  return (
    (
      isSearch
        ? counted.innerJoin(applications, eq(applications.id, stepInstances.applicationId)).innerJoin(people, eq(people.id, applications.applicantPersonId))
        : counted
    )
      .where(base)
      // By position: the bucket's expression carries parameters, so it cannot be repeated verbatim.
      .groupBy(sql`1, 2, 3`)
  );
}

async function countInbox(db: Database, plan: Extract<InboxPlan, { kind: "steps" }>): Promise<InboxCounts> {
  const groups = await inboxCountsQuery(db, plan);
  const counts = emptyCounts();
  for (const group of groups) {
    counts.total += group.n;
    counts.byService[group.serviceId] = (counts.byService[group.serviceId] ?? 0) + group.n;
    counts.byStep[group.stepId] = (counts.byStep[group.stepId] ?? 0) + group.n;
    counts.byLateness[group.lateness] += group.n;
  }
  return counts;
}
