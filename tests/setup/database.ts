import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { installAuditChainKey } from "../../app/audit/audit.server";
import { checkpointStore } from "../../app/audit/checkpoints.server";
import { deriveSecrets, type Secrets } from "../../app/secrets.server";
import { connect, type Database, type DatabaseDriver, type DatabaseHandle } from "../../db/client";

export interface TestDatabase {
  /** The connection URL, on Postgres (for child processes). */
  url?: string;
  db: Database;
  driver: DatabaseDriver;
  handle: DatabaseHandle;
  secrets: Secrets;
  close(): Promise<void>;
}

export const testDriver = (process.env.TEST_DB_DRIVER ?? "pglite") as DatabaseDriver;

// One root secret per test file: every database it makes shares the keys, as one deployment does,
// and the audit chain's key is installed as startRuntime installs it.
const testSecrets = deriveSecrets(crypto.randomBytes(32).toString("base64url"));
installAuditChainKey(testSecrets.auditChainKey);

/** A checkpoint store of its own (a file in a fresh temporary directory), with the test file's key. */
export function testCheckpointStore() {
  return checkpointStore(fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-audit-")), testSecrets.auditCheckpointSeed);
}

/** A fresh, migrated database of its own for one test file, on the driver of this project. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const secrets = testSecrets;
  if (testDriver === "postgres") {
    const { adminUrl, templateName } = inject("postgresTemplate");
    const name = `nafitha_t_${templateName.split("_")[2]}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${templateName}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await connect({ driver: "postgres", url: url.toString(), maxConnections: 5 });
    return {
      url: url.toString(),
      db: handle.db,
      driver: "postgres",
      handle,
      secrets,
      async close() {
        await handle.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject("pgliteTemplatePath"));
  const handle = await connect({ driver: "pglite", dataDir: null, loadDataDir: new Blob([dump]) });
  return { db: handle.db, driver: "pglite", handle, secrets, close: () => handle.close() };
}

export const testRequestMeta = { requestId: "test-request", ip: "192.0.2.10", userAgent: "vitest", channel: "web" as const };
