import crypto from "node:crypto";
import os from "node:os";
import type { Database } from "../../db/client";
import type { Job } from "../../db/schema";
import { log } from "../log.server";
import { scheduledJobs, type JobHandlers } from "./handlers.server";
import { isJobKind, jobPayloads, type JobKind } from "./kinds";
import { queueDueProbes } from "../exchange/circuit.server";
import { metrics } from "../ops/metrics.server";
import { claimJobs, completeJob, enqueueJob, failJob } from "./queue.server";

export interface WorkerOptions {
  workerId?: string;
  pollIntervalMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  handlers: JobHandlers;
  /** Enqueue the periodic jobs (purge, audit check). */
  isScheduling?: boolean;
  /** While this says so (the portal is read-only), no job is claimed; the jobs in hand finish. */
  isPaused?: () => Promise<boolean>;
}

export interface Worker {
  readonly id: string;
  /** Claims and runs due jobs until none is due; returns how many ran. */
  drain(): Promise<number>;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

export function startWorker(db: Database, options: WorkerOptions): Worker {
  const id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 5;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const handlers = options.handlers;
  let isStopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastScheduledAt = 0;

  async function runJob(job: Job) {
    try {
      if (!isJobKind(job.kind)) throw new Error(`No handler for job kind "${job.kind}"`);
      const kind: JobKind = job.kind;
      const payload = jobPayloads[kind].parse(job.payload);
      const handler = handlers[kind] as (payload: unknown, context: { db: Database; jobId: number; attempt: number }) => Promise<void>;
      await handler(payload, { db, jobId: job.id, attempt: job.attempts });
      await completeJob(db, job);
      metrics().jobRuns.inc({ kind: job.kind, outcome: "done" });
      log.debug("job succeeded", { jobId: job.id, kind: job.kind, attempt: job.attempts });
    } catch (error) {
      const outcome = await failJob(db, job, error);
      metrics().jobRuns.inc({ kind: job.kind, outcome });
      if (outcome === "deferred") log.info("job deferred", { jobId: job.id, kind: job.kind, reason: (error as Error).message });
      else if (outcome === "parked")
        log.warn("job parked until its agency answers", { jobId: job.id, kind: job.kind, agencyId: job.agencyId, reason: (error as Error).message });
      else log[outcome === "failed" ? "error" : "warn"]("job failed", { jobId: job.id, kind: job.kind, attempt: job.attempts, outcome, error });
    }
  }

  async function schedule() {
    const now = Date.now();
    if (now - lastScheduledAt < 60_000) return;
    lastScheduledAt = now;
    for (const { kind, everyMs } of scheduledJobs) {
      const period = Math.floor(now / everyMs);
      await enqueueJob(db, kind, {}, { dedupeKey: `${kind}@${period}`, maxAttempts: 3 });
    }
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (!isStopping) {
      const claimed = await claimJobs(db, id, batchSize, leaseSeconds);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map(runJob));
      count += claimed.length;
    }
    return count;
  }

  async function tick() {
    try {
      if (await options.isPaused?.()) return;
      if (options.isScheduling) await schedule();
      // An open circuit whose probe is due gets its oldest parked job back, to probe the agency.
      await queueDueProbes(db);
      await drain();
    } catch (error) {
      log.error("worker tick failed", { workerId: id, error });
    }
  }

  function loop() {
    if (isStopping) return;
    running = tick().finally(() => {
      if (!isStopping) timer = setTimeout(loop, pollIntervalMs);
    });
  }

  if (options.pollIntervalMs !== 0) loop();

  return {
    id,
    drain: () => {
      const pass = running.then(drain);
      running = pass;
      return pass;
    },
    async stop() {
      isStopping = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}
