import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { channelEnum } from "./sessions";
import { timestamptz } from "./common";

/**
 * Append-only, hash-chained: each row's hash covers the previous row's hash and its own
 * content, so an edited or deleted row breaks the chain (see app/audit/audit.server.ts).
 * No foreign keys: the log outlives what it speaks of.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamptz("occurred_at").notNull(),
    actorAccountId: uuid("actor_account_id"),
    actorLabel: text("actor_label"),
    channel: channelEnum("channel").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    requestId: text("request_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorAccountId, t.id),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
