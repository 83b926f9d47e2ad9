import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { timestamptz } from "./common";

/**
 * The catalogue's information-only entries: services the portal describes and links to, offered
 * by the agency itself. Administrators keep them (app/catalogue/entries.server.ts); the integrated
 * services are code, and only their publication is data (below).
 */
export const catalogueEntries = pgTable(
  "catalogue_entries",
  {
    id: text("id").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    /** An id of app/catalogue/taxonomy.ts, checked when the entry is saved. */
    category: text("category").notNull(),
    lifeEvents: text("life_events")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Where the agency offers it: online, app, counter. */
    channels: text("channels").array().notNull(),
    titleAr: text("title_ar").notNull(),
    titleEn: text("title_en").notNull(),
    summaryAr: text("summary_ar").notNull(),
    summaryEn: text("summary_en").notNull(),
    url: text("url").notNull(),
    /** Where it is listed: lower first. Administrators move an entry among its category's. */
    position: integer("position").notNull(),
    /** Its own four texts, normalised for search (app/catalogue/search.ts), kept with the texts (the administrators' list searches it). */
    searchText: text("search_text").notNull(),
    /** Counts edits, so that an edit made on a page opened before another's is refused, not lost. */
    version: integer("version").notNull().default(1),
    /** Set when the entry is no longer offered: not listed, its page says so. */
    retiredAt: timestamptz("retired_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("catalogue_entries_id_format", sql`${t.id} ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'`),
    check("catalogue_entries_channels_given", sql`cardinality(${t.channels}) > 0`),
    check("catalogue_entries_position_natural", sql`${t.position} >= 0`),
    // The public listing and the administrators' list, in order.
    index("catalogue_entries_order_idx").on(t.position, t.id),
    // Browsing a category, and moving an entry among its category's.
    index("catalogue_entries_category_idx").on(t.category, t.position, t.id),
    index("catalogue_entries_agency_idx").on(t.agencyId, t.position, t.id),
    index("catalogue_entries_life_events_idx").using("gin", t.lifeEvents),
  ],
);

/**
 * Which state of the information entries a process's search index was built from: a new random
 * value on every statement that writes them (a trigger, migration 0027), so that a process
 * rebuilds its index after any change, by any process, and never takes one database's for another's.
 */
export const catalogueRevision = pgTable(
  "catalogue_revision",
  {
    id: smallint("id").primaryKey().default(1),
    revision: uuid("revision").notNull().defaultRandom(),
  },
  (t) => [check("catalogue_revision_single_row", sql`${t.id} = 1`)],
);

export const publicationStates = ["published", "paused", "withdrawn"] as const;
export type PublicationState = (typeof publicationStates)[number];
export const publicationStateEnum = pgEnum("publication_state", publicationStates);

/**
 * Whether an integrated service takes new applications on a channel. No row reads as published.
 * Paused: temporarily unavailable (drafts kept, submissions refused); withdrawn: no longer offered
 * there. Applications already submitted go on either way. Its notice is shown on the service's page.
 */
export const servicePublications = pgTable(
  "service_publications",
  {
    serviceId: text("service_id").notNull(),
    channel: text("channel").$type<"web" | "kiosk">().notNull(),
    state: publicationStateEnum("state").notNull().default("published"),
    noticeAr: text("notice_ar"),
    noticeEn: text("notice_en"),
    changedByAccountId: uuid("changed_by_account_id"),
    changedAt: timestamptz("changed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.channel] }),
    check("service_publications_channel", sql`${t.channel} in ('web', 'kiosk')`),
    check("service_publications_notice", sql`${t.state} = 'published' or (${t.noticeAr} is not null and ${t.noticeEn} is not null)`),
  ],
);

export type CatalogueEntryRow = typeof catalogueEntries.$inferSelect;
export type ServicePublication = typeof servicePublications.$inferSelect;
