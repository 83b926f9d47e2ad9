import type { Database } from "../../db/client";
import { addAgencyContact, getAgency, listAgencyContacts, removeAgencyContact, updateAgency } from "../agencies/queries.server";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/audit.server";
import type { RequestMeta } from "../auth/request-meta.server";
import { auditFields } from "../auth/request-meta.server";
import { addAgencyKey, keyState, listAgencyKeys } from "../exchange/agency-keys.server";
import { changeAgencyLink, getAgencyLink, isMaintenanceNow } from "../exchange/links.server";
import type { Language } from "../i18n/config";
import type { getFixedT } from "../i18n/language.server";
import { formatDateTime } from "../i18n/format";
import { displayName } from "../i18n/names";
import {
  agencyProblems,
  ContactSchema,
  contactFields,
  DetailsSchema,
  detailsFields,
  KeySchema,
  keyFields,
  LinkSchema,
  linkFields,
  MaintenanceSchema,
  maintenanceFields,
  type AgencyProblems,
} from "./agency-forms";
import { checkForm, type Problems } from "./forms";

// An agency as its administrators manage it: its names and website, how the portal reaches it
// (base URL, maintenance), the keys its answers are signed with, and whom to call there. Each
// change commits with its audit record.

export async function agencyPage(db: Database, agencyId: string, lang: Language, t: ReturnType<typeof getFixedT>, now = new Date()) {
  const agency = await getAgency(db, agencyId);
  if (!agency) return null;
  const [link, keys, contacts] = await Promise.all([getAgencyLink(db, agencyId), listAgencyKeys(db, agencyId), listAgencyContacts(db, agencyId)]);
  return {
    title: t("staff:agencies.editMeta", { name: displayName(agency, lang) }),
    agency: { ...agency, name: displayName(agency, lang) },
    link: {
      baseUrl: link.baseUrl,
      isUnderMaintenance: isMaintenanceNow(link, now),
      maintenanceSince: link.maintenanceSince ? formatDateTime(link.maintenanceSince, lang) : null,
      maintenanceUntil: link.maintenanceUntil ? formatDateTime(link.maintenanceUntil, lang) : null,
    },
    keys: keys.map((key) => ({
      keyId: key.keyId,
      // Grouped by four, as operators read a fingerprint aloud to compare it.
      fingerprint: key.fingerprint.match(/.{1,4}/g)!.join(" "),
      validFrom: formatDateTime(key.validFrom, lang),
      validUntil: key.validUntil ? formatDateTime(key.validUntil, lang) : null,
      state: keyState(key, now),
    })),
    contacts,
  };
}

export const agencyIntents = ["details", "link", "maintenance-start", "maintenance-end", "key-add", "contact-add", "contact-remove"] as const;
export type AgencyIntent = (typeof agencyIntents)[number];

export type AgencyActionResult =
  | { ok: true; done: AgencyIntent }
  | { ok: false; intent: AgencyIntent; problems: AgencyProblems; values: Record<string, string> }
  | { ok: false; intent: AgencyIntent; notFound: true };

interface ActionContext {
  db: Database;
  agencyId: string;
  accountId: string;
  meta: RequestMeta;
  form: FormData;
  now: Date;
}

const audit = (tx: Database, context: ActionContext, action: AuditAction, details: Record<string, unknown>) =>
  recordAudit(tx, { ...auditFields(context.meta), actorAccountId: context.accountId, action, subjectType: "agency", subjectId: context.agencyId, details });

const notFound = (intent: AgencyIntent): AgencyActionResult => ({ ok: false, intent, notFound: true });

