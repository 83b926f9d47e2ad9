import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { channels, timestamptz } from "./common";

export const sessionStages = ["second-factor", "active"] as const;
export type SessionStage = (typeof sessionStages)[number];
export const sessionStageEnum = pgEnum("session_stage", sessionStages);
export const channelEnum = pgEnum("channel", channels);

/** Sessions live in the database so any app process can serve any request, and so they can be revoked. */
export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie's token: a copy of this table signs nobody in. */
    id: text("id").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    stage: sessionStageEnum("stage").notNull(),
    channel: channelEnum("channel").notNull(),
    idleTimeoutSeconds: integer("idle_timeout_seconds").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
    revokedAt: timestamptz("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_account_idx").on(t.accountId, t.createdAt), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Failed sign-ins counted per key (`account:<identifier>` or `ip:<address>`) within a window. */
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamptz("window_started_at").notNull().defaultNow(),
  lockedUntil: timestamptz("locked_until"),
});

export type Session = typeof sessions.$inferSelect;
