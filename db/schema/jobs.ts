import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";

export const jobStatuses = ["queued", "running", "succeeded", "failed"] as const;
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
  ],
);

export type Job = typeof jobs.$inferSelect;
