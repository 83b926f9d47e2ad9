import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { jobs, type Job } from "../../db/schema";
import { jobPayloads, type JobKind, type JobPayload } from "./kinds";

export interface EnqueueOptions {
  runAt?: Date;
  /** A second enqueue with the same key is a no-op: one job per transition. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** The agency the job calls: when it cannot be reached the job is parked, not failed. */
  agencyId?: string;
}

/**
 * Enqueues a job. Pass the transaction of the change that causes the job: if it rolls back,
 * so does the job. Returns the job, or null when the dedupe key already has one.
 */
export async function enqueueJob<K extends JobKind>(db: Database, kind: K, payload: JobPayload<K>, options: EnqueueOptions = {}): Promise<Job | null> {
  const parsed = jobPayloads[kind].parse(payload);
  const [job] = await db
    .insert(jobs)
    .values({
      kind,
      payload: parsed,
      runAt: options.runAt ?? new Date(),
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? 8,
      agencyId: options.agencyId ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning();
  return job ?? null;
}

/**
 * Claims up to `limit` due jobs for `workerId`, with a lease. A job whose worker died (its lease
 * ran out while running) is due again. `FOR UPDATE SKIP LOCKED` lets many workers claim at once
 * without waiting on, or taking, each other's jobs.
 */
export async function claimJobs(db: Database, workerId: string, limit: number, leaseSeconds: number): Promise<Job[]> {
  // The database's clock decides what is due: one clock for every worker, whatever their own say.
  const now = sql`now()`;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(or(and(eq(jobs.status, "queued"), lte(jobs.runAt, now)), and(eq(jobs.status, "running"), lte(jobs.leaseExpiresAt, now))))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(jobs)
      .set({
        status: "running",
        attempts: sql`${jobs.attempts} + 1`,
        lockedBy: workerId,
        leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .where(
        inArray(
          jobs.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

/** Marks a claimed job done, if this worker still holds it. */
export async function completeJob(db: Database, job: Job): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "succeeded", finishedAt: new Date(), leaseExpiresAt: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Exponential backoff with jitter: about 2 s, 4 s, 8 s… capped at 10 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempts * 1000, 10 * 60 * 1000);
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Thrown by a handler whose work cannot be done yet for a reason that is not a failure (an agency
 * under announced maintenance): the job runs again at `until`, and the attempt is not counted.
 */
export class JobDeferral extends Error {
  constructor(
    readonly until: Date,
    message: string,
  ) {
    super(message);
    this.name = "JobDeferral";
  }
}

/**
 * Thrown by a handler whose agency cannot be called now (its link's circuit is open): the job is
 * parked without using an attempt, and queued again when the link closes.
 */
export class JobParked extends Error {
  constructor(
    message: string,
    /** The attempt reached the agency (and failed): it counts. One held back by the circuit does not. */
    readonly isAttemptCounted = false,
  ) {
    super(message);
    this.name = "JobParked";
  }
}

export type FailOutcome = "retry" | "failed" | "deferred" | "parked";

/**
 * Records a failed attempt: the job is retried later, or after its last attempt fails for good;
 * a job for an agency is parked instead (kept, shown to operators, queued again when the agency is back).
 */
export async function failJob(db: Database, job: Job, error: unknown, now = new Date()): Promise<FailOutcome> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof JobDeferral) {
    await db
      .update(jobs)
      .set({ status: "queued", runAt: error.until, attempts: job.attempts - 1, leaseExpiresAt: null, lastError: message })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)));
    return "deferred";
  }
  const isParked = error instanceof JobParked || (job.attempts >= job.maxAttempts && job.agencyId !== null);
  if (isParked) {
    await db
      .update(jobs)
      .set({
        status: "parked",
        attempts: error instanceof JobParked && !error.isAttemptCounted ? job.attempts - 1 : job.attempts,
        leaseExpiresAt: null,
        lastError: message,
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)));
    return "parked";
  }
  const isFinal = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set(
      isFinal
        ? { status: "failed", finishedAt: now, leaseExpiresAt: null, lastError: message }
        : { status: "queued", runAt: new Date(now.getTime() + backoffMs(job.attempts)), leaseExpiresAt: null, lastError: message },
    )
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.attempts, job.attempts)));
  return isFinal ? "failed" : "retry";
}
