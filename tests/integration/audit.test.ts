import crypto from "node:crypto";
import fs from "node:fs";
import { asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, auditVerifications } from "../../db/schema";
import type { AuditAction } from "../../app/audit/actions";
import { recordAudit, rekeyLegacyAuditRows, verifyAuditChain } from "../../app/audit/audit.server";
import { readAuditCheckpoints, writeAuditCheckpoint } from "../../app/audit/checkpoints.server";
import { latestAuditVerification, verifyAuditLog } from "../../app/audit/verification.server";
import { createTestDatabase, testCheckpointStore, type TestDatabase } from "../setup/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const event = (action: AuditAction, details: Record<string, unknown> = {}) => ({ channel: "web" as const, action, actorLabel: "test", details });

/** A database of its own with `n` events, for an attack that ruins it. */
async function logOf(n: number) {
  const fresh = await createTestDatabase();
  for (let i = 0; i < n; i++) await recordAudit(fresh.db, event("audit.verified", { i }));
  const rows = await fresh.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  return { db: fresh.db, rows, close: () => fresh.close() };
}

/** JSON with sorted keys, as the chain hashes it. */
const sorted = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(sorted).join(",")}]`
    : value && typeof value === "object"
      ? `{${Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${JSON.stringify(k)}:${sorted(v)}`)
          .join(",")}}`
      : JSON.stringify(value ?? null);

/** What someone who can write to the database, but holds no key, can compute: the plain SHA-256 the chain used to be. */
function rehashWithoutKey(prevHash: string | null, row: typeof auditEvents.$inferSelect) {
  const content = sorted({
    prevHash,
    occurredAt: row.occurredAt.toISOString(),
    actorAccountId: row.actorAccountId,
    actorLabel: row.actorLabel,
    channel: row.channel,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    ip: row.ip,
    details: row.details,
  });
  return crypto.createHash("sha256").update(content).digest("hex");
}

describe("the audit log", () => {
  it("chains every event to the one before it, with a key that is not in the database", async () => {
    for (let i = 0; i < 5; i++) await recordAudit(t.db, event("audit.verified", { i, nested: { b: 2, a: 1 } }));
    const rows = await t.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(rows.every((row) => row.hashScheme === "hmac-sha256")).toBe(true);
    expect(await verifyAuditChain(t.db, { batchSize: 2 })).toEqual({ intact: true, count: 5, checkpointLastId: null });
  });

  it("keeps one unbroken chain when events are written concurrently", async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.db.transaction((tx) => recordAudit(tx, event("audit.verified", { i })))));
    expect(await verifyAuditChain(t.db)).toMatchObject({ intact: true, count: 13 });
  });

  it("writes nothing when the change it records rolls back", async () => {
    const before = (await verifyAuditChain(t.db)).count;
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, event("audit.verified"));
        throw new Error("change failed");
      }),
    ).rejects.toThrow();
    expect((await verifyAuditChain(t.db)).count).toBe(before);
  });
});

