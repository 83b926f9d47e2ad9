import type crypto from "node:crypto";
import { and, asc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies, agencyKeys, type AgencyKey } from "../../db/schema";
import { readPublicKey } from "./signing.server";

// The keys agencies sign their answers with, as administrators register them, and the rotation
// that lets an old key and its successor both verify for an overlap period.

export const MAX_OVERLAP_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

export type KeyState = "current" | "retiring" | "expired" | "scheduled";

/** Where a key stands at `now`: valid without end, valid until a set end, past its end, or not yet valid. */
export function keyState(key: Pick<AgencyKey, "validFrom" | "validUntil">, now: Date): KeyState {
  if (key.validFrom > now) return "scheduled";
  if (key.validUntil === null) return "current";
  return key.validUntil > now ? "retiring" : "expired";
}

export function listAgencyKeys(db: Database, agencyId: string) {
  return db
    .select({
      keyId: agencyKeys.keyId,
      fingerprint: agencyKeys.fingerprint,
      validFrom: agencyKeys.validFrom,
      validUntil: agencyKeys.validUntil,
    })
    .from(agencyKeys)
    .where(eq(agencyKeys.agencyId, agencyId))
    .orderBy(asc(agencyKeys.validFrom), asc(agencyKeys.keyId));
}

const parsed = new Map<string, crypto.KeyObject>();

/**
 * The keys an agency's answer may be signed with at `now`, by key id; null when the agency has
 * none registered (the caller then trusts its configured or derived key).
 */
export async function trustedAgencyKeys(db: Database, agencyId: string, now = new Date()): Promise<Map<string, crypto.KeyObject> | null> {
  const rows = await db
    .select({
      keyId: agencyKeys.keyId,
      publicKey: agencyKeys.publicKey,
      fingerprint: agencyKeys.fingerprint,
      validFrom: agencyKeys.validFrom,
      validUntil: agencyKeys.validUntil,
    })
    .from(agencyKeys)
    .where(eq(agencyKeys.agencyId, agencyId));
  if (rows.length === 0) return null;
  const trusted = new Map<string, crypto.KeyObject>();
  for (const row of rows) {
    const state = keyState(row, now);
    if (state !== "current" && state !== "retiring") continue;
    let key = parsed.get(row.fingerprint);
    if (!key) {
      const reading = readPublicKey(row.publicKey);
      if (!reading.ok) continue;
      key = reading.key;
      parsed.set(row.fingerprint, key);
    }
    trusted.set(row.keyId, key);
  }
  return trusted;
}

export type AddKeyOutcome =
  | { ok: true; fingerprint: string; retired: { keyId: string; validUntil: Date }[] }
  | { ok: false; problem: "not-a-key" | "not-ed25519" | "private-key" | "key-id-taken" | "key-known" };

/**
 * Registers an agency's new signing key, valid from `now`, in the caller's transaction. Every key
 * of the agency still valid past the overlap is given the overlap's end, so answers signed with
 * the old key verify until then and not after; `overlapDays` 0 ends them at once.
 */
export async function addAgencyKey(
  tx: Database,
  input: { agencyId: string; keyId: string; publicKey: string; overlapDays: number; addedByAccountId: string | null; now?: Date },
): Promise<AddKeyOutcome> {
  const reading = readPublicKey(input.publicKey);
  if (!reading.ok) return reading;
  const now = input.now ?? new Date();
  // One rotation at a time per agency: a second one waits here, then sees the first's key and
  // retires it, so the agency never has two keys without an end.
  await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, input.agencyId)).for("update");
  const [sameId] = await tx
    .select({ keyId: agencyKeys.keyId })
    .from(agencyKeys)
    .where(and(eq(agencyKeys.agencyId, input.agencyId), eq(agencyKeys.keyId, input.keyId)));
  if (sameId) return { ok: false, problem: "key-id-taken" };
  const [sameKey] = await tx.select({ keyId: agencyKeys.keyId }).from(agencyKeys).where(eq(agencyKeys.fingerprint, reading.fingerprint));
  if (sameKey) return { ok: false, problem: "key-known" };
  // Ends strictly after `now`, so an overlap of 0 days still satisfies valid_until > valid_from.
  const overlapEnd = new Date(now.getTime() + Math.max(1, Math.min(input.overlapDays, MAX_OVERLAP_DAYS) * DAY_MS));
  const retired = await tx
    .update(agencyKeys)
    .set({ validUntil: overlapEnd })
    .where(
      and(eq(agencyKeys.agencyId, input.agencyId), lte(agencyKeys.validFrom, now), or(isNull(agencyKeys.validUntil), gt(agencyKeys.validUntil, overlapEnd))),
    )
    .returning({ keyId: agencyKeys.keyId, validUntil: agencyKeys.validUntil });
  await tx.insert(agencyKeys).values({
    agencyId: input.agencyId,
    keyId: input.keyId,
    publicKey: reading.der,
    fingerprint: reading.fingerprint,
    validFrom: now,
    addedByAccountId: input.addedByAccountId,
  });
  return { ok: true, fingerprint: reading.fingerprint, retired: retired.map((row) => ({ keyId: row.keyId, validUntil: row.validUntil! })) };
}
