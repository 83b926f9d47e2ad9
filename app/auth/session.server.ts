import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, people, sessions, type Channel, type SessionStage } from "../../db/schema";

const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
const SECOND_FACTOR_WINDOW_MS = 5 * 60 * 1000;
/** lastSeenAt is written at most once a minute, not on every request. */
const TOUCH_AFTER_MS = 60 * 1000;

export function sessionCookie(isSecure: boolean) {
  // __Host- binds the cookie to this exact host and path "/", over HTTPS only.
  return createCookie(isSecure ? "__Host-nafitha_session" : "nafitha_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecure,
    path: "/",
  });
}

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export interface NewSession {
  accountId: string;
  stage: SessionStage;
  channel: Channel;
  idleTimeoutSeconds: number;
  ip: string | null;
  userAgent: string | null;
}

/** Creates a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(db: Database, input: NewSession, now = new Date()): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const id = hashToken(token);
  const lifetime = input.stage === "second-factor" ? SECOND_FACTOR_WINDOW_MS : ABSOLUTE_LIFETIME_MS;
  await db.insert(sessions).values({
    id,
    accountId: input.accountId,
    stage: input.stage,
    channel: input.channel,
    idleTimeoutSeconds: input.stage === "second-factor" ? SECOND_FACTOR_WINDOW_MS / 1000 : input.idleTimeoutSeconds,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetime),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
  return { token, id };
}

export type SessionLookup =
  | { status: "none" }
  | { status: "ended" }
  | {
      status: "live";
      session: { id: string; stage: SessionStage; channel: Channel; createdAt: Date };
      account: { id: string; kind: "citizen" | "staff" | "kiosk"; username: string | null; totpEnrolledAt: Date | null; lastSignInAt: Date | null };
      person: { id: string; civilId: string; nameAr: string; nameEn: string; preferredLanguage: "ar" | "en" } | null;
    };

/**
 * Finds the live session for a cookie token: not revoked, not past its lifetime or idle timeout.
 * A request that is not the person's doing (a page polling for its own progress) reads the session
 * without keeping it alive: `isActivity: false`.
 */
export async function lookupSession(db: Database, token: string | null, options: { now?: Date; isActivity?: boolean } = {}): Promise<SessionLookup> {
  const { now = new Date(), isActivity = true } = options;
  if (!token) return { status: "none" };
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        stage: sessions.stage,
        channel: sessions.channel,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        idleTimeoutSeconds: sessions.idleTimeoutSeconds,
      },
      account: {
        id: accounts.id,
        kind: accounts.kind,
        username: accounts.username,
        totpEnrolledAt: accounts.totpEnrolledAt,
        lastSignInAt: accounts.lastSignInAt,
        disabledAt: accounts.disabledAt,
      },
      person: {
        id: people.id,
        civilId: people.civilId,
        nameAr: people.nameAr,
        nameEn: people.nameEn,
        preferredLanguage: people.preferredLanguage,
      },
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(sessions.id, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.account.disabledAt) return { status: "ended" };
  const idleDeadline = row.session.lastSeenAt.getTime() + row.session.idleTimeoutSeconds * 1000;
  if (idleDeadline <= now.getTime()) return { status: "ended" };
  if (isActivity && now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  const { disabledAt: _disabledAt, ...account } = row.account;
  const { lastSeenAt: _lastSeenAt, idleTimeoutSeconds: _idle, ...session } = row.session;
  return { status: "live", session, account, person: row.person };
}

export async function revokeSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends the open sessions of an account, all of them or all but one ("sign out everywhere else"); returns how many ended. */
export async function revokeSessionsOf(db: Database, accountId: string, options: { except?: string } = {}, now = new Date()): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), options.except ? ne(sessions.id, options.except) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}
