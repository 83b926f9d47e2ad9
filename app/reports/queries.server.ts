import { and, eq, gte, inArray, lt, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, payments, stepInstances } from "../../db/schema";
import { addDays, kuwaitMidnight } from "../i18n/dates";
import type { ReportBucket, ReportFilters } from "./filters";
import type { ReportScope } from "./scope";

// The reports' figures, each one grouped query over an index: what each service received and
// decided per day or week, how long applications and their steps took (median and 90th
// percentile), how many steps were late, how many applications went straight through (no task for
// staff), and the fees collected. Days are Kuwait's; weeks begin on Sunday.

const rangeOf = (filters: ReportFilters) => ({ start: kuwaitMidnight(filters.from), end: kuwaitMidnight(addDays(filters.to, 1)) });

/** The first day (in Kuwait) of the day or Sunday-to-Saturday week a moment falls in, as YYYY-MM-DD. */
function bucketOf(column: SQLWrapper, bucket: ReportBucket): SQL<string> {
  const day = sql`(${column} at time zone 'Asia/Kuwait')::date`;
  return (bucket === "day" ? sql`to_char(${day}, 'YYYY-MM-DD')` : sql`to_char(${day} - extract(dow from ${day})::int, 'YYYY-MM-DD')`) as SQL<string>;
}

/** The agency that runs an application's service, from the scope (no table holds it: services are code). */
function agencyOf(scope: ReportScope, serviceColumn: SQLWrapper): SQL<string> {
  return sql<string>`(case ${serviceColumn} ${sql.join(
    scope.services.map((service) => sql`when ${service.id} then ${service.agency}`),
    sql` `,
  )} end)`;
}

const servicesIn = (scope: ReportScope, filters: ReportFilters) => (filters.service ? [filters.service] : scope.services.map((service) => service.id));
const seconds = (from: SQLWrapper, to: SQLWrapper) => sql`extract(epoch from (${to} - ${from}))`;

export interface VolumeRow {
  serviceId: string;
  bucket: string;
  received: number;
  approved: number;
  rejected: number;
  withdrawn: number;
}

