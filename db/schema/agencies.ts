import { sql } from "drizzle-orm";
import { check, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";

export const agencies = pgTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    websiteUrl: text("website_url"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [check("agencies_id_format", sql`${t.id} ~ '^[a-z][a-z0-9-]*$'`)],
);

export type Agency = typeof agencies.$inferSelect;
