import crypto from "node:crypto";
import { and, asc, desc, eq, exists, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, accounts, people, staffInvitations, type StaffRole } from "../../db/schema";
import { ensurePerson } from "../accounts/people.server";
import { agencyPositions } from "../agencies/positions";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/audit.server";
import { hashPassword } from "../auth/password.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import { revokeSessionsOf } from "../auth/session.server";
import { callAgency, type ExchangeConfig } from "../exchange/client.server";
import { isInScope, mayGrant, mayManage, type Grant, type StaffScope } from "./staff-scope";

// The staff of the portal as their administrators manage them: who they are, their roles, the
// state of their account; invitations by civil ID, accepted once; and each change, audited in
// the transaction that makes it.

/** How long an invitation may be accepted. */
export const INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;
const PAGE_SIZE = 50;

const hashInvitationToken = (token: string) => crypto.createHash("sha256").update(`staff-invitation:${token}`).digest("hex");

/** The scope's members of staff, by username, a page at a time (keyset: after the last username seen). */
export async function listStaffMembers(db: Database, scope: StaffScope, options: { agencyId?: string | null; after?: string | null } = {}) {
  const agencyIds = options.agencyId ? [options.agencyId] : scope.kind === "agencies" ? [...scope.agencyIds] : null;
  if (options.agencyId && !isInScope(scope, options.agencyId)) return { members: [], next: null };
  const rows = await db
    .select({
      accountId: accounts.id,
      username: accounts.username,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
      civilId: people.civilId,
      lastSignInAt: accounts.lastSignInAt,
      disabledAt: accounts.disabledAt,
      totpEnrolledAt: accounts.totpEnrolledAt,
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(
      and(
        eq(accounts.kind, "staff"),
        options.after ? gt(accounts.username, options.after) : undefined,
        agencyIds
          ? exists(
              db
                .select({ one: sql`1` })
                .from(accountRoles)
                .where(and(eq(accountRoles.accountId, accounts.id), inArray(accountRoles.agencyId, agencyIds))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(accounts.username))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const roles = await rolesOf(
    db,
    page.map((row) => row.accountId),
  );
  return {
    members: page.map((row) => ({ ...row, username: row.username!, roles: roles.get(row.accountId) ?? [] })),
    next: rows.length > PAGE_SIZE ? page.at(-1)!.username : null,
  };
}

async function rolesOf(db: Database, accountIds: string[]) {
  const byAccount = new Map<string, (Grant & { id: string })[]>();
  if (accountIds.length === 0) return byAccount;
  const rows = await db
    .select({
      id: accountRoles.id,
      accountId: accountRoles.accountId,
      role: accountRoles.role,
      agencyId: accountRoles.agencyId,
      position: accountRoles.position,
    })
    .from(accountRoles)
    .where(inArray(accountRoles.accountId, accountIds))
    .orderBy(asc(accountRoles.createdAt));
  for (const { accountId, ...grant } of rows) byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), grant]);
  return byAccount;
}

export async function getStaffMember(db: Database, accountId: string) {
  if (!/^[0-9a-f-]{36}$/.test(accountId)) return null;
  const [row] = await db
    .select({
      accountId: accounts.id,
      username: accounts.username,
      personId: people.id,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
      civilId: people.civilId,
      lastSignInAt: accounts.lastSignInAt,
      disabledAt: accounts.disabledAt,
      totpEnrolledAt: accounts.totpEnrolledAt,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(accounts.id, accountId), eq(accounts.kind, "staff")));
  if (!row) return null;
  return { ...row, username: row.username!, roles: (await rolesOf(db, [row.accountId])).get(row.accountId) ?? [] };
}

export type StaffMember = NonNullable<Awaited<ReturnType<typeof getStaffMember>>>;

/** Whether a grant names a real place: an agency for all but portal administrators, and a known position for clerks (only). */
export function isWellFormedGrant(grant: Grant): boolean {
  if (grant.role === "admin") return grant.agencyId === null && grant.position === null;
  if (!grant.agencyId) return false;
  if (grant.role === "clerk") return grant.position !== null && grant.position in (agencyPositions[grant.agencyId] ?? {});
  return grant.position === null;
}

interface Acting {
  scope: StaffScope;
  accountId: string;
  meta: RequestMeta;
  now?: Date;
}

const audit = (tx: Database, acting: Acting, action: AuditAction, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
  recordAudit(tx, { ...auditFields(acting.meta), actorAccountId: acting.accountId, action, subjectType, subjectId, details });

export type InviteOutcome =
  | { ok: true; token: string; expiresAt: Date; invitationId: string; person: { nameAr: string; nameEn: string } }
  | { ok: false; problem: "not-granted" | "bad-grant" | "not-in-registry" | "registry-unavailable" | "has-account"; accountId?: string };

/**
 * Invites a person, found by civil ID at PACI over the exchange, to a role. A newer invitation
 * replaces one still open; the token is returned once, and only its hash is kept.
 */
export async function inviteStaff(db: Database, exchange: ExchangeConfig, acting: Acting, input: { civilId: string; grant: Grant }): Promise<InviteOutcome> {
  if (!mayGrant(acting.scope, input.grant)) return { ok: false, problem: "not-granted" };
  if (!isWellFormedGrant(input.grant)) return { ok: false, problem: "bad-grant" };
  let answer: Awaited<ReturnType<typeof callAgency>>;
  try {
    answer = await callAgency(db, exchange, {
      operation: "paci.person",
      payload: { civilId: input.civilId },
      callerServiceId: "portal-staff",
      purpose: "Invite a member of staff",
      applicationId: null,
      stepInstanceId: null,
      onBehalfOfPersonId: null,
      onBehalfOfCivilId: input.civilId,
      attempt: 1,
    });
  } catch {
    return { ok: false, problem: "registry-unavailable" };
  }
  if (!answer.found) return { ok: false, problem: "not-in-registry" };
  const record = answer.data as { nameAr: string; nameEn: string; nationality: string; phone: string | null; email: string | null };
  const now = acting.now ?? new Date();
  const token = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  return db.transaction(async (tx) => {
    const person = await ensurePerson(tx, {
      civilId: input.civilId,
      nameAr: record.nameAr,
      nameEn: record.nameEn,
      nationality: record.nationality,
      phone: record.phone,
      email: record.email,
    });
    const [account] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.personId, person.id), eq(accounts.kind, "staff")));
    if (account) return { ok: false, problem: "has-account", accountId: account.id } as const;
    const replaced = await tx
      .update(staffInvitations)
      .set({ revokedAt: now })
      .where(and(eq(staffInvitations.personId, person.id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .returning({ id: staffInvitations.id });
    const [invitation] = await tx
      .insert(staffInvitations)
      .values({ tokenHash: hashInvitationToken(token), personId: person.id, ...input.grant, invitedByAccountId: acting.accountId, expiresAt, createdAt: now })
      .returning({ id: staffInvitations.id });
    await audit(tx, acting, "staff.invited", "staff-invitation", invitation!.id, {
      civilId: input.civilId,
      ...input.grant,
      expiresAt: expiresAt.toISOString(),
      replaced: replaced.map((row) => row.id),
    });
    return { ok: true, token, expiresAt, invitationId: invitation!.id, person: { nameAr: person.nameAr, nameEn: person.nameEn } } as const;
  });
}

/** The scope's invitations not yet accepted or revoked, newest first (expired ones included, marked by their date). */
export async function listOpenInvitations(db: Database, scope: StaffScope) {
  return db
    .select({
      id: staffInvitations.id,
      role: staffInvitations.role,
      agencyId: staffInvitations.agencyId,
      position: staffInvitations.position,
      expiresAt: staffInvitations.expiresAt,
      createdAt: staffInvitations.createdAt,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
      civilId: people.civilId,
    })
    .from(staffInvitations)
    .innerJoin(people, eq(people.id, staffInvitations.personId))
    .where(
      and(
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        scope.kind === "agencies" ? inArray(staffInvitations.agencyId, [...scope.agencyIds]) : undefined,
      ),
    )
    .orderBy(desc(staffInvitations.createdAt))
    .limit(100);
}

export async function revokeInvitation(db: Database, acting: Acting, invitationId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(invitationId)) return false;
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: staffInvitations.id, role: staffInvitations.role, agencyId: staffInvitations.agencyId, position: staffInvitations.position })
      .from(staffInvitations)
      .where(and(eq(staffInvitations.id, invitationId), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
      .for("update");
    if (!open || !mayGrant(acting.scope, open)) return false;
    await tx
      .update(staffInvitations)
      .set({ revokedAt: acting.now ?? new Date() })
      .where(eq(staffInvitations.id, invitationId));
    await audit(tx, acting, "staff.invitation-revoked", "staff-invitation", invitationId, {});
    return true;
  });
}

