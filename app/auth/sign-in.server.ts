import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, people, sessions, type Language } from "../../db/schema";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/audit.server";
import type { Secrets } from "../secrets.server";
import { seal, unseal } from "../secrets.server";
import type { CivilId } from "./civil-id";
import { verifyDecoy, verifyPassword } from "./password.server";
import { auditFields, type RequestMeta } from "./request-meta.server";
import { createSession } from "./session.server";
import { claimAttempt, releaseAttempt, settleFailedAttempt, throttleKey, type ThrottleKey } from "./throttle.server";
import { generateTotpSecret, verifyTotp } from "./totp.server";

export type SignInFailure =
  { ok: false; reason: "invalid-credentials" } | { ok: false; reason: "throttled"; retryAfterMinutes: number } | { ok: false; reason: "disabled" };

export type SignInResult<Success> = ({ ok: true } & Success) | SignInFailure;

interface Candidate {
  accountId: string;
  passwordHash: string;
  disabledAt: Date | null;
}

/** The counters a sign-in attempt of this account counts on: the account's, and the address's. */
const signInKeys = (identifierKey: string, meta: RequestMeta): ThrottleKey[] => [
  throttleKey("account", identifierKey),
  ...(meta.ip ? [throttleKey("ip", meta.ip)] : []),
];

/**
 * The shared shape of a password check: count the attempt (refused while throttled), then verify
 * (against a decoy when no such account exists), and audit a failure. The count comes first, so
 * a burst of concurrent guesses is checked no more often than the limit allows.
 */
async function checkPassword(
  db: Database,
  identifierKey: string,
  candidate: Candidate | undefined,
  password: string,
  meta: RequestMeta,
  audience: "citizen" | "staff",
): Promise<SignInResult<{ accountId: string }>> {
  const claim = await claimAttempt(db, signInKeys(identifierKey, meta));
  if (!claim.ok) return { ok: false, reason: "throttled", retryAfterMinutes: claim.retryAfterMinutes };

  const isMatch = candidate ? await verifyPassword(candidate.passwordHash, password) : await verifyDecoy(password);
  if (!isMatch || !candidate) {
    await db.transaction(async (tx) => {
      await settleFailedAttempt(tx, claim.attempt);
      await auditAccount(tx, candidate?.accountId ?? null, meta, "auth.sign-in-failed", { audience, step: "password", isKnownAccount: Boolean(candidate) });
    });
    return { ok: false, reason: "invalid-credentials" };
  }
  await releaseAttempt(db, claim.attempt);
  if (candidate.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, accountId: candidate.accountId };
}

/** The language chosen on this device before signing in becomes the account's preference. */
async function rememberLanguage(db: Database, accountId: string, language: Language | null) {
  if (!language) return;
  await db
    .update(people)
    .set({ preferredLanguage: language, updatedAt: new Date() })
    .where(eq(people.id, sql`(select ${accounts.personId} from ${accounts} where ${accounts.id} = ${accountId})`));
}

/** Audits something that happened to an account, by the account's own holder. */
export function auditAccount(db: Database, accountId: string | null, meta: RequestMeta, action: AuditAction, details?: Record<string, unknown>) {
  return recordAudit(db, {
    ...auditFields(meta),
    actorAccountId: accountId,
    action,
    subjectType: "account",
    subjectId: accountId,
    details,
  });
}

/** Opens the session of a completed sign-in: one transaction with its audit event. */
export async function openActiveSession(
  tx: Database,
  accountId: string,
  meta: RequestMeta,
  idleTimeoutSeconds: number,
  language: Language | null,
  audience: "citizen" | "staff",
): Promise<string> {
  const session = await createSession(tx, { accountId, stage: "active", channel: meta.channel, idleTimeoutSeconds, ip: meta.ip, userAgent: meta.userAgent });
  await tx.update(accounts).set({ lastSignInAt: new Date() }).where(eq(accounts.id, accountId));
  await rememberLanguage(tx, accountId, language);
  await auditAccount(tx, accountId, meta, "auth.signed-in", { audience });
  return session.token;
}

export async function signInCitizen(
  db: Database,
  input: { civilId: CivilId; password: string; language: Language | null },
  meta: RequestMeta,
  idleTimeoutSeconds: number,
): Promise<SignInResult<{ token: string; accountId: string }>> {
  const [candidate] = await db
    .select({ accountId: accounts.id, passwordHash: accounts.passwordHash, disabledAt: accounts.disabledAt })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(people.civilId, input.civilId), eq(accounts.kind, "citizen")))
    .limit(1);
  const checked = await checkPassword(db, `citizen:${input.civilId}`, candidate, input.password, meta, "citizen");
  if (!checked.ok) return checked;
  const token = await db.transaction((tx) => openActiveSession(tx, checked.accountId, meta, idleTimeoutSeconds, input.language, "citizen"));
  return { ok: true, token, accountId: checked.accountId };
}

