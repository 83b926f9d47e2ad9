import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Database } from "../../db/client";
import { notifications } from "../../db/schema";
import { emailHtml } from "./email";

/** Sends an SMS. The embedded default has no SMS gateway: the outbox row is the record. */
export interface SmsProvider {
  send(to: string, text: string): Promise<void>;
}

export const outboxSmsProvider: SmsProvider = { send: async () => {} };

export interface DeliveryConfig {
  smtpUrl?: string;
  mailFrom: string;
  sms: SmsProvider;
}

let transports = new Map<string, nodemailer.Transporter>();

/** Delivers one email or SMS from the outbox. Idempotent: a delivered row is not sent again. */
export async function deliverNotification(db: Database, config: DeliveryConfig, notificationId: string): Promise<void> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!row || row.status !== "pending" || !row.address) return;
  if (row.channel === "email") {
    if (!config.smtpUrl) {
      await db.update(notifications).set({ status: "skipped", error: "SMTP_URL is not set" }).where(eq(notifications.id, row.id));
      return;
    }
    let transport = transports.get(config.smtpUrl);
    if (!transport) {
      transport = nodemailer.createTransport(config.smtpUrl);
      transports.set(config.smtpUrl, transport);
    }
    const html = emailHtml({ subject: row.subject, body: row.body, language: row.language });
    await transport.sendMail({ from: config.mailFrom, to: row.address, subject: row.subject, text: row.body, html });
  } else if (row.channel === "sms") {
    await config.sms.send(row.address, `${row.subject}\n${row.body}`);
  }
  await db.update(notifications).set({ status: "sent", sentAt: new Date(), error: null }).where(eq(notifications.id, row.id));
}

export function resetTransports() {
  transports = new Map();
}
