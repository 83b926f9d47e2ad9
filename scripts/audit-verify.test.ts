import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { installAuditChainKey, recordAudit } from "../app/audit/audit.server";
import { deriveSecrets, loadRootSecret } from "../app/secrets.server";
import { connect } from "../db/client";

const root = path.resolve(import.meta.dirname, "..");
const run = (dataDir: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
  });

/** Opens the script's embedded database in this process (the script has exited), with the deployment's own chain key. */
async function withDatabase(dataDir: string, run: (db: Awaited<ReturnType<typeof connect>>["db"]) => Promise<void>) {
  installAuditChainKey(deriveSecrets(loadRootSecret(undefined, dataDir)).auditChainKey);
  const handle = await connect({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    await run(handle.db);
  } finally {
    await handle.close();
  }
}

describe("npm run audit:verify", () => {
  it("says an intact log is intact, and names the first bad row of an altered one with a non-zero exit", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-audit-verify-"));
    try {
      const first = run(dataDir);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain("INTACT: 0 audit events verified");

      let thirdId = 0;
      await withDatabase(dataDir, async (db) => {
        const ids: number[] = [];
        for (let i = 0; i < 4; i++) ids.push((await recordAudit(db, { channel: "system", action: "audit.verified", details: { i } })).id);
        thirdId = ids[2]!;
      });
      const intact = run(dataDir);
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toContain("INTACT: 4 audit events verified");

      await withDatabase(dataDir, (db) => db.execute(sql`update audit_events set details = '{"i": 99}' where id = ${thirdId}`).then(() => undefined));
      const broken = run(dataDir);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain(`BROKEN at event #${thirdId}`);
      expect(broken.stderr).toContain("2 events verified before it");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
