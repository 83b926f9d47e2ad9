import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { languages, timestamptz } from "./common";

export const languageEnum = pgEnum("language", languages);

/** The portal's own record of a person it knows: who they are and how to reach them. */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    civilId: text("civil_id").notNull().unique(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    /** ISO 3166-1 alpha-3; KWT for citizens. */
    nationality: text("nationality").notNull(),
    phone: text("phone"),
    email: text("email"),
    preferredLanguage: languageEnum("preferred_language").notNull().default("ar"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [check("people_civil_id_format", sql`${t.civilId} ~ '^[1-3][0-9]{11}$'`), check("people_nationality_format", sql`${t.nationality} ~ '^[A-Z]{3}$'`)],
);

export type Person = typeof people.$inferSelect;
