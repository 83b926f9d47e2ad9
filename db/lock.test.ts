import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./lock";

const root = path.resolve(import.meta.dirname, "..");
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the data-dir lock", () => {
  it("refuses a second holder while the first lives, and frees the dir on release", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, "server");
    expect(() => acquireDataDirLock(dir, "worker")).toThrow(DataDirLockedError);
    release();
    acquireDataDirLock(dir, "worker")();
  });

  it("takes over a lock whose process died without releasing it", () => {
    const dir = tempDir();
    const deadPid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).toString());
    fs.writeFileSync(path.join(dir, "nafitha.lock"), JSON.stringify({ pid: deadPid, host: os.hostname(), purpose: "server", since: "earlier" }));
    const release = acquireDataDirLock(dir, "worker");
    // The lock is now this process's, and holds against the next one.
    expect(JSON.parse(fs.readFileSync(path.join(dir, "nafitha.lock"), "utf8"))).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: "worker" });
    expect(() => acquireDataDirLock(dir, "server")).toThrow(DataDirLockedError);
    release();
    expect(fs.existsSync(path.join(dir, "nafitha.lock"))).toBe(false);
  });

  it("makes a second process (the seed script) stop with a clear message", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, "server");
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "silent" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("already in use by another Nafitha process (server, pid");
      expect(result.stderr).toContain("DATABASE_URL");
    } finally {
      release();
    }
  });
});
