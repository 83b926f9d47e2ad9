import crypto from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, oneTimeCodes, people, type OneTimeCodePurpose } from "../../db/schema";
import type { CivilId } from "../auth/civil-id";
import { hashPassword } from "../auth/password.server";
import type { RequestMeta } from "../auth/request-meta.server";
import { revokeSessionsOf } from "../auth/session.server";
import { auditAccount, openActiveSession } from "../auth/sign-in.server";
import { claimAttempt, releaseAttempt, throttleKey } from "../auth/throttle.server";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import type { Language } from "../i18n/config";
import { getFixedT } from "../i18n/language.server";
import { sendText } from "../notifications/notify.server";

// Registering and resetting a password by civil ID: the portal asks PACI for the person and the
// phone on record, sends a one-time code there by SMS, and takes the code and a new password.
// The code is kept only as an HMAC, expires, and allows a few tries.
//
// Whether an account exists is never told on the page: registering with a civil ID that has an
// account, or resetting one that has none, answers exactly as the other case does, and the text
// message to the phone on record says what to do instead of holding a code.

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
/** What a challenge keeps when no code was sent: no HMAC has this length, so no code matches it. */
const NO_CODE_SENT = "none";

export interface VerificationDeps {
  exchange: ExchangeConfig;
  sealKey: Buffer;
}

export type StartFailure = "not-in-registry" | "no-phone" | "registry-unavailable" | "too-many-codes";
export type StartResult = { ok: true; challengeId: string; maskedPhone: string } | { ok: false; reason: StartFailure };

export type CompleteFailure = "expired" | "wrong-code" | "too-many-attempts" | "already-registered" | "no-account";
export type CompleteResult = { ok: true; token: string } | { ok: false; reason: CompleteFailure; attemptsLeft?: number };

const codeHash = (key: Buffer, challengeId: string, code: string) => crypto.createHmac("sha256", key).update(`${challengeId}:${code}`).digest("base64url");
/** The last three digits only: •••• •123. */
export const maskPhone = (phone: string) => `•••• •${phone.slice(-3)}`;

async function citizenAccountOf(db: Database, civilId: string) {
  const [row] = await db
    .select({ accountId: accounts.id })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(people.civilId, civilId), eq(accounts.kind, "citizen")));
  return row?.accountId ?? null;
}

/**
 * Finds the person at PACI and texts the phone on record: a code when the purpose fits the
 * account (none yet to register, one to reset), otherwise what to do instead. The page's answer
 * is the same either way. Codes per civil ID are counted before anything is sent.
 */
export async function startVerification(
  db: Database,
  deps: VerificationDeps,
  input: { civilId: CivilId; purpose: OneTimeCodePurpose; language: Language },
  meta: RequestMeta,
  now = new Date(),
): Promise<StartResult> {
  const claim = await claimAttempt(db, [throttleKey("code", input.civilId)], now);
  if (!claim.ok) return { ok: false, reason: "too-many-codes" };
  const existing = await citizenAccountOf(db, input.civilId);
  let answer: Awaited<ReturnType<typeof callAgency>>;
  try {
    answer = await callAgency(db, deps.exchange, {
      operation: "paci.person",
      payload: { civilId: input.civilId },
      callerServiceId: "portal-accounts",
      purpose: input.purpose === "register" ? "Register an account" : "Reset a password",
      applicationId: null,
      stepInstanceId: null,
      onBehalfOfPersonId: null,
      onBehalfOfCivilId: input.civilId,
      attempt: 1,
    });
  } catch {
    await releaseAttempt(db, claim.attempt);
    return { ok: false, reason: "registry-unavailable" };
  }
  const record = answer.found ? (answer.data as { nameAr: string; nameEn: string; nationality: string; phone: string | null; email: string | null }) : null;
  if (!record?.phone) {
    await releaseAttempt(db, claim.attempt);
    return { ok: false, reason: record ? "no-phone" : "not-in-registry" };
  }
  const phone = record.phone;

  const shouldSendCode = input.purpose === "register" ? !existing : Boolean(existing);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const challengeId = crypto.randomUUID();
  const t = getFixedT(input.language);
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeCodes).values({
      id: challengeId,
      purpose: input.purpose,
      civilId: input.civilId,
      codeHash: shouldSendCode ? codeHash(deps.sealKey, challengeId, code) : NO_CODE_SENT,
      phone,
      person: { nameAr: record.nameAr, nameEn: record.nameEn, nationality: record.nationality, phone, email: record.email },
      expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      createdAt: now,
    });
    const body = shouldSendCode
      ? t("auth:code.sms.body", { code, minutes: CODE_MINUTES })
      : t(input.purpose === "register" ? "auth:code.sms.alreadyRegistered" : "auth:code.sms.noAccount");
    await sendText(tx, { address: phone, event: `code.${input.purpose}`, language: input.language, subject: t("auth:code.sms.subject"), body });
    await auditAccount(tx, existing, meta, shouldSendCode ? "auth.code-sent" : "auth.code-withheld", { purpose: input.purpose, civilId: input.civilId });
  });
  return { ok: true, challengeId, maskedPhone: maskPhone(phone) };
}

