import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { channelEnum } from "./sessions";
import { timestamptz } from "./common";

/**
 * How a row's hash was made: an HMAC keyed by a secret that is not in the database, or a plain
 * SHA-256 (rows of the earlier release, as the migration marks them until start-up re-keys them).
 */
export const auditHashSchemes = ["hmac-sha256", "sha256"] as const;
export type AuditHashScheme = (typeof auditHashSchemes)[number];

/**
 * Append-only, hash-chained: each row's hash is an HMAC, with a key kept outside the database,
 * over the previous row's hash and its own content, so an edited, reordered or deleted row breaks
 * the chain and cannot be re-hashed from the database alone (see app/audit/audit.server.ts).
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
    hashScheme: text("hash_scheme").$type<AuditHashScheme>().notNull().default("hmac-sha256"),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorAccountId, t.id),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
    // The audit page's date range.
    index("audit_events_occurred_idx").on(t.occurredAt),
    // Events about a civil ID that had no account yet (a registration's code sent to it).
    index("audit_events_civil_id_idx").on(sql`(${t.details}->>'civilId')`, t.id),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;

export const auditVerificationTriggers = ["scheduled", "on-demand"] as const;
export type AuditVerificationTrigger = (typeof auditVerificationTriggers)[number];

/** Each walk of the whole chain and what it found, for the administrators' page (newest first). */
export const auditVerifications = pgTable(
  "audit_verifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    verifiedAt: timestamptz("verified_at").notNull().defaultNow(),
    trigger: text("trigger").$type<AuditVerificationTrigger>().notNull(),
    isIntact: boolean("is_intact").notNull(),
    eventCount: integer("event_count").notNull(),
    /** The first row found wrong, when the chain is broken. */
    brokenAtId: bigint("broken_at_id", { mode: "number" }),
    problem: text("problem"),
    /** The newest signed checkpoint the walk was held to. */
    checkpointLastId: bigint("checkpoint_last_id", { mode: "number" }),
  },
  (t) => [index("audit_verifications_at_idx").on(t.verifiedAt)],
);

export type AuditVerification = typeof auditVerifications.$inferSelect;