/** Per service and bucket: applications received (submitted) and decided (approved, refused, withdrawn). */
export async function volumesOf(db: Database, scope: ReportScope, filters: ReportFilters): Promise<VolumeRow[]> {
  const services = servicesIn(scope, filters);
  if (services.length === 0) return [];
  const { start, end } = rangeOf(filters);
  const [received, decided] = await Promise.all([
    db
      .select({ serviceId: applications.serviceId, bucket: bucketOf(applications.submittedAt, filters.bucket), count: sql<number>`count(*)`.mapWith(Number) })
      .from(applications)
      .where(and(inArray(applications.serviceId, services), gte(applications.submittedAt, start), lt(applications.submittedAt, end)))
      .groupBy(sql`1`, sql`2`),
    db
      .select({
        serviceId: applications.serviceId,
        bucket: bucketOf(applications.decidedAt, filters.bucket),
        approved: sql<number>`count(*) filter (where ${applications.status} = 'approved')`.mapWith(Number),
        rejected: sql<number>`count(*) filter (where ${applications.status} = 'rejected')`.mapWith(Number),
        withdrawn: sql<number>`count(*) filter (where ${applications.status} = 'withdrawn')`.mapWith(Number),
      })
      .from(applications)
      .where(and(inArray(applications.serviceId, services), gte(applications.decidedAt, start), lt(applications.decidedAt, end)))
      .groupBy(sql`1`, sql`2`),
  ]);
  const rows = new Map<string, VolumeRow>();
  const rowOf = (serviceId: string, bucket: string) => {
    const key = `${serviceId}|${bucket}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { serviceId, bucket, received: 0, approved: 0, rejected: 0, withdrawn: 0 }));
    return row;
  };
  for (const row of received) rowOf(row.serviceId, row.bucket).received = row.count;
  for (const row of decided) Object.assign(rowOf(row.serviceId, row.bucket), { approved: row.approved, rejected: row.rejected, withdrawn: row.withdrawn });
  return [...rows.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : a.serviceId < b.serviceId ? -1 : 1));
}

/** Who a row of totals is for: one service, one agency (all its services in scope), or everything in scope. */
export type TotalOf = { kind: "service"; id: string } | { kind: "agency"; id: string } | { kind: "all" };

export interface DurationRow {
  of: TotalOf;
  /** Applications approved or refused in the range. */
  decided: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Of those, how many had no task for staff: decided by rules and agencies' answers alone. */
  straightThrough: number;
}

const totalOf = (row: { isAll: number; isAgency: number; serviceId: string | null; agencyId: string | null }): TotalOf =>
  row.isAll ? { kind: "all" } : row.isAgency ? { kind: "agency", id: row.agencyId! } : { kind: "service", id: row.serviceId! };

/** End to end, from submission to decision, per service, per agency and for all: median, 90th percentile, straight-through count. */
export async function durationsOf(db: Database, scope: ReportScope, filters: ReportFilters): Promise<DurationRow[]> {
  const services = servicesIn(scope, filters);
  if (services.length === 0) return [];
  const { start, end } = rangeOf(filters);
  const hadTask = sql`exists (select 1 from ${stepInstances} where ${stepInstances.applicationId} = ${applications.id} and ${stepInstances.kind} = 'task')`;
  // The agency is worked out once per row, in a subquery, so that the grouping sets name it by its column.
  const decided = db.$with("decided").as(
    db
      .select({
        serviceId: applications.serviceId,
        agencyId: agencyOf(scope, applications.serviceId).as("agency_id"),
        took: sql<number>`${seconds(applications.submittedAt, applications.decidedAt)}`.as("took"),
        isStraight: sql<boolean>`not ${hadTask}`.as("is_straight"),
      })
      .from(applications)
      .where(
        and(
          inArray(applications.serviceId, services),
          gte(applications.decidedAt, start),
          lt(applications.decidedAt, end),
          inArray(applications.status, ["approved", "rejected"]),
        ),
      ),
  );
  const rows = await db
    .with(decided)
    .select({
      serviceId: decided.serviceId,
      agencyId: decided.agencyId,
      isAgency: sql<number>`grouping(${decided.serviceId})`.mapWith(Number),
      isAll: sql<number>`grouping(${decided.agencyId})`.mapWith(Number),
      decided: sql<number>`count(*)`.mapWith(Number),
      medianSeconds: sql<number | null>`percentile_cont(0.5) within group (order by ${decided.took})`.mapWith((value) =>
        value === null ? null : Number(value),
      ),
      p90Seconds: sql<number | null>`percentile_cont(0.9) within group (order by ${decided.took})`.mapWith((value) => (value === null ? null : Number(value))),
      straightThrough: sql<number>`count(*) filter (where ${decided.isStraight})`.mapWith(Number),
    })
    .from(decided)
    .groupBy(sql`grouping sets ((${decided.agencyId}, ${decided.serviceId}), (${decided.agencyId}), ())`);
  return rows.map((row) => ({
    of: totalOf(row),
    decided: row.decided,
    medianSeconds: row.medianSeconds,
    p90Seconds: row.p90Seconds,
    straightThrough: row.straightThrough,
  }));
}

export interface StepRow {
  serviceId: string;
  stepId: string;
  kind: string;
  completed: number;
  medianSeconds: number;
  p90Seconds: number;
  /** Completed after their deadline (tasks have deadlines; other steps never count as late). */
  late: number;
}

/** Per service and step: the steps completed in the range, how long they took, and how many were late. */
export async function stepTimesOf(db: Database, scope: ReportScope, filters: ReportFilters): Promise<StepRow[]> {
  const services = servicesIn(scope, filters);
  if (services.length === 0) return [];
  const { start, end } = rangeOf(filters);
  const took = seconds(stepInstances.startedAt, stepInstances.completedAt);
  return db
    .select({
      serviceId: stepInstances.serviceId,
      stepId: stepInstances.stepId,
      kind: stepInstances.kind,
      completed: sql<number>`count(*)`.mapWith(Number),
      medianSeconds: sql<number>`percentile_cont(0.5) within group (order by ${took})`.mapWith(Number),
      p90Seconds: sql<number>`percentile_cont(0.9) within group (order by ${took})`.mapWith(Number),
      late: sql<number>`count(*) filter (where ${stepInstances.lateAt} is not null)`.mapWith(Number),
    })
    .from(stepInstances)
    .where(
      and(
        inArray(stepInstances.serviceId, services),
        eq(stepInstances.state, "completed"),
        gte(stepInstances.completedAt, start),
        lt(stepInstances.completedAt, end),
        inArray(stepInstances.kind, ["task", "exchange", "applicant", "payment"]),
      ),
    )
    .groupBy(stepInstances.serviceId, stepInstances.stepId, stepInstances.kind);
}

export interface FeeRow {
  serviceId: string;
  bucket: string;
  payments: number;
  fils: number;
}

/** Fees collected per service and bucket: payments taken and kept (a duplicate refunded is not a fee). */
export async function feesOf(db: Database, scope: ReportScope, filters: ReportFilters): Promise<FeeRow[]> {
  const services = servicesIn(scope, filters);
  if (services.length === 0) return [];
  const { start, end } = rangeOf(filters);
  // Each payment's service read by its application's key (a lateral lookup), never by scanning the
  // applications: `offset 0` keeps the planner from turning the lookup back into a hash join.
  const service = db
    .select({ serviceId: applications.serviceId })
    .from(applications)
    .where(eq(applications.id, payments.applicationId))
    .offset(0)
    .as("service");
  return db
    .select({
      serviceId: service.serviceId,
      bucket: bucketOf(payments.completedAt, filters.bucket),
      payments: sql<number>`count(*)`.mapWith(Number),
      fils: sql<number>`coalesce(sum(${payments.amountFils}), 0)`.mapWith(Number),
    })
    .from(payments)
    .innerJoinLateral(service, sql`true`)
    .where(and(eq(payments.status, "paid"), gte(payments.completedAt, start), lt(payments.completedAt, end), inArray(service.serviceId, services)))
    .groupBy(sql`1`, sql`2`);
}