export type InvitationView =
  | {
      status: "open";
      id: string;
      role: StaffRole;
      agencyId: string | null;
      position: string | null;
      expiresAt: Date;
      civilId: string;
      nameAr: string;
      nameEn: string;
    }
  | { status: "gone" };

/** An invitation by its token, as the invited person sees it; "gone" when unknown, used, revoked or expired. */
export async function getInvitation(db: Database, token: string, now = new Date()): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { status: "gone" };
  const [row] = await db
    .select({
      id: staffInvitations.id,
      role: staffInvitations.role,
      agencyId: staffInvitations.agencyId,
      position: staffInvitations.position,
      expiresAt: staffInvitations.expiresAt,
      civilId: people.civilId,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
    })
    .from(staffInvitations)
    .innerJoin(people, eq(people.id, staffInvitations.personId))
    .where(
      and(
        eq(staffInvitations.tokenHash, hashInvitationToken(token)),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, now),
      ),
    );
  return row ? { status: "open", ...row } : { status: "gone" };
}

export type AcceptOutcome =
  { ok: true; accountId: string; username: string } | { ok: false; problem: "gone" | "civil-id-differs" | "username-taken" | "has-account" };

/**
 * Accepts an invitation: the account with its password and role, created once however many
 * times the form is sent at once (the invitation's row is locked, and used in the same transaction).
 * The second factor is enrolled at the first sign-in.
 */
