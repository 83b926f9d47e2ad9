import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { timestamptz } from "./common";
import { people } from "./people";

/** Bytes as Postgres keeps them; both drivers give back a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

export const uploadMimes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type UploadMime = (typeof uploadMimes)[number];

/**
 * Where the malware scan of an upload stands. `clean`: scanned, nothing found. `awaiting-scan`:
 * the scanner could not be reached when it came; kept, and no clerk may open it until it is clean.
 * `infected`: found infected by a later scan; its bytes are gone. `unscanned`: no scanner is
 * configured (the embedded default), which the portal says.
 */
export const uploadScanStatuses = ["clean", "awaiting-scan", "infected", "unscanned"] as const;
export type UploadScanStatus = (typeof uploadScanStatuses)[number];
/** Statuses whose file a clerk may open. */
export const openableScanStatuses = ["clean", "unscanned"] as const satisfies readonly UploadScanStatus[];

/**
 * A file an applicant attached to an application. Kept in the database (never under public/),
 * so every server process sees it; its type was read from its bytes, not its name.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerPersonId: uuid("owner_person_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    fieldId: text("field_id").notNull(),
    /** The name the applicant's computer gave it, for display only. */
    name: text("name").notNull(),
    mime: text("mime").$type<UploadMime>().notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    scanStatus: text("scan_status").$type<UploadScanStatus>().notNull().default("unscanned"),
    scannedAt: timestamptz("scanned_at"),
    /** What the scanner found, for an infected file. */
    scanSignature: text("scan_signature"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("uploads_application_idx").on(t.applicationId, t.createdAt),
    // The files the scan still owes (administrators' count, the scan job's retries).
    index("uploads_awaiting_scan_idx")
      .on(t.createdAt)
      .where(sql`${t.scanStatus} = 'awaiting-scan'`),
  ],
);

export type Upload = typeof uploads.$inferSelect;
