import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { KIOSK_USER, THE_KIOSK } from "./audit.server";
import { accounts, applications, catalogueEntries, certificates, kiosks, payments, people, staffInvitations, type AuditEvent } from "../../db/schema";
import type { StaffRole } from "../../db/schema/accounts";
import { positionLabel } from "../agencies/positions";
import { listAgencies } from "../agencies/queries.server";
import type { Catalogue } from "../catalogue/registry";
import type { Field, ServiceDefinition } from "../catalogue/types";
import { isolateLtr, isolateTyped } from "../i18n/bidi";
import { isLanguage, type Language } from "../i18n/config";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { isAuditAction, type AuditAction } from "./actions";

// Each audit event in the reader's language: who acted, what about, and what happened, as a
// sentence made from the event's own details. The names it needs (people, applications,
// agencies, kiosks, entries) are read in one query per kind for a whole page of events.

type T = ReturnType<typeof getFixedT>;

export interface DescribedEvent {
  id: number;
  at: string;
  atIso: string;
  actor: string;
  /** A staff member's username, a kiosk's code: what identifies the actor beyond a name. */
  actorId: string | null;
  channel: string;
  action: string;
  subject: string | null;
  /** The application the event is about, to search the log for it. */
  reference: string | null;
  what: string;
  ip: string | null;
  requestId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
const isolated = (value: unknown) => isolateLtr(text(value));
const typed = (value: unknown) => isolateTyped(text(value));
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function idsOf(events: readonly AuditEvent[], type: string): string[] {
  return [...new Set(events.filter((event) => event.subjectType === type && event.subjectId && UUID.test(event.subjectId)).map((event) => event.subjectId!))];
}

/** The names a page of events speaks of, each kind read once. */
async function namesFor(db: Database, catalogue: Catalogue, events: readonly AuditEvent[], lang: Language) {
  const accountIds = [...new Set([...events.flatMap((event) => (event.actorAccountId ? [event.actorAccountId] : [])), ...idsOf(events, "account")])];
  const entryIds = [...new Set(events.filter((event) => event.subjectType === "catalogue-entry" && event.subjectId).map((event) => event.subjectId!))];
  const paymentIds = idsOf(events, "payment");
  const [accountRows, applicationRows, certificateRows, kioskRows, entryRows, invitationRows, paymentRows, agencyRows] = await Promise.all([
    accountIds.length
      ? db
          .select({ id: accounts.id, kind: accounts.kind, username: accounts.username, nameAr: people.nameAr, nameEn: people.nameEn, civilId: people.civilId })
          .from(accounts)
          .leftJoin(people, eq(people.id, accounts.personId))
          .where(inArray(accounts.id, accountIds))
      : [],
    idsOf(events, "application").length
      ? db
          .select({ id: applications.id, reference: applications.reference, serviceId: applications.serviceId })
          .from(applications)
          .where(inArray(applications.id, idsOf(events, "application")))
      : [],
    idsOf(events, "certificate").length
      ? db
          .select({ id: certificates.id, number: certificates.number })
          .from(certificates)
          .where(inArray(certificates.id, idsOf(events, "certificate")))
      : [],
    idsOf(events, "kiosk").length
      ? db
          .select({ id: kiosks.id, nameAr: kiosks.nameAr, nameEn: kiosks.nameEn })
          .from(kiosks)
          .where(inArray(kiosks.id, idsOf(events, "kiosk")))
      : [],
    entryIds.length
      ? db
          .select({ id: catalogueEntries.id, titleAr: catalogueEntries.titleAr, titleEn: catalogueEntries.titleEn })
          .from(catalogueEntries)
          .where(inArray(catalogueEntries.id, entryIds))
      : [],
    idsOf(events, "staff-invitation").length
      ? db
          .select({ id: staffInvitations.id, nameAr: people.nameAr, nameEn: people.nameEn })
          .from(staffInvitations)
          .innerJoin(people, eq(people.id, staffInvitations.personId))
          .where(inArray(staffInvitations.id, idsOf(events, "staff-invitation")))
      : [],
    paymentIds.length
      ? db
          .select({ id: payments.id, reference: applications.reference })
          .from(payments)
          .innerJoin(applications, eq(applications.id, payments.applicationId))
          .where(inArray(payments.id, paymentIds))
      : [],
    listAgencies(db),
  ]);
  const agencyNames = new Map(agencyRows.map((agency) => [agency.id, displayName(agency, lang)]));
  return {
    account: new Map(accountRows.map((row) => [row.id, row])),
    application: new Map(applicationRows.map((row) => [row.id, { reference: row.reference, service: catalogue.get(row.serviceId) }])),
    certificate: new Map(certificateRows.map((row) => [row.id, row.number])),
    kiosk: new Map(kioskRows.map((row) => [row.id, displayName(row, lang)])),
    entry: new Map(entryRows.map((row) => [row.id, displayName({ nameAr: row.titleAr, nameEn: row.titleEn }, lang)])),
    invitation: new Map(invitationRows.map((row) => [row.id, displayName(row, lang)])),
    payment: new Map(paymentRows.map((row) => [row.id, row.reference])),
    agency: (id: unknown) => agencyNames.get(text(id)) ?? text(id),
    service: (id: string) => catalogue.get(id)?.title[lang] ?? id,
  };
}

type Names = Awaited<ReturnType<typeof namesFor>>;

function roleOf(t: T, names: Names, lang: Language, grant: Record<string, unknown>): string {
  const agency = names.agency(grant.agencyId);
  const role = text(grant.role) as StaffRole;
  switch (role) {
    case "admin":
      return t("staff:roles.admin");
    case "agency-admin":
      return t("staff:roles.agency-admin", { agency });
    case "supervisor":
      return t("staff:roles.supervisor", { agency });
    case "clerk":
      return t("staff:roles.clerk", { agency, position: positionLabel(text(grant.agencyId), text(grant.position))?.[lang] ?? text(grant.position) });
    default:
      return text(grant.role);
  }
}

function fieldLabel(service: ServiceDefinition | undefined, fieldId: string, lang: Language): string {
  const fields = (service?.pages ?? [])
    .flatMap((page) => page.fields)
    .flatMap((field): Field[] => (field.type === "group" ? [field, ...field.fields] : [field]));
  return fields.find((field) => field.id === fieldId)?.label[lang] ?? fieldId;
}

function momentOf(value: unknown, lang: Language): string {
  const moment = new Date(text(value));
  return Number.isNaN(moment.getTime()) ? "" : formatDateTime(moment, lang);
}

/** What happened, in a sentence of the reader's language, from the event's details. */
function whatOf(event: AuditEvent, action: AuditAction, t: T, names: Names, lang: Language): string {
  const details = event.details;
  const number = (value: unknown) => formatNumber(Number(value) || 0, lang);
  const application = event.subjectId ? names.application.get(event.subjectId) : undefined;
  switch (action) {
    case "auth.signed-in":
      return details.audience === "staff" ? t("audit:what.auth.signed-in-staff") : t("audit:what.auth.signed-in");
    case "auth.sign-in-failed":
      return details.isKnownAccount === false
        ? t("audit:what.auth.sign-in-failed-unknown")
        : details.step === "totp"
          ? t("audit:what.auth.sign-in-failed-totp")
          : t("audit:what.auth.sign-in-failed-password");
    case "auth.code-sent":
    case "auth.code-withheld": {
      const purpose = details.purpose === "reset" ? t("audit:what.purposes.reset") : t("audit:what.purposes.register");
      return t(`audit:what.${action}`, { civilId: isolated(details.civilId), purpose });
    }
    case "auth.signed-out":
    case "auth.totp-enrolled":
    case "auth.registered":
    case "auth.password-reset":
    case "account.contact-changed":
    case "account.password-changed":
    case "account.password-change-failed":
    case "staff.invitation-revoked":
    case "staff.enabled":
    case "agency.maintenance-ended":
    case "catalogue.entry-retired":
    case "catalogue.entry-restored":
    case "kiosk.registered":
    case "kiosk.enrolled":
    case "kiosk.enrolment-reissued":
    case "kiosk.revoked":
    case "operations.read-only-off":
    case "operations.faults-cleared":
      return t(`audit:what.${action}`);
    case "operations.read-only-on":
      return details.reasonAr || details.reasonEn
        ? t("audit:what.operations.read-only-on-because", {
            reason: text(lang === "ar" ? details.reasonAr || details.reasonEn : details.reasonEn || details.reasonAr),
          })
        : t("audit:what.operations.read-only-on");
    case "operations.parked-released":
      return t("audit:what.operations.parked-released", { jobs: number(details.released) });
    case "status.notice-posted":
    case "status.notice-updated":
    case "status.notice-ended":
      return t(`audit:what.${action}`, { title: text(lang === "ar" ? details.titleAr : details.titleEn) });
    case "account.language-changed":
      return t("audit:what.account.language-changed", {
        language: isLanguage(details.language) ? t(`common:language.names.${details.language}`) : text(details.language),
      });
    case "account.signed-out-elsewhere":
      return t("audit:what.account.signed-out-elsewhere", { sessions: number(details.sessions) });
    case "staff.invited":
      return t("audit:what.staff.invited", {
        civilId: isolated(details.civilId),
        role: roleOf(t, names, lang, details),
        expires: momentOf(details.expiresAt, lang),
      });
    case "staff.invitation-accepted":
      return t("audit:what.staff.invitation-accepted", { username: isolated(details.username), role: roleOf(t, names, lang, details) });
    case "staff.role-granted":
    case "staff.role-removed":
      return t(`audit:what.${action}`, { role: roleOf(t, names, lang, details) });
    case "staff.disabled":
    case "staff.second-factor-reset":
      return t(`audit:what.${action}`, { sessions: number(details.sessionsEnded) });
    case "staff.team-viewed":
      return t("audit:what.staff.team-viewed", { rows: number(details.rows) });
    case "agency.created":
      return t("audit:what.agency.created", {
        name: displayName({ nameAr: text(record(details.agency).nameAr), nameEn: text(record(details.agency).nameEn) }, lang),
      });
    case "agency.updated": {
      const before = record(details.before);
      const after = record(details.after);
      const changed = (["nameAr", "nameEn", "websiteUrl"] as const)
        .filter((field) => text(before[field]) !== text(after[field]))
        .map((field) => t("audit:what.change", { field: t(`audit:fields.${field}`), before: isolated(before[field]), after: isolated(after[field]) }));
      return t("audit:what.agency.updated", { changes: changed.join(t("audit:what.separator")) || t("audit:what.nothing") });
    }
    case "agency.link-updated":
      return t("audit:what.agency.link-updated", { before: isolated(record(details.before).baseUrl), after: isolated(record(details.after).baseUrl) });
    case "agency.maintenance-started":
      return details.until
        ? t("audit:what.agency.maintenance-started", { until: momentOf(details.until, lang) })
        : t("audit:what.agency.maintenance-started-open");
    case "agency.key-added":
      return t("audit:what.agency.key-added", {
        keyId: isolated(details.keyId),
        fingerprint: isolated(text(details.fingerprint).slice(0, 23)),
        count: Number(details.overlapDays) || 0,
      });
    case "agency.contact-added":
    case "agency.contact-removed": {
      const contact = record(details.contact);
      return t(`audit:what.${action}`, { name: typed(contact.name), responsibility: typed(contact.responsibility) });
    }
    case "catalogue.entry-added": {
      const entry = record(details.entry);
      const title = lang === "ar" ? text(entry.titleAr) : text(entry.titleEn);
      return t("audit:what.catalogue.entry-added", { title, position: number(details.position) });
    }
    case "catalogue.entry-updated": {
      const fields = Object.keys(record(details.changes)).map((field) =>
        t(`staff:catalogue.fields.${field}` as "staff:catalogue.fields.title", { defaultValue: field }),
      );
      return t("audit:what.catalogue.entry-updated", {
        fields: fields.join(t("audit:what.separator")) || t("audit:what.nothing"),
        version: number(details.version),
      });
    }
    case "catalogue.entry-moved":
      return t(details.direction === "up" ? "audit:what.catalogue.entry-moved-up" : "audit:what.catalogue.entry-moved-down", {
        from: number(details.from),
        to: number(details.to),
      });
    case "catalogue.imported":
      return t("audit:what.catalogue.imported", {
        file: typed(details.file),
        rows: number(details.rows),
        created: number(details.created),
        updated: number(details.updated),
        unchanged: number(details.unchanged),
        refused: number(details.refused),
      });
    case "service.publication-changed": {
      const state = (value: unknown) =>
        ["published", "paused", "withdrawn"].includes(text(value)) ? t(`staff:services.states.${text(value) as "published"}`) : text(value);
      const channel = details.channel === "kiosk" ? t("common:channels.kiosk") : t("common:channels.web");
      return t("audit:what.service.publication-changed", { channel, before: state(details.before), after: state(record(details.after).state) });
    }
    case "application.viewed": {
      const step = application?.service?.workflow.steps[text(details.step)];
      return step ? t("audit:what.application.viewed-step", { step: step.title[lang] }) : t("audit:what.application.viewed");
    }
    case "document.viewed":
      return t("audit:what.document.viewed", { field: fieldLabel(application?.service, text(details.field), lang) });
    case "certificate.downloaded":
      return t(details.isHolder ? "audit:what.certificate.downloaded-holder" : "audit:what.certificate.downloaded", { number: isolated(details.number) });
    case "certificate.printed":
      return t("audit:what.certificate.printed", { number: isolated(details.number) });
    case "certificate.revoked":
      return t("audit:what.certificate.revoked", { number: isolated(details.number), reason: typed(details.reason) });
    case "certificate.verified": {
      const status = ["valid", "expired", "revoked"].includes(text(details.status)) ? text(details.status) : "unknown";
      return t("audit:what.certificate.verified", { code: isolated(details.code), status: t(`audit:what.statuses.${status as "valid"}`) });
    }
    case "receipt.printed":
      return t("audit:what.receipt.printed", { number: isolated(details.receiptNumber) });
    case "security.upload-infected":
      return t("staff:security.events.upload-infected", { name: typed(details.name), signature: isolated(details.signature) });
    case "security.audit-chain-broken":
      return t("staff:security.events.audit-chain-broken", {
        id: text(event.subjectId) || "—",
        problem: t(`staff:security.problems.${text(details.problem) || "altered"}` as "staff:security.problems.altered"),
      });
    case "audit.verified":
      return details.isIntact
        ? t("audit:what.audit.verified", { events: number(details.events) })
        : t("audit:what.audit.verified-broken", { events: number(details.events) });
    case "audit.exported":
      return details.search ? t("audit:what.audit.exported", { search: isolated(details.search) }) : t("audit:what.audit.exported-all");
  }
}

/** What the event is about, named. */
function subjectOf(event: AuditEvent, t: T, names: Names, lang: Language): { subject: string | null; reference: string | null } {
  const id = event.subjectId;
  if (!event.subjectType || !id) return { subject: event.subjectType === "catalogue" ? t("audit:subjects.catalogue") : null, reference: null };
  switch (event.subjectType) {
    case "account": {
      const account = names.account.get(id);
      if (!account) return { subject: t("audit:subjects.account-gone"), reference: null };
      const name = account.nameAr && account.nameEn ? displayName({ nameAr: account.nameAr, nameEn: account.nameEn }, lang) : text(account.username);
      return {
        subject:
          account.kind === "staff" ? t("audit:subjects.staff-account", { name, username: isolated(account.username) }) : t("audit:subjects.account", { name }),
        reference: null,
      };
    }
    case "application": {
      const application = names.application.get(id);
      return { subject: application?.reference ?? t("audit:subjects.draft"), reference: application?.reference ?? null };
    }
    case "payment": {
      const reference = names.payment.get(id) ?? null;
      return { subject: reference ? t("audit:subjects.payment", { reference: isolated(reference) }) : t("audit:subjects.payment-gone"), reference };
    }
    case "certificate":
      return { subject: names.certificate.get(id) ?? t("audit:subjects.certificate-unknown"), reference: null };
    case "agency":
      return { subject: id.split(",").map(names.agency).join(t("audit:what.separator")), reference: null };
    case "kiosk":
      return { subject: names.kiosk.get(id) ?? t("audit:subjects.kiosk-gone"), reference: null };
    case "catalogue-entry":
      return { subject: names.entry.get(id) ?? id, reference: null };
    case "service":
      return { subject: names.service(id), reference: null };
    case "staff-invitation": {
      const name = names.invitation.get(id);
      return { subject: name ? t("audit:subjects.invitation", { name }) : t("audit:subjects.invitation-gone"), reference: null };
    }
    case "catalogue":
      return { subject: t("audit:subjects.catalogue"), reference: null };
    case "audit-event":
      return { subject: t("audit:subjects.audit-event", { id }), reference: null };
    case "portal":
      return { subject: t("audit:subjects.portal"), reference: null };
    case "status-notice":
      return { subject: t("audit:subjects.status-notice"), reference: null };
    default:
      return { subject: `${event.subjectType} ${id}`, reference: null };
  }
}

/** Who acted, named: a person, a kiosk, the system or the public. */
function actorOf(event: AuditEvent, t: T, names: Names, lang: Language): { actor: string; actorId: string | null } {
  const account = event.actorAccountId ? names.account.get(event.actorAccountId) : undefined;
  if (account) {
    if (account.kind === "kiosk") return { actor: t("audit:actors.kiosk"), actorId: account.username };
    const name = account.nameAr && account.nameEn ? displayName({ nameAr: account.nameAr, nameEn: account.nameEn }, lang) : text(account.username);
    return { actor: name, actorId: account.kind === "staff" ? account.username : null };
  }
  const person = event.details.person as { nameAr?: string; nameEn?: string } | undefined;
  if (event.actorLabel === KIOSK_USER && person?.nameAr && person.nameEn) {
    return { actor: t("audit:actors.atKiosk", { name: displayName({ nameAr: person.nameAr, nameEn: person.nameEn }, lang) }), actorId: null };
  }
  // Written before kiosk users were named in both languages: "<English name> (kiosk)".
  const legacyKioskUser = /^(.+) \(kiosk\)$/.exec(event.actorLabel ?? "");
  if (legacyKioskUser) return { actor: t("audit:actors.atKiosk", { name: legacyKioskUser[1] }), actorId: null };
  if (event.actorLabel === THE_KIOSK) return { actor: names.kiosk.get(event.subjectId ?? "") ?? t("audit:actors.kiosk"), actorId: null };
  switch (event.actorLabel) {
    case "system":
      return { actor: t("audit:actors.system"), actorId: null };
    case "public":
      return { actor: t("audit:actors.public"), actorId: null };
    case "malware scanner":
      return { actor: t("audit:actors.scanner"), actorId: null };
    case null:
      return { actor: t("audit:actors.unknown"), actorId: null };
    default:
      return { actor: event.actorLabel, actorId: null };
  }
}

/** A page of events, described in the reader's language (a handful of queries, whatever the page's length). */
export async function describeAuditEvents(db: Database, catalogue: Catalogue, events: readonly AuditEvent[], lang: Language, t: T): Promise<DescribedEvent[]> {
  if (events.length === 0) return [];
  const names = await namesFor(db, catalogue, events, lang);
  return events.map((event) => {
    const { actor, actorId } = actorOf(event, t, names, lang);
    const { subject, reference } = subjectOf(event, t, names, lang);
    return {
      id: event.id,
      at: formatDateTime(event.occurredAt, lang),
      atIso: event.occurredAt.toISOString(),
      actor,
      actorId,
      channel: t(`common:channels.${event.channel}`),
      action: isAuditAction(event.action) ? t(`audit:actions.${event.action}`) : event.action,
      subject,
      reference,
      what: isAuditAction(event.action) ? whatOf(event, event.action, t, names, lang) : "",
      ip: event.ip,
      requestId: event.requestId,
    };
  });
}