export async function acceptInvitation(
  db: Database,
  meta: RequestMeta,
  input: { token: string; civilId: string; username: string; password: string },
  now = new Date(),
): Promise<AcceptOutcome> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(staffInvitations)
      .where(
        and(
          eq(staffInvitations.tokenHash, hashInvitationToken(input.token)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, now),
        ),
      )
      .for("update");
    if (!invitation) return { ok: false, problem: "gone" } as const;
    const [person] = await tx.select({ civilId: people.civilId }).from(people).where(eq(people.id, invitation.personId));
    if (person?.civilId !== input.civilId) return { ok: false, problem: "civil-id-differs" } as const;
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
    if (taken) return { ok: false, problem: "username-taken" } as const;
    const [existing] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.personId, invitation.personId), eq(accounts.kind, "staff")));
    if (existing) return { ok: false, problem: "has-account" } as const;
    const [account] = await tx
      .insert(accounts)
      .values({ kind: "staff", personId: invitation.personId, username: input.username, passwordHash, createdAt: now })
      .returning({ id: accounts.id });
    await tx.insert(accountRoles).values({ accountId: account!.id, role: invitation.role, agencyId: invitation.agencyId, position: invitation.position });
    await tx.update(staffInvitations).set({ acceptedAt: now, acceptedAccountId: account!.id }).where(eq(staffInvitations.id, invitation.id));
    await recordAudit(tx, {
      ...auditFields(meta),
      actorAccountId: account!.id,
      action: "staff.invitation-accepted",
      subjectType: "account",
      subjectId: account!.id,
      details: { invitationId: invitation.id, username: input.username, role: invitation.role, agencyId: invitation.agencyId, position: invitation.position },
    });
    return { ok: true, accountId: account!.id, username: input.username } as const;
  });
}

