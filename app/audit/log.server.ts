import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, applications, auditEvents, certificates, payments, people, staffInvitations, type AuditEvent } from "../../db/schema";
import { addDays, kuwaitMidnight } from "../i18n/dates";
import { auditActionsByArea, isAuditAction } from "./actions";
import type { AuditFilterProblems, AuditFilters } from "./log-filters";

// The audit log searched: by who acted, about whom, which application, which action, and when;
// newest first, paged by keyset on the id (which follows the time: rows are appended under one
// lock). Each filter uses an index of audit_events (actor, subject, action, occurred_at, civilId).

export const AUDIT_PAGE = 50;

export type AuditSearch = { ok: true; where: SQL | undefined } | { ok: false; problems: AuditFilterProblems };

const uuids = (rows: { id: string }[]) => rows.map((row) => row.id);
const isSubject = (type: string, ids: string[]) => (ids.length ? and(eq(auditEvents.subjectType, type), inArray(auditEvents.subjectId, ids)) : undefined);

async function accountsOfActor(db: Database, actor: string): Promise<string[]> {
  const rows = /^\d{12}$/.test(actor)
    ? await db.select({ id: accounts.id }).from(accounts).innerJoin(people, eq(people.id, accounts.personId)).where(eq(people.civilId, actor))
    : await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, actor));
  return uuids(rows);
}

/** A person's own doings and what was done about them: their accounts, applications, certificates and invitations, and codes sent to their civil ID. */
async function aboutPerson(db: Database, civilId: string): Promise<SQL> {
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.civilId, civilId));
  const byCivilId = sql`(${auditEvents.details}->>'civilId') = ${civilId}`;
  if (!person) return byCivilId;
  const [accountIds, applicationIds, certificateIds, invitationIds] = await Promise.all([
    db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, person.id)).then(uuids),
    db.select({ id: applications.id }).from(applications).where(eq(applications.applicantPersonId, person.id)).then(uuids),
    db.select({ id: certificates.id }).from(certificates).where(eq(certificates.holderPersonId, person.id)).then(uuids),
    db.select({ id: staffInvitations.id }).from(staffInvitations).where(eq(staffInvitations.personId, person.id)).then(uuids),
  ]);
  return or(
    byCivilId,
    accountIds.length ? inArray(auditEvents.actorAccountId, accountIds) : undefined,
    isSubject("account", accountIds),
    isSubject("application", applicationIds),
    isSubject("certificate", certificateIds),
    isSubject("staff-invitation", invitationIds),
  )!;
}

/** An application and what hangs on it: its certificate and its payments. */
async function aboutApplication(db: Database, reference: string): Promise<SQL | null> {
  const [application] = await db.select({ id: applications.id }).from(applications).where(eq(applications.reference, reference));
  if (!application) return null;
  const [certificateIds, paymentIds] = await Promise.all([
    db.select({ id: certificates.id }).from(certificates).where(eq(certificates.applicationId, application.id)).then(uuids),
    db.select({ id: payments.id }).from(payments).where(eq(payments.applicationId, application.id)).then(uuids),
  ]);
  return or(isSubject("application", [application.id]), isSubject("certificate", certificateIds), isSubject("payment", paymentIds))!;
}

/** The filters as one condition; a name that matches nothing is a problem to tell, not an empty page. */
export async function auditSearchOf(db: Database, filters: AuditFilters): Promise<AuditSearch> {
  const problems: AuditFilterProblems = {};
  const conditions: (SQL | undefined)[] = [];
  if (filters.actor) {
    const ids = await accountsOfActor(db, filters.actor);
    if (ids.length) conditions.push(inArray(auditEvents.actorAccountId, ids));
    else problems.actor = "actor.unknown";
  }
  if (filters.person) conditions.push(await aboutPerson(db, filters.person));
  if (filters.application) {
    const about = await aboutApplication(db, filters.application);
    if (about) conditions.push(about);
    else problems.application = "application.unknown";
  }
  if (filters.action)
    conditions.push(
      isAuditAction(filters.action) ? eq(auditEvents.action, filters.action) : inArray(auditEvents.action, [...auditActionsByArea[filters.action]]),
    );
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, kuwaitMidnight(filters.from)));
  if (filters.to) conditions.push(lt(auditEvents.occurredAt, kuwaitMidnight(addDays(filters.to, 1))));
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, where: and(...conditions) };
}

/** One page of events, newest first, older than `before`; `next` is where the following page starts. */
export async function searchAuditLog(
  db: Database,
  where: SQL | undefined,
  before: number | null,
  limit = AUDIT_PAGE,
): Promise<{ events: AuditEvent[]; next: number | null }> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(where, before === null ? undefined : lt(auditEvents.id, before)))
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const events = rows.slice(0, limit);
  return { events, next: rows.length > limit ? events.at(-1)!.id : null };
}