/** First step for staff: the password. It opens a short session that can only take the second factor. */
export async function startStaffSignIn(
  db: Database,
  input: { username: string; password: string },
  meta: RequestMeta,
): Promise<SignInResult<{ token: string; isEnrolled: boolean }>> {
  const username = input.username.trim().toLowerCase();
  const [candidate] = await db
    .select({ accountId: accounts.id, passwordHash: accounts.passwordHash, disabledAt: accounts.disabledAt, totpEnrolledAt: accounts.totpEnrolledAt })
    .from(accounts)
    .where(and(eq(accounts.username, username), eq(accounts.kind, "staff")))
    .limit(1);
  const checked = await checkPassword(db, `staff:${username}`, candidate, input.password, meta, "staff");
  if (!checked.ok) return checked;
  const { token } = await createSession(db, {
    accountId: checked.accountId,
    stage: "second-factor",
    channel: meta.channel,
    idleTimeoutSeconds: 300,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { ok: true, token, isEnrolled: candidate!.totpEnrolledAt !== null };
}

/**
 * The enrolment secret for an account that has not confirmed one yet: made on first call, kept
 * sealed, and shown again only until the account confirms it with a code. Null once enrolled.
 */
export async function pendingEnrolmentSecret(db: Database, accountId: string, secrets: Secrets): Promise<string | null> {
  const [account] = await db
    .select({ sealed: accounts.totpSecretSealed, enrolledAt: accounts.totpEnrolledAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account || account.enrolledAt) return null;
  if (account.sealed) return unseal(secrets.sealKey, account.sealed);
  const secret = generateTotpSecret();
  // Two tabs at once must not end up with two secrets: only the first write wins.
  const [written] = await db
    .update(accounts)
    .set({ totpSecretSealed: seal(secrets.sealKey, secret) })
    .where(and(eq(accounts.id, accountId), isNull(accounts.totpSecretSealed)))
    .returning({ id: accounts.id });
  return written ? secret : pendingEnrolmentSecret(db, accountId, secrets);
}

/**
 * Second step for staff: a TOTP code. On success the pending session is replaced by a new
 * active one (a new token, so a token seen before sign-in is worth nothing after it).
 */
export async function completeStaffSignIn(
  db: Database,
  input: { pendingSessionId: string; accountId: string; username: string; code: string; language: Language | null },
  meta: RequestMeta,
  secrets: Secrets,
  idleTimeoutSeconds: number,
): Promise<SignInResult<{ token: string }>> {
  const claim = await claimAttempt(db, signInKeys(`staff:${input.username}`, meta));
  if (!claim.ok) return { ok: false, reason: "throttled", retryAfterMinutes: claim.retryAfterMinutes };

  const [account] = await db
    .select({ sealed: accounts.totpSecretSealed, enrolledAt: accounts.totpEnrolledAt, lastStep: accounts.totpLastStep })
    .from(accounts)
    .where(eq(accounts.id, input.accountId));
  const now = new Date();
  const step = account?.sealed ? verifyTotp(unseal(secrets.sealKey, account.sealed), input.code, now, account.lastStep) : null;

  if (step === null || !account) {
    await db.transaction(async (tx) => {
      await settleFailedAttempt(tx, claim.attempt);
      await auditAccount(tx, input.accountId, meta, "auth.sign-in-failed", { audience: "staff", step: "totp" });
    });
    return { ok: false, reason: "invalid-credentials" };
  }
  await releaseAttempt(db, claim.attempt);

  const token = await db.transaction(async (tx) => {
    // Compare-and-set on the last step: of two requests with the same code, one wins.
    const [accepted] = await tx
      .update(accounts)
      .set({ totpLastStep: step, totpEnrolledAt: account.enrolledAt ?? now })
      .where(and(eq(accounts.id, input.accountId), or(isNull(accounts.totpLastStep), lt(accounts.totpLastStep, step))))
      .returning({ id: accounts.id });
    if (!accepted) return null;
    const [pending] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, input.pendingSessionId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!pending) return null;
    if (!account.enrolledAt) await auditAccount(tx, input.accountId, meta, "auth.totp-enrolled");
    return openActiveSession(tx, input.accountId, meta, idleTimeoutSeconds, input.language, "staff");
  });
  if (!token) return { ok: false, reason: "invalid-credentials" };
  return { ok: true, token };
}

export async function signOut(db: Database, session: { id: string; accountId: string }, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, session.id), isNull(sessions.revokedAt)));
    await auditAccount(tx, session.accountId, meta, "auth.signed-out");
  });
}
