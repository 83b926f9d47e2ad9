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
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), purpose, since: new Date().toISOString() };
      fs.writeFileSync(lockPath, JSON.stringify(owner), { flag: "wx", mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readOwner(lockPath);
      if (holder && holder.host === os.hostname() && isAlive(holder.pid)) throw new DataDirLockedError(lockPath, holder);
      if (holder && holder.host !== os.hostname()) throw new DataDirLockedError(lockPath, holder);
      // The holder died without cleaning up (SIGKILL, power loss): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}; another process keeps taking it.`);
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockOwner;
  } catch {
    return null;
  }
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
