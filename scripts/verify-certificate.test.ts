import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { certificateSigningKey, publishedKeys, signCertificateToken } from "../app/certificates/token.server";

const key = certificateSigningKey("the verifier test's root secret, long enough");
const token = signCertificateToken(key, { n: "TST-2026-000001", s: "engine-test-loan", ha: "أحمد", he: "Ahmad", i: "2026-11-22", e: null });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-jwks-"));
const jwksFile = path.join(dir, "jwks.json");
fs.writeFileSync(jwksFile, JSON.stringify(publishedKeys([key])));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/verify-certificate.ts", ...args], {
    cwd: path.resolve(import.meta.dirname, ".."),
    encoding: "utf8",
    timeout: 60_000,
  });

describe("scripts/verify-certificate", () => {
  it("says a genuine QR code is genuine, offline, from the URL it holds", () => {
    const result = run(`https://nafitha.example/verify/abc?t=${token}`, "--jwks", jwksFile);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("GENUINE");
    expect(result.stdout).toContain("TST-2026-000001");
  });

  it("says a genuine token past its validity is expired, with its own exit status", () => {
    const old = signCertificateToken(key, { n: "TST-2025-000009", s: "engine-test-loan", ha: "أحمد", he: "Ahmad", i: "2024-11-22", e: "2025-11-21" });
    const result = run(old, "--jwks", jwksFile);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("EXPIRED");
    expect(result.stderr).toContain("2025-11-21");
    expect(result.stdout).not.toContain("GENUINE");
    // Still valid today: genuine.
    const current = signCertificateToken(key, { n: "TST-2026-000010", s: "engine-test-loan", ha: "أحمد", he: "Ahmad", i: "2026-11-22", e: "2099-12-31" });
    expect(run(current, "--jwks", jwksFile).status).toBe(0);
  });

  it("says a forged one is not, and explains its usage", () => {
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const result = run(forged, "--jwks", jwksFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NOT GENUINE: bad-signature");
    expect(run(token).status).toBe(2);
  });
});
