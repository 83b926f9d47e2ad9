import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobs } from "../../db/schema";
import type { JobHandlers } from "../../app/jobs/handlers.server";
import { claimJobs, completeJob, enqueueJob } from "../../app/jobs/queue.server";
import { startWorker } from "../../app/jobs/worker.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(jobs);
});

function handlersWith(run: () => Promise<void>): JobHandlers {
  return {
    "sessions.purge-expired": run,
    "audit.verify-chain": run,
    "audit.checkpoint": run,
    "exchange.call": run,
    "certificate.issue": run,
    "deadlines.mark-late": run,
    "notification.deliver": run,
    "payment.refund": run,
    "upload.scan": run,
  };
}

describe("the jobs table", () => {
  it("keeps no job when the transaction that enqueued it rolls back", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueJob(tx, "sessions.purge-expired", {});
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.select().from(jobs)).toHaveLength(0);
  });

  it("keeps the job when the transaction commits, and runs it exactly once", async () => {
    await t.db.transaction((tx) => enqueueJob(tx, "sessions.purge-expired", {}));
    let runs = 0;
    const worker = startWorker(t.db, { pollIntervalMs: 0, handlers: handlersWith(async () => void runs++) });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    await worker.stop();
    expect(runs).toBe(1);
    const [job] = await t.db.select().from(jobs);
    expect(job).toMatchObject({ status: "succeeded", attempts: 1, lastError: null });
  });

  it("makes one job of two enqueues with the same dedupe key", async () => {
    expect(await enqueueJob(t.db, "audit.verify-chain", {}, { dedupeKey: "once" })).not.toBeNull();
    expect(await enqueueJob(t.db, "audit.verify-chain", {}, { dedupeKey: "once" })).toBeNull();
    expect(await t.db.select().from(jobs)).toHaveLength(1);
  });

  it("retries a failing job later, with backoff, then gives up after its last attempt", async () => {
    const job = await enqueueJob(t.db, "sessions.purge-expired", {}, { maxAttempts: 2 });
    const worker = startWorker(t.db, { pollIntervalMs: 0, handlers: handlersWith(async () => Promise.reject(new Error("agency down"))) });

    const before = Date.now();
    await worker.drain();
    let [row] = await t.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toMatchObject({ status: "queued", attempts: 1, lastError: "Error: agency down" });
    expect(row!.runAt.getTime()).toBeGreaterThan(before + 1000);

    // Not due yet: a second pass does nothing.
    expect(await worker.drain()).toBe(0);

    await t.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, job!.id));
    await worker.drain();
    [row] = await t.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row!.finishedAt).not.toBeNull();
    await worker.stop();
  });

  it("gives a job back when its worker dies holding it (the lease runs out), and runs it once more", async () => {
    await enqueueJob(t.db, "sessions.purge-expired", {});
    const [claimed] = await claimJobs(t.db, "worker-that-dies", 5, 60);
    expect(claimed).toBeDefined();
    // The dead worker never completes; another worker sees nothing until the lease has run out.
    expect(await claimJobs(t.db, "worker-b", 5, 60)).toHaveLength(0);
    await t.db
      .update(jobs)
      .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, claimed!.id));
    const [reclaimed] = await claimJobs(t.db, "worker-b", 5, 60);
    expect(reclaimed).toMatchObject({ id: claimed!.id, attempts: 2, lockedBy: "worker-b" });
    // The dead worker's late completion no longer counts; the live one's does.
    expect(await completeJob(t.db, claimed!)).toBe(false);
    expect(await completeJob(t.db, reclaimed!)).toBe(true);
  });

  it("lets concurrent workers claim disjoint jobs (FOR UPDATE SKIP LOCKED)", async () => {
    for (let i = 0; i < 10; i++) await enqueueJob(t.db, "sessions.purge-expired", {});
    const batches = await Promise.all([claimJobs(t.db, "a", 4, 60), claimJobs(t.db, "b", 4, 60), claimJobs(t.db, "c", 4, 60)]);
    const ids = batches.flat().map((job) => job.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });
});
