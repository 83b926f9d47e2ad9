import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { totpCode, totpStep } from "../../app/auth/totp.server";

const STALE_LOCK_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives `use` a TOTP code of a demo member of staff that no other test of this run has sent, and
 * holds the account until `use` is done. The test files share one server and its accounts; the
 * server takes a code once, and only for a step later than the last it took — and a refused code
 * counts as a guess (five lock the account for 15 minutes). So the test processes take turns on
 * an account through a lock file, and each sends the step after the last one sent.
 */
export async function withTotpCode<T>(baseUrl: string, username: string, secret: string, use: (code: string) => Promise<T>): Promise<T> {
  const dir = path.join(os.tmpdir(), "nafitha-test-totp", new URL(baseUrl).port);
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, `${username}.lock`);
  const lastSent = path.join(dir, `${username}.last`);
  await takeLock(lock);
  try {
    const last = fs.existsSync(lastSent) ? Number(fs.readFileSync(lastSent, "utf8")) : Number.NEGATIVE_INFINITY;
    const step = Math.max(totpStep(new Date()), last + 1);
    // The server also takes the next step's code; a later one must wait for its turn.
    while (step > totpStep(new Date()) + 1) await sleep(250);
    fs.writeFileSync(lastSent, String(step));
    return await use(totpCode(secret, step));
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

async function takeLock(lock: string) {
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // A test process killed while holding the lock leaves it behind.
    const heldSince = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    if (heldSince !== undefined && Date.now() - heldSince > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
    await sleep(100);
  }
}
