import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema";
import { recordAudit, verifyAuditChain } from "../../app/audit/audit.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const event = (action: string, details: Record<string, unknown> = {}) => ({ channel: "web" as const, action, actorLabel: "test", details });

describe("the audit log", () => {
  it("chains every event to the one before it", async () => {
    for (let i = 0; i < 5; i++) await recordAudit(t.db, event("test.event", { i, nested: { b: 2, a: 1 } }));
    const rows = await t.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(t.db, 2)).toEqual({ intact: true, count: 5 });
  });

  it("keeps one unbroken chain when events are written concurrently", async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.db.transaction((tx) => recordAudit(tx, event("test.concurrent", { i })))));
    expect(await verifyAuditChain(t.db)).toMatchObject({ intact: true, count: 13 });
  });

  it("writes nothing when the change it records rolls back", async () => {
    const before = (await verifyAuditChain(t.db)).count;
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, event("test.rolled-back"));
        throw new Error("change failed");
      }),
    ).rejects.toThrow();
    expect((await verifyAuditChain(t.db)).count).toBe(before);
  });

  it("shows where the log was altered", async () => {
    const [third] = await t.db.select().from(auditEvents).orderBy(auditEvents.id).offset(2).limit(1);
    await t.db.update(auditEvents).set({ details: { i: 999 } }).where(eq(auditEvents.id, third!.id));
    expect(await verifyAuditChain(t.db)).toEqual({ intact: false, count: 2, brokenAtId: third!.id });
  });

  it("shows where a row was removed", async () => {
    const t2 = await createTestDatabase();
    try {
      for (let i = 0; i < 4; i++) await recordAudit(t2.db, event("test.event", { i }));
      const rows = await t2.db.select().from(auditEvents).orderBy(auditEvents.id);
      await t2.db.execute(sql`delete from audit_events where id = ${rows[1]!.id}`);
      expect(await verifyAuditChain(t2.db)).toEqual({ intact: false, count: 1, brokenAtId: rows[2]!.id });
    } finally {
      await t2.close();
    }
  });
});
