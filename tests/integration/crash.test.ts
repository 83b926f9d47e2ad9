import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../db/client";
import { exchangeMessages, jobs, stepInstances } from "../../db/schema";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";
import { addEmployment, addMarriageContract, addPaciPerson } from "../support/registries";
import { createEngineHarness, type EngineHarness } from "../support/engine";

const root = path.resolve(import.meta.dirname, "../..");
let t: TestDatabase;
let target: string;
let dataDir: string | null = null;

beforeAll(async () => {
  if (testDriver === "postgres") {
    t = await createTestDatabase();
    // The child connects to this very database.
    target = t.url!;
  } else {
    // A PGlite database on disk, migrated, that the child opens after this process lets go of it.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-crash-"));
    const handle = await connect({ driver: "pglite", dataDir });
    await handle.migrate();
    await handle.close();
    target = dataDir;
  }
});
afterAll(async () => {
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a process killed between a transition and its job", () => {
  it("leaves the job to run on restart, exactly once", async () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "tests/fixtures/crash-after-submit.ts", testDriver, target], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    expect(child.signal).toBe("SIGKILL");
    const applicationId = child.stdout.trim();
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);

    // "Restart": a new process (here, this one) opens the database and runs a worker.
    const restarted: TestDatabase = testDriver === "postgres" ? t : await reopenPglite(dataDir!);
    let harness: EngineHarness | null = null;
    try {
      const [job] = await restarted.db.select().from(jobs).where(eq(jobs.kind, "exchange.call"));
      expect(job).toMatchObject({ status: "queued", attempts: 0 });
      await addPaciPerson(restarted.db, { civilId: "288020122596" });
      await addMarriageContract(restarted.db, { contractNumber: "MOJ-2026-1001", husbandCivilId: "288020122596" });
      await addEmployment(restarted.db, "288020122596", 1_200_000);
      harness = await createEngineHarness(restarted);
      await harness.drain();
      await harness.drain();
      const lookups = await restarted.db
        .select()
        .from(exchangeMessages)
        .where(and(eq(exchangeMessages.applicationId, applicationId), eq(exchangeMessages.operation, "paci.person")));
      expect(lookups).toHaveLength(1);
      expect(lookups[0]).toMatchObject({ outcome: "ok", attempt: 1 });
      const [lookup] = await restarted.db
        .select()
        .from(stepInstances)
        .where(and(eq(stepInstances.applicationId, applicationId), eq(stepInstances.stepId, "lookup-person")));
      expect(lookup).toMatchObject({ state: "completed", outcome: "found" });
    } finally {
      await harness?.close();
      if (testDriver === "pglite") await restarted.close();
    }
  });
});

async function reopenPglite(dir: string): Promise<TestDatabase> {
  const { deriveSecrets } = await import("../../app/secrets.server");
  const handle = await connect({ driver: "pglite", dataDir: dir });
  return { db: handle.db, driver: "pglite", handle, secrets: deriveSecrets("crash-test-secret-long-enough-to-use"), close: () => handle.close() };
}
