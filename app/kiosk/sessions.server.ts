import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { kioskSessions, kiosks, type Kiosk } from "../../db/schema";
import { parseCivilId } from "../auth/civil-id";
import { claimAttempt, releaseAttempt, settleFailedAttempt, throttleKey, throttleRules } from "../auth/throttle.server";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import { ensurePerson } from "../accounts/people.server";

// A person at a kiosk: their civil-ID card in the reader (as the card-reader bridge reports it),
// their PIN checked by PACI over the exchange, and a short session that ends on "finish", when the
// card comes out, or after 80 seconds without a touch (60 s, then a 20 s countdown on the screen).

export const KIOSK_IDLE_SECONDS = 80;
const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/** The card-reader bridge: a card went in (its civil ID) or came out. Taking a card out ends the session on it. */
export async function recordCard(
  db: Database,
  kioskId: string,
  event: { kind: "inserted"; civilId: string } | { kind: "removed" },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(kiosks)
      .set(event.kind === "inserted" ? { cardCivilId: event.civilId, cardInsertedAt: now } : { cardCivilId: null, cardInsertedAt: null })
      .where(eq(kiosks.id, kioskId));
    await tx
      .update(kioskSessions)
      .set({ endedAt: now })
      .where(and(eq(kioskSessions.kioskId, kioskId), isNull(kioskSessions.endedAt)));
  });
}

export type PinResult =
  | { ok: true; token: string }
  | { ok: false; reason: "no-card" | "unknown-card" | "locked"; minutes?: number }
  | { ok: false; reason: "wrong-pin"; triesLeft: number }
  | { ok: false; reason: "registry-unavailable" };

const MAX_TRIES = throttleRules.card.limit;

/**
 * Signs in the person whose card is in this kiosk's reader, if PACI says the PIN is the card's.
 * Three wrong PINs lock the card for 15 minutes, at every kiosk.
 */
export async function signInWithPin(db: Database, exchange: ExchangeConfig, kiosk: Kiosk, pin: string, now = new Date()): Promise<PinResult> {
  const civilId = kiosk.cardCivilId;
  if (!civilId || !parseCivilId(civilId).ok) return { ok: false, reason: "no-card" };
  // Counted before PACI is asked: of a burst of PINs for one card, no more than three reach PACI.
  const claim = await claimAttempt(db, [throttleKey("card", civilId)], now);
  if (!claim.ok) return { ok: false, reason: "locked", minutes: claim.retryAfterMinutes };
  const ask = (operation: string, payload: Record<string, unknown>) =>
    callAgency(db, exchange, {
      operation,
      payload,
      callerServiceId: "portal-kiosk",
      purpose: "Sign in at a kiosk with the civil-ID card",
      applicationId: null,
      stepInstanceId: null,
      onBehalfOfPersonId: null,
      onBehalfOfCivilId: civilId,
      attempt: 1,
    });
  let checked: Awaited<ReturnType<typeof callAgency>>;
  try {
    checked = await ask("paci.verify-card-pin", { civilId, pin });
  } catch {
    await releaseAttempt(db, claim.attempt);
    return { ok: false, reason: "registry-unavailable" };
  }
  if (!checked.found) {
    await releaseAttempt(db, claim.attempt);
    return { ok: false, reason: "unknown-card" };
  }
  if (!(checked.data as { isMatch: boolean }).isMatch) {
    await settleFailedAttempt(db, claim.attempt, now);
    const triesLeft = MAX_TRIES - claim.attempt.counts[0]!;
    return triesLeft > 0 ? { ok: false, reason: "wrong-pin", triesLeft } : { ok: false, reason: "locked", minutes: throttleRules.card.lockMinutes };
  }
  await releaseAttempt(db, claim.attempt);
  let record: Awaited<ReturnType<typeof callAgency>>;
  try {
    record = await ask("paci.person", { civilId });
  } catch {
    return { ok: false, reason: "registry-unavailable" };
  }
  if (!record.found) return { ok: false, reason: "unknown-card" };
  const found = record.data as { nameAr: string; nameEn: string; nationality: string; phone: string | null };
  const person = await ensurePerson(db, { civilId, nameAr: found.nameAr, nameEn: found.nameEn, nationality: found.nationality, phone: found.phone });
  const token = crypto.randomBytes(32).toString("base64url");
  await db.insert(kioskSessions).values({ id: sha256(token), kioskId: kiosk.id, personId: person.id, civilId, createdAt: now, lastSeenAt: now });
  return { ok: true, token };
}

/** The session of this token at this kiosk, not ended and touched within the idle time. */
const isLive = (kioskId: string, token: string, now: Date) =>
  and(
    eq(kioskSessions.id, sha256(token)),
    eq(kioskSessions.kioskId, kioskId),
    isNull(kioskSessions.endedAt),
    gt(kioskSessions.lastSeenAt, new Date(now.getTime() - KIOSK_IDLE_SECONDS * 1000)),
  );

/**
 * The person signed in at this kiosk with this token, if the session is live. Each use counts as a
 * touch, except the screen's own poll for an application's progress (`isActivity: false`).
 */
export async function kioskPersonOf(db: Database, kioskId: string, token: string | null, options: { now?: Date; isActivity?: boolean } = {}) {
  const { now = new Date(), isActivity = true } = options;
  if (!token) return null;
  const [session] = isActivity
    ? await db
        .update(kioskSessions)
        .set({ lastSeenAt: now })
        .where(isLive(kioskId, token, now))
        .returning()
    : await db
        .select()
        .from(kioskSessions)
        .where(isLive(kioskId, token, now));
  return session ?? null;
}

/**
 * Whether this token's session at this kiosk is still live, without counting as a touch: the
 * screen asks every few seconds, so that a card taken out ends what is shown at once.
 */
export async function isKioskSessionLive(db: Database, kioskId: string, token: string | null, now = new Date()): Promise<boolean> {
  if (!token) return false;
  const [session] = await db
    .select({ id: kioskSessions.id })
    .from(kioskSessions)
    .where(isLive(kioskId, token, now));
  return Boolean(session);
}

/** Ends a kiosk session ("finish", or the idle countdown ran out). */
export async function endKioskSession(db: Database, token: string | null, now = new Date()): Promise<void> {
  if (!token) return;
  await db
    .update(kioskSessions)
    .set({ endedAt: now })
    .where(and(eq(kioskSessions.id, sha256(token)), isNull(kioskSessions.endedAt)));
}
