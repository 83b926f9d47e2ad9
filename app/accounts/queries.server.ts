import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client";
import { accountRoles, accounts, auditEvents, people } from "../../db/schema";

export async function getPersonDetails(db: Database, personId: string) {
  const [person] = await db
    .select({ civilId: people.civilId, nationality: people.nationality, phone: people.phone, email: people.email, preferredLanguage: people.preferredLanguage })
    .from(people)
    .where(eq(people.id, personId));
  return person ?? null;
}

/** The account's latest sign-ins, newest first (audit_events_actor_idx). */
export function listRecentSignIns(db: Database, accountId: string, limit = 5) {
  return db
    .select({ id: auditEvents.id, occurredAt: auditEvents.occurredAt, channel: auditEvents.channel })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorAccountId, accountId), eq(auditEvents.action, "auth.signed-in")))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

/** Everyone holding a role at these agencies, with their names: one query, however many. */
export function listAgencyStaff(db: Database, agencyIds: string[]) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      roleId: accountRoles.id,
      agencyId: accountRoles.agencyId,
      role: accountRoles.role,
      position: accountRoles.position,
      username: accounts.username,
      lastSignInAt: accounts.lastSignInAt,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
    })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(inArray(accountRoles.agencyId, agencyIds))
    .orderBy(asc(accountRoles.agencyId), asc(people.nameEn));
}

/** The administrator's overview, counted in one round trip. */
export async function getPortalOverview(db: Database) {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`select
      (select count(*) from accounts where kind = 'citizen') as citizens,
      (select count(*) from accounts where kind = 'staff') as staff,
      (select count(*) from sessions where stage = 'active' and revoked_at is null and expires_at > now()
         and last_seen_at + make_interval(secs => idle_timeout_seconds) > now()) as sessions,
      (select count(*) from agencies) as agencies,
      (select count(*) from jobs where status in ('queued', 'running')) as jobs,
      (select count(*) from audit_events) as audit_events`,
  );
  return {
    citizens: Number(row?.citizens ?? 0),
    staff: Number(row?.staff ?? 0),
    sessions: Number(row?.sessions ?? 0),
    agencies: Number(row?.agencies ?? 0),
    jobs: Number(row?.jobs ?? 0),
    auditEvents: Number(row?.audit_events ?? 0),
  };
}
