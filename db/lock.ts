import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite has no lock between processes: two processes on one data dir both "work" and one's
 * writes are lost. So whoever opens the embedded database holds this lock file, and a second
 * process is refused with a message that says who holds it.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockOwner,
  ) {
    super(
      `The embedded database in ${path.dirname(lockPath)} is already in use by another Nafitha process ` +
        `(${holder.purpose}, pid ${holder.pid}, since ${holder.since}). ` +
        `Stop that process first. To run several processes (server, worker, scripts) at once, use a real ` +
        `PostgreSQL server by setting DATABASE_URL.`,
    );
    this.name = "DataDirLockedError";
  }
}

interface LockOwner {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "nafitha.lock");
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (createLock(lockPath, owner)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    }
    const seen = readText(lockPath);
    if (seen === null) continue; // released meanwhile: try again
    const holder = parseOwner(seen);
    if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) throw new DataDirLockedError(lockPath, holder);
    // The holder died without cleaning up (SIGKILL, power loss): the lock is stale. Several
    // processes may see that at once; only one breaks it, and only the lock it saw.
    breakStaleLock(lockPath, seen);
    sleep(5 + Math.floor(Math.random() * 20));
  }
  throw new Error(`Could not take the lock ${lockPath}; another process keeps taking it.`);
}

/** Creates the lock file whole, or not at all (a hard link to a written file fails if the lock exists). */
function createLock(lockPath: string, owner: LockOwner): boolean {
  const written = `${lockPath}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(written, JSON.stringify(owner), { mode: 0o600 });
  try {
    fs.linkSync(written, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(written, { force: true });
  }
}

/** Removes a stale lock, under a short-lived breaker lock, if it is still the one that was seen. */
function breakStaleLock(lockPath: string, seen: string) {
  const breaker = `${lockPath}.break`;
  try {
    fs.writeFileSync(breaker, String(process.pid), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another process is breaking it; a breaker left by a process that died is cleared after a while.
    const age = Date.now() - (fs.statSync(breaker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    if (readText(lockPath) === seen) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, "utf8");
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    return JSON.parse(text) as LockOwner;
  } catch {
    return null;
  }
}

function readOwner(lockPath: string): LockOwner | null {
  const text = readText(lockPath);
  return text === null ? null : parseOwner(text);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
