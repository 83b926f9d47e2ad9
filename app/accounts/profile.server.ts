import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, people, sessions } from "../../db/schema";
import { hashPassword, verifyPassword } from "../auth/password.server";
import type { RequestMeta } from "../auth/request-meta.server";
import { revokeSessionsOf } from "../auth/session.server";
import { auditAccount } from "../auth/sign-in.server";
import { claimAttempt, releaseAttempt, settleFailedAttempt, throttleKey } from "../auth/throttle.server";
import type { Language } from "../i18n/config";

// What a citizen changes of their own account: how to reach them, their language, their
// password, and which sessions stay signed in. Each change is one transaction with its audit event.

interface Owner {
  accountId: string;
  personId: string;
  sessionId: string;
}

export async function updateContact(db: Database, owner: Owner, input: { email: string | null; phone: string | null }, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    await tx.update(people).set({ email: input.email, phone: input.phone, updatedAt: new Date() }).where(eq(people.id, owner.personId));
    await auditAccount(tx, owner.accountId, meta, "account.contact-changed", { hasEmail: input.email !== null, hasPhone: input.phone !== null });
  });
}

export async function updateLanguage(db: Database, owner: Owner, language: Language, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    await tx.update(people).set({ preferredLanguage: language, updatedAt: new Date() }).where(eq(people.id, owner.personId));
    await auditAccount(tx, owner.accountId, meta, "account.language-changed", { language });
  });
}

/**
 * Changes the password when the current one is right, and signs out every other session. The
 * current password is guessed no more often than a sign-in's: the attempt is counted first.
 */
export async function changePassword(
  db: Database,
  owner: Owner,
  input: { current: string; password: string },
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; reason: "wrong-password" } | { ok: false; reason: "throttled"; retryAfterMinutes: number }> {
  const claim = await claimAttempt(db, [throttleKey("account", `current-password:${owner.accountId}`)]);
  if (!claim.ok) return { ok: false, reason: "throttled", retryAfterMinutes: claim.retryAfterMinutes };
  const [account] = await db.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, owner.accountId));
  if (!account || !(await verifyPassword(account.passwordHash, input.current))) {
    await db.transaction(async (tx) => {
      await settleFailedAttempt(tx, claim.attempt);
      await auditAccount(tx, owner.accountId, meta, "account.password-change-failed");
    });
    return { ok: false, reason: "wrong-password" };
  }
  await releaseAttempt(db, claim.attempt);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, owner.accountId));
    await revokeSessionsOf(tx, owner.accountId, { except: owner.sessionId });
    await auditAccount(tx, owner.accountId, meta, "account.password-changed");
  });
  return { ok: true };
}

/** Ends every session of the account but this one; returns how many ended. */
export async function signOutEverywhereElse(db: Database, owner: Owner, meta: RequestMeta): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await revokeSessionsOf(tx, owner.accountId, { except: owner.sessionId });
    await auditAccount(tx, owner.accountId, meta, "account.signed-out-elsewhere", { sessions: ended });
    return ended;
  });
}

/** The account's sessions still open, newest first (sessions_account_idx). */
export async function listOpenSessions(db: Database, accountId: string, now = new Date()) {
  const rows = await db
    .select({
      id: sessions.id,
      channel: sessions.channel,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      idleTimeoutSeconds: sessions.idleTimeoutSeconds,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(sessions.stage, "active")))
    .orderBy(desc(sessions.createdAt))
    .limit(50);
  // A session idle for longer than its timeout has ended, though nothing has marked it yet.
  return rows.filter((row) => row.lastSeenAt.getTime() + row.idleTimeoutSeconds * 1000 > now.getTime());
}
