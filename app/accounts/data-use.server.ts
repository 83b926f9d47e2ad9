import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, accounts, applications, auditEvents, certificates, exchangeMessages, people } from "../../db/schema";
import { operations } from "../agencies";
import type { Catalogue } from "../catalogue/registry";
import type { Text } from "../catalogue/types";

// "Who used my data": every read of a person's data over the exchange (which agency was asked for
// what, for which service and application, and why), and every member of staff who opened their
// applications or documents. Both from logs the portal already keeps.

const PAGE = 25;

/** The purpose a service gave for a call, in both languages (the log keeps the English). */
function purposeOf(catalogue: Catalogue, serviceId: string, english: string): Text {
  const service = catalogue.get(serviceId);
  const said = [
    ...(service?.lookups ?? []).map((lookup) => lookup.purpose),
    ...Object.values(service?.workflow.steps ?? {}).flatMap((step) => (step.kind === "exchange" ? [step.purpose] : [])),
  ];
  return said.find((purpose) => purpose.en === english) ?? { ar: english, en: english };
}

/** Reads that reached the agency (answered, or "not found"), newest first (exchange_messages_person_idx). */
export async function listDataReads(db: Database, catalogue: Catalogue, personId: string, beforeId: number | null) {
  const rows = await db
    .select({
      id: exchangeMessages.id,
      at: exchangeMessages.createdAt,
      agencyId: exchangeMessages.agencyId,
      operation: exchangeMessages.operation,
      serviceId: exchangeMessages.callerServiceId,
      purpose: exchangeMessages.purpose,
      outcome: exchangeMessages.outcome,
      reference: applications.reference,
    })
    .from(exchangeMessages)
    .leftJoin(applications, eq(applications.id, exchangeMessages.applicationId))
    .where(
      and(
        eq(exchangeMessages.onBehalfOfPersonId, personId),
        inArray(exchangeMessages.outcome, ["ok", "not-found"]),
        beforeId === null ? undefined : lt(exchangeMessages.id, beforeId),
      ),
    )
    .orderBy(desc(exchangeMessages.id))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  return {
    items: page.map((row) => ({
      ...row,
      what: operations.get(row.operation)?.title ?? { ar: row.operation, en: row.operation },
      service: catalogue.get(row.serviceId)?.title ?? null,
      purpose: purposeOf(catalogue, row.serviceId, row.purpose),
    })),
    next: rows.length > PAGE ? page.at(-1)!.id : null,
  };
}

/**
 * Staff who opened the person's applications or downloaded their certificates (audit_events_subject_idx),
 * newest first, with the agencies they work for.
 */
export async function listStaffAccess(db: Database, personId: string, ownAccountId: string, limit = 50) {
  const mine = or(
    and(
      eq(auditEvents.subjectType, "application"),
      sql`${auditEvents.subjectId} in (select ${applications.id}::text from ${applications} where ${applications.applicantPersonId} = ${personId})`,
    ),
    and(
      eq(auditEvents.subjectType, "certificate"),
      sql`${auditEvents.subjectId} in (select ${certificates.id}::text from ${certificates} where ${certificates.holderPersonId} = ${personId})`,
    ),
  );
  const events = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.occurredAt,
      action: auditEvents.action,
      accountId: auditEvents.actorAccountId,
      nameAr: people.nameAr,
      nameEn: people.nameEn,
    })
    .from(auditEvents)
    .innerJoin(accounts, and(eq(accounts.id, auditEvents.actorAccountId), eq(accounts.kind, "staff")))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(mine, ne(auditEvents.actorAccountId, ownAccountId)))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  const accountIds = [...new Set(events.map((event) => event.accountId!))];
  const grants = accountIds.length
    ? await db
        .select({ accountId: accountRoles.accountId, agencyId: accountRoles.agencyId })
        .from(accountRoles)
        .where(inArray(accountRoles.accountId, accountIds))
    : [];
  return events.map((event) => ({
    ...event,
    agencyIds: [...new Set(grants.filter((grant) => grant.accountId === event.accountId && grant.agencyId).map((grant) => grant.agencyId!))],
  }));
}
