import crypto from "node:crypto";
import { and, count, eq, gt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, oneTimeCodes, people, type OneTimeCodePurpose } from "../../db/schema";
import type { CivilId } from "../auth/civil-id";
import { hashPassword } from "../auth/password.server";
import type { RequestMeta } from "../auth/request-meta.server";
import { revokeSessionsOf } from "../auth/session.server";
import { auditAccount, openActiveSession } from "../auth/sign-in.server";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import type { Language } from "../i18n/config";
import { getFixedT } from "../i18n/language.server";
import { sendText } from "../notifications/notify.server";

// Registering and resetting a password by civil ID: the portal asks PACI for the person and the
// phone on record, sends a one-time code there by SMS, and takes the code and a new password.
// The code is kept only as an HMAC, expires, and allows a few tries.

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const CODES_PER_WINDOW = 3;
const WINDOW_MINUTES = 15;

export interface VerificationDeps {
  exchange: ExchangeConfig;
  sealKey: Buffer;
}

export type StartFailure = "not-in-registry" | "no-phone" | "already-registered" | "no-account" | "registry-unavailable" | "too-many-codes";
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

/** Finds the person at PACI and texts a code to the phone on record. */
export async function startVerification(
  db: Database,
  deps: VerificationDeps,
  input: { civilId: CivilId; purpose: OneTimeCodePurpose; language: Language },
  meta: RequestMeta,
  now = new Date(),
): Promise<StartResult> {
  const existing = await citizenAccountOf(db, input.civilId);
  if (input.purpose === "register" && existing) return { ok: false, reason: "already-registered" };
  if (input.purpose === "reset-password" && !existing) return { ok: false, reason: "no-account" };
  const [recent] = await db
    .select({ n: count() })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.civilId, input.civilId), gt(oneTimeCodes.createdAt, new Date(now.getTime() - WINDOW_MINUTES * 60_000))));
  if ((recent?.n ?? 0) >= CODES_PER_WINDOW) return { ok: false, reason: "too-many-codes" };

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
    return { ok: false, reason: "registry-unavailable" };
  }
  if (!answer.found) return { ok: false, reason: "not-in-registry" };
  const record = answer.data as { nameAr: string; nameEn: string; nationality: string; phone: string | null; email: string | null };
  if (!record.phone) return { ok: false, reason: "no-phone" };

  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const challengeId = crypto.randomUUID();
  const t = getFixedT(input.language);
  await db.transaction(async (tx) => {
    await tx.insert(oneTimeCodes).values({
      id: challengeId,
      purpose: input.purpose,
      civilId: input.civilId,
      codeHash: codeHash(deps.sealKey, challengeId, code),
      phone: record.phone!,
      person: { nameAr: record.nameAr, nameEn: record.nameEn, nationality: record.nationality, phone: record.phone!, email: record.email },
      expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      createdAt: now,
    });
    await sendText(tx, {
      address: record.phone!,
      event: `code.${input.purpose}`,
      language: input.language,
      subject: t("auth:code.sms.subject"),
      body: t("auth:code.sms.body", { code, minutes: CODE_MINUTES }),
    });
    await auditAccount(tx, existing, meta, "auth.code-sent", { purpose: input.purpose, civilId: input.civilId });
  });
  return { ok: true, challengeId, maskedPhone: maskPhone(record.phone) };
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
  return db.transaction(async (tx): Promise<CompleteResult> => {
    const [challenge] = await tx.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, input.challengeId)).for("update");
    if (!challenge || challenge.purpose !== input.purpose || challenge.usedAt || challenge.expiresAt <= now) return { ok: false, reason: "expired" };
    if (challenge.attempts >= MAX_ATTEMPTS) return { ok: false, reason: "too-many-attempts" };
    const expected = Buffer.from(challenge.codeHash);
    const given = Buffer.from(codeHash(deps.sealKey, challenge.id, input.code));
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      await tx.update(oneTimeCodes).set({ attempts: challenge.attempts + 1 }).where(eq(oneTimeCodes.id, challenge.id));
      const attemptsLeft = MAX_ATTEMPTS - challenge.attempts - 1;
      return attemptsLeft > 0 ? { ok: false, reason: "wrong-code", attemptsLeft } : { ok: false, reason: "too-many-attempts" };
    }
    await tx.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, challenge.id));
    const passwordHash = await hashPassword(input.password);
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
