import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/env.server";
import { startRuntime } from "../../app/runtime.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";

// A restore that lacks what must travel with the database (its root secret, its certificate
// authority) is stopped at start-up with a sentence naming the setting, before a new secret or a
// new CA is quietly made in its place.

let t: TestDatabase | undefined;
let dataDir: string;
const SECRET = "the-root-secret-this-database-was-made-with";
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-keys-"));
  if (testDriver === "postgres") t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const envOf = (overrides: Record<string, string> = {}) =>
  parseEnv({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(testDriver === "postgres" ? { DATABASE_URL: t!.url!, NAFITHA_SECRET: SECRET } : {}),
    ...overrides,
  });

async function startAndStop(overrides: Record<string, string> = {}, during?: (runtime: Awaited<ReturnType<typeof startRuntime>>["runtime"]) => Promise<void>) {
  const { runtime, stop } = await startRuntime(envOf(overrides), "script");
  try {
    await during?.(runtime);
  } finally {
    await stop();
  }
}

async function refusal(overrides: Record<string, string> = {}): Promise<string> {
  const error = await startAndStop(overrides).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(EnvError);
  return (error as EnvError).problems.join("\n");
}

describe(`what must travel with the database (${testDriver})`, () => {
  const secretFile = () => path.join(dataDir, "secret.key");
  const pkiDir = () => path.join(dataDir, "pki");

  it("stops when the root secret differs from the one the database was made with, or is missing", { timeout: 120_000 }, async () => {
    await startAndStop();
    if (testDriver === "postgres") {
      expect(await refusal({ NAFITHA_SECRET: "another-root-secret-of-the-right-length-x" })).toMatch(
        /^NAFITHA_SECRET: this is not the root secret this database was made with/,
      );
      return;
    }
    const original = fs.readFileSync(secretFile(), "utf8");
    fs.rmSync(secretFile());
    expect(await refusal()).toMatch(/^DATA_DIR: .*secret\.key is missing, but this database was made with a root secret; restore secret\.key/);
    // Nothing was made in its place.
    expect(fs.existsSync(secretFile())).toBe(false);
    fs.writeFileSync(secretFile(), "a-different-secret-made-elsewhere\n");
    expect(await refusal()).toMatch(/^DATA_DIR: .*secret\.key is not the root secret this database was made with/);
    fs.writeFileSync(secretFile(), original);
    await startAndStop();
  });

  it("records the certificate authority when it is made, and stops when it is missing or another", { timeout: 180_000 }, async () => {
    await startAndStop({}, async (runtime) => {
      runtime.pki.rootCa();
      // Recorded as it is made (the runtime is told), before the process stops.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const kept = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-kept-pki-"));
    fs.cpSync(pkiDir(), kept, { recursive: true });
    fs.rmSync(pkiDir(), { recursive: true });
    expect(await refusal()).toMatch(
      /^PKI_DIR: the certificate authority that signs this database's certificates is missing from .*pki \(root-ca\.key\.pem, root-ca\.cert\.pem\)/,
    );
    expect(fs.existsSync(path.join(pkiDir(), "root-ca.cert.pem"))).toBe(false);
    // Another CA in its place (made by another deployment): refused too.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-other-pki-"));
    const { Pki } = await import("../../app/certificates/pki.server");
    new Pki(other, "passphrase").rootCa();
    fs.cpSync(other, pkiDir(), { recursive: true });
    expect(await refusal()).toMatch(/^PKI_DIR: the certificate authority in .* is not the one that signed this database's certificates/);
    fs.rmSync(pkiDir(), { recursive: true });
    fs.cpSync(kept, pkiDir(), { recursive: true });
    await startAndStop();
    fs.rmSync(kept, { recursive: true });
    fs.rmSync(other, { recursive: true });
  });
});
