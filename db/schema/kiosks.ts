import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";
import { people } from "./people";

export const printerStatuses = ["ready", "error", "offline"] as const;
export type PrinterStatus = (typeof printerStatuses)[number];
export const paperStatuses = ["ok", "low", "out"] as const;
export type PaperStatus = (typeof paperStatuses)[number];

/**
 * A kiosk terminal in a public place. An administrator registers it and gets a one-time enrolment
 * code; the kiosk's browser enrols with it and holds a device credential (kept here only as a
 * hash), until the kiosk is revoked. Its heartbeat keeps `lastSeenAt` and its devices' status.
 */
export const kiosks = pgTable(
  "kiosks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Its name and where it stands, in Arabic and English: the kiosk's screens show the reader's language. */
    nameAr: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    governorate: text("governorate").notNull(),
    locationAr: text("location").notNull(),
    locationEn: text("location_en").notNull(),
    /** SHA-256 of the one-time enrolment code, until it is used or replaced. */
    enrolmentCodeHash: text("enrolment_code_hash").unique(),
    enrolmentExpiresAt: timestamptz("enrolment_expires_at"),
    /** SHA-256 of the device credential the enrolled browser holds. */
    credentialHash: text("credential_hash").unique(),
    enrolledAt: timestamptz("enrolled_at"),
    revokedAt: timestamptz("revoked_at"),
    lastSeenAt: timestamptz("last_seen_at"),
    printerStatus: text("printer_status").$type<PrinterStatus>(),
    paperStatus: text("paper_status").$type<PaperStatus>(),
    /** The civil-ID card in the reader now, as the card-reader bridge reported it. */
    cardCivilId: text("card_civil_id"),
    cardInsertedAt: timestamptz("card_inserted_at"),
    /** The highest sequence number the card-reader bridge has sent: each message must carry a higher one (no replays). */
    bridgeSequence: bigint("bridge_sequence", { mode: "number" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("kiosks_governorate_idx").on(t.governorate, t.nameAr)],
);

export type Kiosk = typeof kiosks.$inferSelect;

/**
 * A person signed in at a kiosk with their card and PIN. The cookie holds a random token; this
 * table its SHA-256. It ends on "finish", when the card is removed, or after the idle time.
 */
export const kioskSessions = pgTable(
  "kiosk_sessions",
  {
    id: text("id").primaryKey(),
    kioskId: uuid("kiosk_id")
      .notNull()
      .references(() => kiosks.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    civilId: text("civil_id").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastSeenAt: timestamptz("last_seen_at").notNull().defaultNow(),
    endedAt: timestamptz("ended_at"),
  },
  (t) => [
    index("kiosk_sessions_kiosk_idx").on(t.kioskId, t.createdAt),
    // Who is signed in at a kiosk now, for the operators' figures.
    index("kiosk_sessions_open_idx")
      .on(t.lastSeenAt)
      .where(sql`${t.endedAt} is null`),
  ],
);

export type KioskSession = typeof kioskSessions.$inferSelect;

/** What a kiosk printed, and for whom: each certificate or receipt copy (also in the audit log). */
export const kioskPrints = pgTable(
  "kiosk_prints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kioskId: uuid("kiosk_id")
      .notNull()
      .references(() => kiosks.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The certificate's number (or a receipt's). */
    document: text("document").notNull(),
    copyId: text("copy_id").notNull(),
    printedAt: timestamptz("printed_at").notNull().defaultNow(),
  },
  (t) => [index("kiosk_prints_kiosk_idx").on(t.kioskId, t.printedAt)],
);
