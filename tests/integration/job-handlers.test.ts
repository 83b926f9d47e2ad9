import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, signInThrottles } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson } from "../../db/seed/factories";
import { recordAudit } from "../../app/audit/audit.server";
import { createCatalogue } from "../../app/catalogue/registry";
import { deriveExchangeKeys } from "../../app/exchange/signing.server";
import { createJobHandlers } from "../../app/jobs/handlers.server";
import { outboxSmsProvider } from "../../app/notifications/delivery.server";
import { createTestDatabase, testCheckpointStore, type TestDatabase } from "../setup/database";
import { defaultCircuitPolicy } from "../../app/exchange/circuit.server";

let t: TestDatabase;
let accountId: string;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await createTestDatabase();
  const person = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد", nameEn: "Ahmad" });
  accountId = (await ensureCitizenAccount(t.db, person, "pw")).id;
});
afterAll(() => t.close());

const context = () => ({ db: t.db, jobId: 1, attempt: 1 });
const catalogue = createCatalogue([], {});
const jobHandlers = createJobHandlers({
  catalogue,
  exchange: {
    keys: deriveExchangeKeys("x".repeat(32)),
    defaultBaseUrl: "http://127.0.0.1:9/none",
    timeoutMs: 1000,
    isGranted: catalogue.isGranted,
    circuit: defaultCircuitPolicy,
  },
  delivery: { mailFrom: "test@nafitha.example", sms: outboxSmsProvider },
  auditCheckpoints: testCheckpointStore(),
  paymentGateway: () => null,
  scanner: null,
});
const session = (id: string, fields: Partial<typeof sessions.$inferInsert>) => ({
  id,
  accountId,
  stage: "active" as const,
  channel: "web" as const,
  idleTimeoutSeconds: 1800,
  expiresAt: new Date(Date.now() + DAY),
  ...fields,
});

describe("sessions.purge-expired", () => {
  it("deletes sessions that ended over a month ago and keeps the rest", async () => {
    const now = Date.now();
    await t.db
      .insert(sessions)
      .values([
        session("live", {}),
        session("expired-yesterday", { expiresAt: new Date(now - DAY) }),
        session("expired-long-ago", { createdAt: new Date(now - 41 * DAY), lastSeenAt: new Date(now - 41 * DAY), expiresAt: new Date(now - 40 * DAY) }),
        session("revoked-long-ago", { revokedAt: new Date(now - 31 * DAY) }),
      ]);
    await t.db.insert(signInThrottles).values([
      { key: "ip:old", failures: 3, windowStartedAt: new Date(now - 2 * DAY) },
      { key: "ip:recent", failures: 3, windowStartedAt: new Date(now - 60_000) },
    ]);
    await jobHandlers["sessions.purge-expired"]({}, context());
    const kept = (await t.db.select({ id: sessions.id }).from(sessions)).map((row) => row.id).sort();
    expect(kept).toEqual(["expired-yesterday", "live"]);
    const throttles = (await t.db.select({ key: signInThrottles.key }).from(signInThrottles)).map((row) => row.key);
    expect(throttles).toEqual(["ip:recent"]);
    // Idempotent: a second run changes nothing.
    await jobHandlers["sessions.purge-expired"]({}, context());
    expect(await t.db.select({ id: sessions.id }).from(sessions)).toHaveLength(2);
  });
});

describe("audit.verify-chain", () => {
  it("runs over the log without failing", async () => {
    await recordAudit(t.db, { channel: "system", action: "audit.verified", actorLabel: "test" });
    await expect(jobHandlers["audit.verify-chain"]({}, context())).resolves.toBeUndefined();
  });
});
