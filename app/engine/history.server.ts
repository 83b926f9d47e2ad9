import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencies, applicationEvents, type EventAction } from "../../db/schema";
import type { Catalogue } from "../catalogue/registry";
import type { Language } from "../i18n/config";
import { formatDateTime } from "../i18n/format";
import { getFixedT } from "../i18n/language.server";
import type { Actor } from "./actor";
import { displayName } from "../i18n/names";

export interface EventInput {
  applicationId: string;
  stepInstanceId?: string | null;
  stepId?: string | null;
  action: EventAction;
  comment?: string | null;
  details?: Record<string, unknown>;
}

export async function recordEvent(tx: Database, actor: Actor, event: EventInput, at = new Date()): Promise<void> {
  await tx.insert(applicationEvents).values({
    applicationId: event.applicationId,
    stepInstanceId: event.stepInstanceId ?? null,
    stepId: event.stepId ?? null,
    occurredAt: at,
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    agencyId: actor.agencyId ?? null,
    channel: actor.channel,
    action: event.action,
    comment: event.comment ?? null,
    details: event.details ?? {},
  });
}

export interface TimelineEntry {
  id: number;
  at: string;
  atIso: string;
  who: string;
  what: string;
  step: string | null;
  comment: string | null;
  isActionNeeded: boolean;
  /** What happened, as recorded (`task-decided`, `paid`, …). */
  action: TimelineAction;
}

/** The application's history as the applicant reads it, in their language. */
export async function getTimeline(
  db: Database,
  catalogue: Catalogue,
  application: { id: string; serviceId: string; serviceVersion: number },
  language: Language,
  /** Who reads it: the applicant ("you"), or staff ("the applicant"). */
  reader: "applicant" | "staff" = "applicant",
): Promise<TimelineEntry[]> {
  const t = getFixedT(language);
  const service = catalogue.get(application.serviceId, application.serviceVersion);
  const [rows, agencyRows] = await Promise.all([
    db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, application.id)).orderBy(asc(applicationEvents.id)),
    db.select({ id: agencies.id, nameAr: agencies.nameAr, nameEn: agencies.nameEn }).from(agencies),
  ]);
  const nameOf = (id: unknown) => {
    const agency = agencyRows.find((row) => row.id === id);
    return agency ? displayName(agency, language) : null;
  };
  return rows.map((event) => {
    // The agency an event is about: the one that acted, or the one a step was sent to.
    const agencyName = nameOf(event.details.agency ?? event.agencyId);
    const step = event.stepId ? service?.workflow.steps[event.stepId] : undefined;
    const who: string =
      event.actorRole === "applicant"
        ? t(reader === "applicant" ? "timeline:actors.applicant" : "timeline:actors.theApplicant")
        : event.actorRole === "system" || !event.agencyId
          ? t("timeline:actors.system")
          : t(`timeline:actors.${event.actorRole === "agency" ? "agency" : "staff"}`, { agency: nameOf(event.agencyId) ?? "" });
    const agencyParam = { agency: agencyName ?? "", action: String(event.details.actionLabel ?? "") };
    const actionLabel = step && "actions" in step && event.details.action ? step.actions[String(event.details.action)]?.label[language] : undefined;
    return {
      id: event.id,
      at: formatDateTime(event.occurredAt, language),
      atIso: event.occurredAt.toISOString(),
      who,
      what:
        reader === "staff" && isStaffWorded(event.action)
          ? t(`timeline:actionsForStaff.${event.action}`, { action: actionLabel ?? "" })
          : t(`timeline:actions.${event.action}`, { ...agencyParam, action: actionLabel ?? "" }),
      step: step ? step.title[language] : null,
      comment: event.comment,
      isActionNeeded: event.action === "action-needed" || event.action === "payment-due",
      action: event.action,
    };
  });
}

/** The actions whose words depend on who reads them ("you" for the applicant). */
const staffWorded = ["applicant-acted", "action-needed", "draft-started"] as const;
const isStaffWorded = (action: string): action is (typeof staffWorded)[number] => (staffWorded as readonly string[]).includes(action);

/** What a history entry records. */
export type TimelineAction = EventAction;
