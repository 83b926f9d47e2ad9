import crypto from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { kiosks, type Kiosk } from "../../db/schema";
import { kioskById } from "./kiosks.server";

// The card-reader bridge on a kiosk tells the portal when a civil-ID card goes in or comes out.
// Each message is signed with the kiosk's bridge key, which the portal derives from its root
// secret (never stored in the database, so a copy of the database forges nothing), carries the
// time it was sent and a sequence number higher than any before it (so a captured message cannot
// be sent again), and names its kiosk.

/** How far the bridge's clock may be from the portal's. */
export const BRIDGE_MAX_SKEW_MS = 60_000;

/**
 * The bridge key of an enrolled kiosk: bound to its current credential, so enrolling again (a
 * replaced device) gives a new key. The device agent fetches it once with its credential.
 */
export function bridgeKeyOf(rootKey: Buffer, kiosk: Pick<Kiosk, "id" | "credentialHash">): string {
  return crypto.createHmac("sha256", rootKey).update(`${kiosk.id}:${kiosk.credentialHash}`).digest("base64url");
}

/** What the bridge signs: `time.sequence.body`. */
export function bridgeSignature(key: string, message: { time: string; sequence: string; body: string }): string {
  return crypto.createHmac("sha256", key).update(`${message.time}.${message.sequence}.${message.body}`).digest("base64url");
}

export interface BridgeMessage {
  kioskId: string;
  time: string;
  sequence: string;
  signature: string;
  body: string;
}

export type BridgeCheck = { ok: true; kiosk: Kiosk } | { ok: false; reason: "unknown-kiosk" | "stale" | "bad-signature" | "replayed" };

/**
 * Checks a bridge message: an enrolled kiosk, a fresh time, its signature, and a sequence number
 * higher than the last one taken (compare-and-set, so of two copies sent at once one is taken).
 */
export async function checkBridgeMessage(db: Database, rootKey: Buffer, message: BridgeMessage, now = new Date()): Promise<BridgeCheck> {
  const kiosk = await kioskById(db, message.kioskId);
  if (!kiosk?.credentialHash) return { ok: false, reason: "unknown-kiosk" };
  const time = Number(message.time);
  const sequence = Number(message.sequence);
  if (!/^\d{1,16}$/.test(message.time) || Math.abs(now.getTime() - time) > BRIDGE_MAX_SKEW_MS) return { ok: false, reason: "stale" };
  // A whole number JavaScript holds exactly (microseconds since the epoch fit).
  if (!/^\d{1,16}$/.test(message.sequence) || !Number.isSafeInteger(sequence)) return { ok: false, reason: "bad-signature" };
  const expected = Buffer.from(bridgeSignature(bridgeKeyOf(rootKey, kiosk), message));
  const given = Buffer.from(message.signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: "bad-signature" };
  const [taken] = await db
    .update(kiosks)
    .set({ bridgeSequence: sequence })
    .where(and(eq(kiosks.id, kiosk.id), or(isNull(kiosks.bridgeSequence), lt(kiosks.bridgeSequence, sequence))))
    .returning({ id: kiosks.id });
  return taken ? { ok: true, kiosk } : { ok: false, reason: "replayed" };
}
