import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { agencies } from "./agencies";
import { timestamptz } from "./common";

/**
 * The portal's operating mode, one row: while `readOnlySince` is set, information pages, the
 * verification of certificates and the status page work, and every change is refused with a
 * message (maintenance of the database, a migration, a restore). Switched by an administrator.
 */
export const operatingMode = pgTable(
  "operating_mode",
  {
    id: integer("id").primaryKey().default(1),
    readOnlySince: timestamptz("read_only_since"),
    /** What the notice says, in both languages (optional). */
    reasonAr: text("reason_ar"),
    reasonEn: text("reason_en"),
    changedBy: uuid("changed_by").references(() => accounts.id),
    changedAt: timestamptz("changed_at").notNull().defaultNow(),
  },
  (t) => [check("operating_mode_one_row", sql`${t.id} = 1`)],
);

/**
 * What an agency link did, for the status page's days: its circuit opened (the agency stopped
 * answering) or closed (it answered again). Written in the transaction that changes the state.
 */
export const agencyLinkEvents = pgTable(
  "agency_link_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    event: text("event").$type<AgencyLinkEvent>().notNull(),
    at: timestamptz("at").notNull().defaultNow(),
  },
  (t) => [index("agency_link_events_agency_idx").on(t.agencyId, t.at), check("agency_link_events_event", sql`${t.event} in ('opened', 'closed')`)],
);

export const agencyLinkEventKinds = ["opened", "closed"] as const;
export type AgencyLinkEvent = (typeof agencyLinkEventKinds)[number];

/**
 * An incident or a planned maintenance that operators post on the status page. It names what it
 * affects (`portal`, `payments`, or agency ids): the services that need those show its banner,
 * and applicants waiting on such an agency see it on their application.
 */
export const statusNotices = pgTable(
  "status_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<StatusNoticeKind>().notNull(),
    /** How bad: an incident degrades or takes down what it affects; maintenance makes it unavailable. */
    impact: text("impact").$type<StatusImpact>().notNull(),
    components: text("components").array().notNull(),
    titleAr: text("title_ar").notNull(),
    titleEn: text("title_en").notNull(),
    /** An incident: when it began. Maintenance: when it is planned to begin. */
    startsAt: timestamptz("starts_at").notNull(),
    /** Maintenance: when it is planned to end (null: not said). */
    plannedEndAt: timestamptz("planned_end_at"),
    /** When it was over: the incident resolved, the maintenance completed. */
    endedAt: timestamptz("ended_at"),
    createdBy: uuid("created_by").references(() => accounts.id),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("status_notices_open_idx")
      .on(t.startsAt)
      .where(sql`${t.endedAt} is null`),
    index("status_notices_starts_idx").on(t.startsAt),
    check("status_notices_kind", sql`${t.kind} in ('incident', 'maintenance')`),
    check("status_notices_impact", sql`${t.impact} in ('degraded', 'down', 'maintenance')`),
    check("status_notices_components", sql`cardinality(${t.components}) > 0`),
    check(
      "status_notices_period",
      sql`(${t.plannedEndAt} is null or ${t.plannedEndAt} > ${t.startsAt}) and (${t.endedAt} is null or ${t.endedAt} >= ${t.startsAt})`,
    ),
  ],
);

export const statusNoticeKinds = ["incident", "maintenance"] as const;
export type StatusNoticeKind = (typeof statusNoticeKinds)[number];
export const statusImpacts = ["degraded", "down", "maintenance"] as const;
export type StatusImpact = (typeof statusImpacts)[number];

/** The updates posted on a notice, newest last: what is known, in both languages. */
export const statusNoticeUpdates = pgTable(
  "status_notice_updates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => statusNotices.id, { onDelete: "cascade" }),
    bodyAr: text("body_ar").notNull(),
    bodyEn: text("body_en").notNull(),
    postedBy: uuid("posted_by").references(() => accounts.id),
    postedAt: timestamptz("posted_at").notNull().defaultNow(),
  },
  (t) => [index("status_notice_updates_notice_idx").on(t.noticeId, t.postedAt)],
);

export type StatusNotice = typeof statusNotices.$inferSelect;
export type StatusNoticeUpdate = typeof statusNoticeUpdates.$inferSelect;

/**
 * What this database was made with, one row: a keyed check of the root secret (never the secret)
 * and the fingerprint of its certificate authority, so that a restore with another secret, or without its secret.key, is stopped at start-up with
 * a sentence instead of failing sign-ins and seals one by one.
 */
export const deploymentChecks = pgTable(
  "deployment_checks",
  {
    id: integer("id").primaryKey().default(1),
    secretCheck: text("secret_check").notNull(),
    /** SHA-256 of the root CA's certificate (PEM), once it has been made: the CA every signature chains to. */
    caFingerprint: text("ca_fingerprint"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [check("deployment_checks_one_row", sql`${t.id} = 1`)],
);
