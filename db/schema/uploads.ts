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
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("uploads_application_idx").on(t.applicationId, t.createdAt)],
);

export type Upload = typeof uploads.$inferSelect;
