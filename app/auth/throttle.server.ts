import { inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { signInThrottles } from "../../db/schema";

interface Rule {
  limit: number;
  windowMinutes: number;
  lockMinutes: number;
}

// Per account: a handful of guesses. Per address: more, since a family or an office shares one.
export const throttleRules = {
  account: { limit: 5, windowMinutes: 15, lockMinutes: 15 },
  ip: { limit: 30, windowMinutes: 15, lockMinutes: 15 },
  // A civil-ID card at a kiosk: three wrong PINs lock it for 15 minutes.
  card: { limit: 3, windowMinutes: 15, lockMinutes: 15 },
  // Codes texted to one civil ID (registration and password reset): three in 15 minutes.
  code: { limit: 3, windowMinutes: 15, lockMinutes: 0 },
} satisfies Record<string, Rule>;

export type ThrottleScope = keyof typeof throttleRules;

/** One counter: its scope gives the rule, its key what is counted (`account:citizen:<civil id>`, `ip:<address>` …). */
export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

export const throttleKey = (scope: ThrottleScope, value: string): ThrottleKey => ({ scope, key: `${scope}:${value.toLowerCase()}` });

/** An attempt counted on every one of its keys, not yet settled. */
export interface Attempt {
  keys: ThrottleKey[];
  /** The count on each key, this attempt included, in the order of `keys`. */
  counts: number[];
}

export type ClaimResult = { ok: true; attempt: Attempt } | { ok: false; retryAfterMinutes: number };

class Refused extends Error {}

/**
 * Counts an attempt before anything is checked: one `insert … on conflict do update … returning`
 * per key, which takes the row's lock, so of any number of concurrent attempts no more than the
 * limit are let through to the check. A key that is locked, or has used its limit in the window,
 * refuses the attempt, and nothing is counted on any key.
 */
export async function claimAttempt(db: Database, keys: ThrottleKey[], now = new Date()): Promise<ClaimResult> {
  try {
    const counts = await db.transaction(async (tx) => {
      const claimed: number[] = [];
      for (const { scope, key } of keys) {
        const rule = throttleRules[scope];
        const at = now.toISOString();
        const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString();
        const isExpired = sql`sign_in_throttles.window_started_at < ${windowStart}::timestamptz`;
        const [row] = await tx
          .insert(signInThrottles)
          .values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
          .onConflictDoUpdate({
            target: signInThrottles.key,
            set: {
              failures: sql`case when ${isExpired} then 1 else sign_in_throttles.failures + 1 end`,
              windowStartedAt: sql`case when ${isExpired} then ${at}::timestamptz else sign_in_throttles.window_started_at end`,
              lockedUntil: sql`case when ${isExpired} then null else sign_in_throttles.locked_until end`,
            },
            setWhere: sql`coalesce(sign_in_throttles.locked_until <= ${at}::timestamptz, true) and (${isExpired} or sign_in_throttles.failures < ${rule.limit})`,
          })
          .returning({ failures: signInThrottles.failures });
        if (!row) throw new Refused();
        claimed.push(row.failures);
      }
      return claimed;
    });
    return { ok: true, attempt: { keys, counts } };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, retryAfterMinutes: await retryAfterMinutes(db, keys, now) };
  }
}

/** When the refusing keys let an attempt through again: the end of their lock or of their window. */
async function retryAfterMinutes(db: Database, keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await db
    .select()
    .from(signInThrottles)
    .where(
      inArray(
        signInThrottles.key,
        keys.map((k) => k.key),
      ),
    );
  let until = now.getTime();
  for (const row of rows) {
    const rule = throttleRules[keys.find((k) => k.key === row.key)!.scope];
    if (row.lockedUntil && row.lockedUntil > now) until = Math.max(until, row.lockedUntil.getTime());
    else if (row.failures >= rule.limit) until = Math.max(until, row.windowStartedAt.getTime() + rule.windowMinutes * 60_000);
  }
  return minutesUntil(new Date(until), now);
}

/** The secret was wrong: the count stays, and a key that has reached its limit locks from now. */
export async function settleFailedAttempt(db: Database, attempt: Attempt, now = new Date()): Promise<void> {
  for (const { scope, key } of attempt.keys) {
    const rule = throttleRules[scope];
    if (rule.lockMinutes === 0) continue;
    await db
      .update(signInThrottles)
      .set({ lockedUntil: new Date(now.getTime() + rule.lockMinutes * 60_000) })
      .where(sql`${signInThrottles.key} = ${key} and ${signInThrottles.failures} >= ${rule.limit}`);
  }
}

/**
 * The attempt is not a failure (the secret was right, or nothing could be checked): it is taken
 * back from each count. Earlier failures in the window still count, so a burst that holds the
 * right secret is checked no more often than the limit allows.
 */
export async function releaseAttempt(db: Database, attempt: Attempt): Promise<void> {
  await db
    .update(signInThrottles)
    .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)` })
    .where(
      inArray(
        signInThrottles.key,
        attempt.keys.map((k) => k.key),
      ),
    );
}

export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
