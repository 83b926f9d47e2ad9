import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accounts, notifications, people } from "../../db/schema";
import type { Text } from "../catalogue/types";
import type { Language } from "../i18n/config";
import { getFixedT } from "../i18n/language.server";
import { enqueueJob } from "../jobs/queue.server";

export type NotificationEvent = "submitted" | "action-needed" | "approved" | "rejected" | "certificate-ready" | "step-late";

export interface NotificationParams {
  reference: string;
  service: Text;
  step?: Text;
}

interface Recipient {
  personId: string;
  accountId: string | null;
  language: Language;
  email: string | null;
  phone: string | null;
}

const notificationEvents: readonly NotificationEvent[] = ["submitted", "action-needed", "approved", "rejected", "certificate-ready", "step-late"];
const isNotificationEvent = (event: string): event is NotificationEvent => (notificationEvents as readonly string[]).includes(event);

/** A notification's subject and body in a language, from its event and what it was made from. */
export function renderNotification(event: NotificationEvent, params: NotificationParams, language: Language) {
  const t = getFixedT(language);
  const values = { reference: params.reference, service: params.service[language], step: params.step?.[language] ?? "" };
  return { subject: t(`notifications:${event}.subject`, values), body: t(`notifications:${event}.body`, values) };
}

/**
 * Writes a notification for each recipient in their own language: to the in-app inbox always,
 * and to the email and SMS outboxes when they have an address, each with a delivery job
 * enqueued in the caller's transaction.
 */
async function notify(tx: Database, recipients: Recipient[], event: NotificationEvent, params: NotificationParams, applicationId: string | null) {
  for (const recipient of recipients) {
    const { subject, body } = renderNotification(event, params, recipient.language);
    const base = {
      personId: recipient.personId,
      accountId: recipient.accountId,
      applicationId,
      event,
      language: recipient.language,
      subject,
      body,
      params: { ...params },
    };
    await tx.insert(notifications).values({ ...base, channel: "in-app", status: "sent", sentAt: new Date() });
    if (recipient.email) await queueOutbox(tx, { ...base, channel: "email", address: recipient.email });
    if (recipient.phone) await queueOutbox(tx, { ...base, channel: "sms", address: recipient.phone });
  }
}

/** An email or SMS for the outbox, with its delivery job, in the caller's transaction. */
async function queueOutbox(tx: Database, message: typeof notifications.$inferInsert & { channel: "email" | "sms"; address: string }) {
  const [row] = await tx.insert(notifications).values(message).returning({ id: notifications.id });
  await enqueueJob(tx, "notification.deliver", { notificationId: row!.id }, { dedupeKey: `notification:${row!.id}`, maxAttempts: 6 });
}

/**
 * An in-app notification as its reader reads it now: said again in their language when it was
 * made from an event the portal still knows; otherwise as it was written, in the language it was written in.
 */
export function notificationIn(
  row: { event: string; params: Record<string, unknown> | null; subject: string; body: string; language: Language },
  language: Language,
): { subject: string; body: string; language: Language } {
  const params = row.params as NotificationParams | null;
  if (params?.reference !== undefined && params.service?.ar && isNotificationEvent(row.event))
    return { ...renderNotification(row.event, params, language), language };
  return { subject: row.subject, body: row.body, language: row.language };
}

/** A text message to a phone number that may belong to nobody the portal knows yet (a registration code). */
export function sendText(tx: Database, message: { address: string; event: string; language: Language; subject: string; body: string }) {
  return queueOutbox(tx, { ...message, channel: "sms" });
}

export async function notifyPerson(tx: Database, personId: string, event: NotificationEvent, params: NotificationParams, applicationId: string | null) {
  const [person] = await tx
    .select({ personId: people.id, language: people.preferredLanguage, email: people.email, phone: people.phone })
    .from(people)
    .where(eq(people.id, personId));
  if (person) await notify(tx, [{ ...person, accountId: null }], event, params, applicationId);
}

/** Staff are told in the inbox and by email, not by SMS. */
export async function notifyStaff(tx: Database, accountIds: string[], event: NotificationEvent, params: NotificationParams, applicationId: string | null) {
  if (accountIds.length === 0) return;
  const rows = await tx
    .select({ personId: people.id, accountId: accounts.id, language: people.preferredLanguage, email: people.email })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(inArray(accounts.id, accountIds));
  await notify(
    tx,
    rows.map((row) => ({ ...row, phone: null })),
    event,
    params,
    applicationId,
  );
}