export const memberIntents = ["role-add", "role-remove", "disable", "enable", "reset-second-factor"] as const;
export type MemberIntent = (typeof memberIntents)[number];

export type MemberChange =
  | { intent: "role-add"; grant: Grant }
  | { intent: "role-remove"; roleId: string }
  | { intent: "disable" }
  | { intent: "enable" }
  | { intent: "reset-second-factor" };

export type MemberOutcome = { ok: true } | { ok: false; problem: "not-yours" | "not-granted" | "bad-grant" | "has-role" | "last-role" | "no-change" };

/**
 * Changes a member of staff, if the acting administrator may manage them (never themselves) and
 * give what is asked. The member's row is locked, so two changes at once are one after the
 * other; disabling and resetting the second factor end their sessions in the same transaction.
 */
export async function changeStaffMember(db: Database, acting: Acting, accountId: string, change: MemberChange): Promise<MemberOutcome> {
  const now = acting.now ?? new Date();
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: accounts.id, disabledAt: accounts.disabledAt, totpEnrolledAt: accounts.totpEnrolledAt, secret: accounts.totpSecretSealed })
      .from(accounts)
      .where(and(eq(accounts.id, accountId), eq(accounts.kind, "staff")))
      .for("update");
    const roles = locked ? ((await rolesOf(tx, [accountId])).get(accountId) ?? []) : [];
    if (!locked || !mayManage(acting.scope, acting.accountId, { accountId, roles })) return { ok: false, problem: "not-yours" } as const;
    const record = (action: AuditAction, details: Record<string, unknown>) => audit(tx, acting, action, "account", accountId, details);
    switch (change.intent) {
      case "role-add": {
        if (!mayGrant(acting.scope, change.grant)) return { ok: false, problem: "not-granted" } as const;
        if (!isWellFormedGrant(change.grant)) return { ok: false, problem: "bad-grant" } as const;
        const same = roles.some(
          (grant) => grant.role === change.grant.role && grant.agencyId === change.grant.agencyId && grant.position === change.grant.position,
        );
        if (same) return { ok: false, problem: "has-role" } as const;
        await tx.insert(accountRoles).values({ accountId, ...change.grant });
        await record("staff.role-granted", { ...change.grant });
        return { ok: true } as const;
      }
      case "role-remove": {
        const grant = roles.find((role) => role.id === change.roleId);
        if (!grant) return { ok: false, problem: "no-change" } as const;
        if (!mayGrant(acting.scope, grant)) return { ok: false, problem: "not-granted" } as const;
        if (roles.length === 1) return { ok: false, problem: "last-role" } as const;
        await tx.delete(accountRoles).where(and(eq(accountRoles.id, grant.id), eq(accountRoles.accountId, accountId)));
        await record("staff.role-removed", { role: grant.role, agencyId: grant.agencyId, position: grant.position });
        return { ok: true } as const;
      }
      case "disable": {
        if (locked.disabledAt) return { ok: false, problem: "no-change" } as const;
        await tx.update(accounts).set({ disabledAt: now }).where(eq(accounts.id, accountId));
        const ended = await revokeSessionsOf(tx, accountId, {}, now);
        await record("staff.disabled", { sessionsEnded: ended });
        return { ok: true } as const;
      }
      case "enable": {
        if (!locked.disabledAt) return { ok: false, problem: "no-change" } as const;
        await tx.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, accountId));
        await record("staff.enabled", {});
        return { ok: true } as const;
      }
      case "reset-second-factor": {
        if (!locked.secret && !locked.totpEnrolledAt) return { ok: false, problem: "no-change" } as const;
        await tx.update(accounts).set({ totpSecretSealed: null, totpEnrolledAt: null, totpLastStep: null }).where(eq(accounts.id, accountId));
        const ended = await revokeSessionsOf(tx, accountId, {}, now);
        await record("staff.second-factor-reset", { sessionsEnded: ended });
        return { ok: true } as const;
      }
    }
  });
}
