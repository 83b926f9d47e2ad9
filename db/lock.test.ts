import { execFileSync, spawn, spawnSync } from "node:child_process";
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

  it("lets exactly one of several processes take over a stale lock at the same moment", { timeout: 120_000 }, async () => {
    const deadPid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).toString());
    // Each racer waits for the same instant, tries, and if it wins holds the lock a while; it reports when it held it.
    const racer = `
      const { acquireDataDirLock } = await import(${JSON.stringify(path.join(root, "db", "lock.ts"))});
      const [dir, at] = process.argv.slice(-2);
      while (Date.now() < Number(at)) {}
      try {
        const release = acquireDataDirLock(dir, "racer");
        const from = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 400));
        const to = Date.now();
        release();
        console.log(JSON.stringify({ won: true, from, to }));
      } catch (error) {
        console.log(JSON.stringify({ won: false, error: error.name }));
      }`;
    for (let round = 0; round < 6; round++) {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, "nafitha.lock"), JSON.stringify({ pid: deadPid, host: os.hostname(), purpose: "server", since: "earlier" }));
      const at = String(Date.now() + 2_500);
      const results = await Promise.all(
        [1, 2, 3].map(
          () =>
            new Promise<{ won: boolean; from?: number; to?: number; error?: string }>((resolve, reject) => {
              const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", racer, dir, at], { cwd: root });
              let out = "";
              child.stdout.on("data", (chunk) => (out += chunk));
              child.on("exit", () => {
                try {
                  resolve(JSON.parse(out.trim().split("\n").pop() ?? ""));
                } catch {
                  reject(new Error(`a racer said: ${out}`));
                }
              });
            }),
        ),
      );
      const held = results.filter((result) => result.won).sort((a, b) => a.from! - b.from!);
      expect(held.length, `round ${round}: ${JSON.stringify(results)}`).toBeGreaterThanOrEqual(1);
      // Whoever won later did so after the one before had let go: never two holders at once.
      for (let i = 1; i < held.length; i++) expect(held[i]!.from!, `round ${round}`).toBeGreaterThanOrEqual(held[i - 1]!.to!);
      for (const lost of results.filter((result) => !result.won)) expect(lost.error).toBe("DataDirLockedError");
    }
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