/** Does what one of the page's forms asks, checked field by field; the change and its audit record commit together. */
export async function runAgencyAction(intent: AgencyIntent, context: ActionContext): Promise<AgencyActionResult> {
  const { db, agencyId, form, now } = context;
  const refused = (problems: Problems<string>, values: Record<string, string>): AgencyActionResult => ({
    ok: false,
    intent,
    problems: agencyProblems(problems),
    values,
  });
  switch (intent) {
    case "details": {
      const checked = checkForm(DetailsSchema, detailsFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      const before = await db.transaction(async (tx) => {
        const was = await updateAgency(tx, agencyId, checked.data);
        if (was)
          await audit(tx, context, "agency.updated", { before: { nameAr: was.nameAr, nameEn: was.nameEn, websiteUrl: was.websiteUrl }, after: checked.data });
        return was;
      });
      return before ? { ok: true, done: intent } : notFound(intent);
    }
    case "link": {
      const checked = checkForm(LinkSchema, linkFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      return changeLink(context, intent, { baseUrl: checked.data.baseUrl }, (was) => ({ before: { baseUrl: was.baseUrl }, after: checked.data }));
    }
    case "maintenance-start": {
      const checked = checkForm(MaintenanceSchema(now), maintenanceFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      const until = checked.data.until;
      return changeLink(context, intent, { maintenanceSince: now, maintenanceUntil: until }, () => ({
        since: now.toISOString(),
        until: until?.toISOString() ?? null,
      }));
    }
    case "maintenance-end":
      return changeLink(context, intent, { maintenanceSince: null, maintenanceUntil: null }, (was) => ({
        since: was.maintenanceSince?.toISOString() ?? null,
        until: was.maintenanceUntil?.toISOString() ?? null,
      }));
    case "key-add": {
      const checked = checkForm(KeySchema, keyFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      const { keyId, publicKey, overlapDays } = checked.data;
      return db.transaction(async (tx) => {
        if (!(await getAgency(tx, agencyId))) return notFound(intent);
        const added = await addAgencyKey(tx, { agencyId, keyId, publicKey, overlapDays, addedByAccountId: context.accountId, now });
        if (!added.ok) {
          const field = added.problem === "key-id-taken" ? "keyId" : "publicKey";
          return refused({ [field]: added.problem }, { keyId, publicKey, overlapDays: String(overlapDays) });
        }
        await audit(tx, context, "agency.key-added", {
          keyId,
          fingerprint: added.fingerprint,
          overlapDays,
          retired: added.retired.map((key) => ({ keyId: key.keyId, validUntil: key.validUntil.toISOString() })),
        });
        return { ok: true, done: intent } as const;
      });
    }
    case "contact-add": {
      const checked = checkForm(ContactSchema, contactFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      return db.transaction(async (tx) => {
        if (!(await getAgency(tx, agencyId))) return notFound(intent);
        const contact = await addAgencyContact(tx, agencyId, checked.data);
        await audit(tx, context, "agency.contact-added", { contact });
        return { ok: true, done: intent } as const;
      });
    }
    case "contact-remove": {
      const contactId = String(form.get("contactId") ?? "");
      if (!/^[0-9a-f-]{36}$/.test(contactId)) return notFound(intent);
      return db.transaction(async (tx) => {
        const contact = await removeAgencyContact(tx, agencyId, contactId);
        if (!contact) return notFound(intent);
        await audit(tx, context, "agency.contact-removed", { contact });
        return { ok: true, done: intent } as const;
      });
    }
  }
}

const linkActions = { link: "agency.link-updated", "maintenance-start": "agency.maintenance-started", "maintenance-end": "agency.maintenance-ended" } as const;

async function changeLink(
  context: ActionContext,
  intent: keyof typeof linkActions,
  change: Parameters<typeof changeAgencyLink>[2],
  details: (was: Awaited<ReturnType<typeof changeAgencyLink>>) => Record<string, unknown>,
): Promise<AgencyActionResult> {
  return context.db.transaction(async (tx) => {
    if (!(await getAgency(tx, context.agencyId))) return notFound(intent);
    const was = await changeAgencyLink(tx, context.agencyId, change);
    await audit(tx, context, linkActions[intent], details(was));
    return { ok: true, done: intent } as const;
  });
}
