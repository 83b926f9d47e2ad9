import { index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { timestamptz } from "./common";
import { languageEnum, people } from "./people";

export const notificationChannels = ["in-app", "email", "sms"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export const notificationChannelEnum = pgEnum("notification_channel", notificationChannels);

export const notificationStatuses = ["pending", "sent", "failed", "skipped"] as const;
export const notificationStatusEnum = pgEnum("notification_status", notificationStatuses);

/**
 * Messages to people, rendered in their language when created. In-app rows are the inbox;
 * email and SMS rows are the outbox that delivery jobs work through.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id"),
    event: text("event").notNull(),
    channel: notificationChannelEnum("channel").notNull(),
    language: languageEnum("language").notNull(),
    address: text("address"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** What the message was made from (app/notifications/notify.server.ts): the inbox says it again in its reader's language. */
    params: jsonb("params").$type<Record<string, unknown>>(),
    status: notificationStatusEnum("status").notNull().default("pending"),
    error: text("error"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    sentAt: timestamptz("sent_at"),
    readAt: timestamptz("read_at"),
  },
  (t) => [
    index("notifications_person_idx").on(t.personId, t.createdAt),
    index("notifications_account_idx").on(t.accountId, t.createdAt),
    index("notifications_application_idx").on(t.applicationId),
  ],
);

export type Notification = typeof notifications.$inferSelect;
