import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";

/**
 * `parked`: work for an agency that cannot be reached (its circuit is open, or the job's attempts
 * ran out): kept, shown to operators, and queued again when the agency's link closes.
 */
export const jobStatuses = ["queued", "running", "succeeded", "failed", "parked"] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobStatusEnum = pgEnum("job_status", jobStatuses);

/** Work enqueued in the same transaction as the change that causes it, claimed with SKIP LOCKED. */
export const jobs = pgTable(
  "jobs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: jobStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    runAt: timestamptz("run_at").notNull().defaultNow(),
    leaseExpiresAt: timestamptz("lease_expires_at"),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    /** Enqueuing twice with one key makes one job. */
    dedupeKey: text("dedupe_key").unique(),
    /** The agency the job calls (exchange calls): its parked work is released when its link closes. */
    agencyId: text("agency_id"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`${t.status} = 'queued'`),
    index("jobs_lease_idx")
      .on(t.leaseExpiresAt)
      .where(sql`${t.status} = 'running'`),
    index("jobs_kind_status_idx").on(t.kind, t.status),
    // The work not yet done, for the operators' queue figures (done jobs are kept, and many).
    index("jobs_open_idx")
      .on(t.kind, t.status, t.createdAt)
      .where(sql`${t.status} <> 'succeeded'`),
    // An agency's parked work, oldest first, released at a bounded rate when its link closes. (Not a
    // partial index on the status: the migration that adds "parked" to the enum cannot also use it.)
    index("jobs_agency_idx")
      .on(t.agencyId, t.status, t.createdAt, t.id)
      .where(sql`${t.agencyId} is not null`),
  ],
);

export type Job = typeof jobs.$inferSelect;