describe("a database-level attacker without the key", () => {
  it("cannot edit a row and recompute its hash", async () => {
    const log = await logOf(4);
    try {
      const target = log.rows[2]!;
      const edited = { ...target, details: { i: 999 } };
      await log.db
        .update(auditEvents)
        .set({ details: edited.details, hash: rehashWithoutKey(target.prevHash, edited) })
        .where(eq(auditEvents.id, target.id));
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, count: 2, brokenAtId: target.id, problem: "altered" });
      // Claiming the row was hashed the old, keyless way is a downgrade, and is refused too.
      await log.db.update(auditEvents).set({ hashScheme: "sha256" }).where(eq(auditEvents.id, target.id));
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, brokenAtId: target.id, problem: "unkeyed-row" });
    } finally {
      await log.close();
    }
  });

  it("cannot remove a row from the middle", async () => {
    const log = await logOf(4);
    try {
      await log.db.execute(sql`delete from audit_events where id = ${log.rows[1]!.id}`);
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, count: 1, brokenAtId: log.rows[2]!.id, problem: "altered" });
    } finally {
      await log.close();
    }
  });

  it("cannot reorder rows", async () => {
    const log = await logOf(4);
    try {
      const [a, b] = [log.rows[1]!, log.rows[2]!];
      // Swap the two rows' contents (and their links), as if b had come first.
      const contentOf = (row: typeof a) => ({ occurredAt: row.occurredAt, action: row.action, details: row.details, hash: row.hash, prevHash: row.prevHash });
      await log.db
        .update(auditEvents)
        .set({ ...contentOf(b), hash: "swap" })
        .where(eq(auditEvents.id, a.id));
      await log.db.update(auditEvents).set(contentOf(a)).where(eq(auditEvents.id, b.id));
      await log.db.update(auditEvents).set({ hash: b.hash }).where(eq(auditEvents.id, a.id));
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, count: 1, brokenAtId: a.id, problem: "altered" });
    } finally {
      await log.close();
    }
  });

  it("cannot delete the newest rows, nor empty the table, once a signed checkpoint has counted them", async () => {
    const log = await logOf(6);
    const store = testCheckpointStore();
    try {
      const checkpoint = await writeAuditCheckpoint(log.db, store);
      expect(checkpoint).toMatchObject({ lastId: log.rows[5]!.id, count: 6, hash: log.rows[5]!.hash });
      await recordAudit(log.db, event("audit.verified"));
      expect(await verifyAuditLog(log.db, store, "on-demand")).toMatchObject({ intact: true, count: 7, checkpointLastId: checkpoint.lastId });

      // The newest rows deleted: what remains still chains, but the checkpoint names a row that is gone.
      await log.db.execute(sql`delete from audit_events where id >= ${log.rows[4]!.id}`);
      expect(await verifyAuditChain(log.db, { checkpoint })).toMatchObject({
        intact: false,
        brokenAtId: checkpoint.lastId,
        problem: "missing-rows",
        lastIntactId: log.rows[3]!.id,
      });
      // Truncated.
      await log.db.execute(sql`truncate audit_events`);
      expect(await verifyAuditChain(log.db, { checkpoint })).toMatchObject({ intact: false, count: 0, problem: "missing-rows", lastIntactId: null });
    } finally {
      await log.close();
    }
  });

  it("cannot write a checkpoint of its own, or alter one", async () => {
    const log = await logOf(2);
    const store = testCheckpointStore();
    try {
      const checkpoint = await writeAuditCheckpoint(log.db, store);
      fs.appendFileSync(store.file, `${JSON.stringify({ ...checkpoint, lastId: 1, count: 1 })}\n`);
      expect(readAuditCheckpoints(store)).toEqual({ ok: false, badLine: 2 });
      const report = await verifyAuditLog(log.db, store, "scheduled");
      expect(report).toMatchObject({ intact: false, problem: "forged-checkpoint" });
      // The break is recorded for the administrators, and raised as a security event.
      expect(await latestAuditVerification(log.db)).toMatchObject({ isIntact: false, problem: "forged-checkpoint", trigger: "scheduled" });
      const [raised] = await log.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
      expect(raised).toMatchObject({ action: "security.audit-chain-broken", details: { problem: "forged-checkpoint", checkpointLine: 2 } });
    } finally {
      await log.close();
    }
  });

  it("records every verification, newest first, for the administrators", async () => {
    const store = testCheckpointStore();
    await writeAuditCheckpoint(t.db, store);
    await verifyAuditLog(t.db, store, "on-demand");
    expect(await latestAuditVerification(t.db)).toMatchObject({ isIntact: true, trigger: "on-demand", eventCount: 13 });
    expect((await t.db.select().from(auditVerifications)).length).toBeGreaterThanOrEqual(1);
  });
});

describe("rows written before the chain had a key", () => {
  it("are verified and re-keyed once at start-up; after that, a keyless row is refused wherever it stands", async () => {
    const log = await logOf(4);
    try {
      // As the migration marks rows of the earlier release: chained with plain SHA-256.
      let prev: string | null = null;
      for (const row of log.rows.slice(0, 3)) {
        const hash = rehashWithoutKey(prev, row);
        await log.db.update(auditEvents).set({ hashScheme: "sha256", prevHash: prev, hash }).where(eq(auditEvents.id, row.id));
        prev = hash;
      }
      // The keyed row written after them by the new release links to the last keyless hash.
      await log.db.update(auditEvents).set({ prevHash: prev }).where(eq(auditEvents.id, log.rows[3]!.id));
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, brokenAtId: log.rows[0]!.id, problem: "unkeyed-row" });
      expect(await rekeyLegacyAuditRows(log.db)).toBe(3);
      expect(await verifyAuditChain(log.db)).toEqual({ intact: true, count: 4, checkpointLastId: null });
      expect(await rekeyLegacyAuditRows(log.db)).toBe(0);
      // Someone with the database passes every row off as an old one, re-hashed without the key: refused.
      prev = null;
      for (const row of await log.db.select().from(auditEvents).orderBy(asc(auditEvents.id))) {
        const forged = { ...row, details: { forged: true } };
        const hash = rehashWithoutKey(prev, forged);
        await log.db.update(auditEvents).set({ hashScheme: "sha256", details: forged.details, prevHash: prev, hash }).where(eq(auditEvents.id, row.id));
        prev = hash;
      }
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, brokenAtId: log.rows[0]!.id, problem: "unkeyed-row" });
    } finally {
      await log.close();
    }
  });

  it("are left keyless when their own chain is broken, for the verification to report", async () => {
    const log = await logOf(2);
    try {
      for (const row of log.rows) await log.db.update(auditEvents).set({ hashScheme: "sha256", hash: "not a hash" }).where(eq(auditEvents.id, row.id));
      expect(await rekeyLegacyAuditRows(log.db)).toBe(0);
      expect(await verifyAuditChain(log.db)).toMatchObject({ intact: false, problem: "unkeyed-row" });
    } finally {
      await log.close();
    }
  });
});
