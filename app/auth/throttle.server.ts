import { eq, inArray } from "drizzle-orm";
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
} satisfies Record<string, Rule>;

export type ThrottleScope = keyof typeof throttleRules;
export const throttleKey = (scope: ThrottleScope, value: string) => `${scope}:${value.toLowerCase()}`;

/** Returns when the earliest lock on any of the keys lifts, or null when none is locked. */
export async function lockedUntil(db: Database, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, keys));
  const locks = rows.map((row) => row.lockedUntil).filter((until): until is Date => until !== null && until > now);
  return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
}

export async function recordFailure(db: Database, scope: ThrottleScope, key: string, now = new Date()): Promise<void> {
  const rule = throttleRules[scope];
  await db.transaction(async (tx) => {
    await tx.insert(signInThrottles).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(signInThrottles).where(eq(signInThrottles.key, key)).for("update");
    const isNewWindow = !row || row.windowStartedAt.getTime() < now.getTime() - rule.windowMinutes * 60_000;
    const failures = isNewWindow ? 1 : row.failures + 1;
    await tx
      .update(signInThrottles)
      .set({
        failures,
        windowStartedAt: isNewWindow ? now : row.windowStartedAt,
        lockedUntil: failures >= rule.limit ? new Date(now.getTime() + rule.lockMinutes * 60_000) : (row?.lockedUntil ?? null),
      })
      .where(eq(signInThrottles.key, key));
  });
}

export async function clearThrottle(db: Database, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
