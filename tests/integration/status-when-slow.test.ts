import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getViewer, VIEWER_WAIT_WHEN_SLOW_MS } from "../../app/auth/guards.server";
import { createSession, sessionCookie } from "../../app/auth/session.server";
import { forgetStatusCopies } from "../../app/ops/status.server";
import { loader as rootLoader } from "../../app/root";
import { loader as statusLoader } from "../../app/routes/status";
import { demoAgencies } from "../../db/seed/demo";
import { ensureAgency, ensureCitizenAccount, ensurePerson } from "../../db/seed/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";
import { installTestRuntime } from "../support/runtime";

// The status page is served while the database is slow, to a citizen signed in too: who they are
// and their unread count are given up on rather than waited for (the page itself comes from a copy).
// Slow as it is when it happens: a transaction holds the sessions table and sleeps (on PostgreSQL).

let t: TestDatabase;
let cookie: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-slow-"));
const HELD_SECONDS = 6;

beforeAll(async () => {
  t = await createTestDatabase();
  installTestRuntime(t, dir);
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  const person = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد عبدالله العنزي", nameEn: "Ahmad Abdullah Al-Enezi" });
  const account = await ensureCitizenAccount(t.db, person, "x".repeat(12));
  const { token } = await createSession(t.db, { accountId: account.id, stage: "active", channel: "web", idleTimeoutSeconds: 1800, ip: null, userAgent: null });
  cookie = await sessionCookie(false).serialize(token);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const context = { requestId: "r", ip: "192.0.2.1", cspNonce: "n" };
const requestFor = (pathname: string) => new Request(`http://localhost${pathname}`, { headers: { cookie } });

describe("the status page while the database is slow", () => {
  it("knows the citizen when the database answers", async () => {
    expect((await getViewer(requestFor("/status"))).kind).toBe("citizen");
  });

  // PGlite runs in this thread: a query that sleeps there holds everything, the test included.
  it.runIf(testDriver === "postgres")(
    "is served to a signed-in citizen as to a visitor, within moments, while the sessions are held",
    async () => {
      forgetStatusCopies(t.db);
      // A copy of the status made while the database answered.
      await statusLoader({ request: new Request("http://localhost/status"), params: {}, context });
      const held = t.db.transaction(async (tx) => {
        await tx.execute(sql`lock table sessions in access exclusive mode`);
        await tx.execute(sql.raw(`select pg_sleep(${HELD_SECONDS})`));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const [root, page] = await Promise.all([
        rootLoader({ request: requestFor("/status"), params: {}, context }) as Promise<Response>,
        statusLoader({ request: requestFor("/status"), params: {}, context }) as Promise<Response>,
      ]);
      const took = Date.now() - started;
      expect(took).toBeLessThan((HELD_SECONDS - 2) * 1000);
      expect(took).toBeGreaterThanOrEqual(VIEWER_WAIT_WHEN_SLOW_MS - 50);
      expect((await root.json()).viewer).toEqual({ kind: "anonymous" });
      expect((await page.json()).status.components.length).toBeGreaterThan(0);
      await held;
    },
    30_000,
  );
});