/**
 * Checks the code and sets the password: a registration creates the person and the account, a
 * reset changes the password and ends every session. Either way the person is signed in.
 */
export async function completeVerification(
  db: Database,
  deps: VerificationDeps,
  input: { challengeId: string; code: string; password: string; purpose: OneTimeCodePurpose; language: Language },
  meta: RequestMeta,
  idleTimeoutSeconds: number,
  now = new Date(),
): Promise<CompleteResult> {
  // The try is counted before the code is compared: of any number of concurrent tries on one
  // challenge, no more than MAX_ATTEMPTS are compared at all.
  const [challenge] = await db
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(
      and(
        eq(oneTimeCodes.id, input.challengeId),
        eq(oneTimeCodes.purpose, input.purpose),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
        lt(oneTimeCodes.attempts, MAX_ATTEMPTS),
      ),
    )
    .returning();
  if (!challenge) {
    const [seen] = await db
      .select({ attempts: oneTimeCodes.attempts, usedAt: oneTimeCodes.usedAt, expiresAt: oneTimeCodes.expiresAt })
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.id, input.challengeId));
    const isSpent = seen && !seen.usedAt && seen.expiresAt > now && seen.attempts >= MAX_ATTEMPTS;
    return { ok: false, reason: isSpent ? "too-many-attempts" : "expired" };
  }
  const expected = Buffer.from(challenge.codeHash);
  const given = Buffer.from(codeHash(deps.sealKey, challenge.id, input.code));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    const attemptsLeft = MAX_ATTEMPTS - challenge.attempts;
    return attemptsLeft > 0 ? { ok: false, reason: "wrong-code", attemptsLeft } : { ok: false, reason: "too-many-attempts" };
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx): Promise<CompleteResult> => {
    // Of two right answers at once, one uses the code.
    const [used] = await tx
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, challenge.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (!used) return { ok: false, reason: "expired" };
    // Two right codes of two challenges for one civil ID at once: one at a time, so the second
    // finds the account the first made (instead of failing on its unique key).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`account:${challenge.civilId}`}))`);
    const existing = await citizenAccountOf(tx, challenge.civilId);
    let accountId: string;
    if (challenge.purpose === "register") {
      if (existing) return { ok: false, reason: "already-registered" };
      const { nameAr, nameEn, nationality, phone, email } = challenge.person;
      await tx
        .insert(people)
        .values({ civilId: challenge.civilId, nameAr, nameEn, nationality, phone, email, preferredLanguage: input.language })
        .onConflictDoUpdate({ target: people.civilId, set: { phone, updatedAt: now } });
      const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.civilId, challenge.civilId));
      const [account] = await tx.insert(accounts).values({ kind: "citizen", personId: person!.id, passwordHash }).returning({ id: accounts.id });
      accountId = account!.id;
      await auditAccount(tx, accountId, meta, "auth.registered");
    } else {
      if (!existing) return { ok: false, reason: "no-account" };
      accountId = existing;
      await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
      await revokeSessionsOf(tx, accountId, {}, now);
      await auditAccount(tx, accountId, meta, "auth.password-reset");
    }
    const token = await openActiveSession(tx, accountId, meta, idleTimeoutSeconds, input.language, "citizen");
    return { ok: true, token };
  });
}
