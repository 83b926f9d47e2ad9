import { date, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

// The demo register of the Ministry of Commerce and Industry, read only by its simulated endpoint (app/agencies/moci/).

/** MOCI: companies and their commercial licences. */
export const mociCompanies = pgTable("registry_moci_companies", {
  /** Commercial registration number. */
  crNumber: text("cr_number").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  licenceNumber: text("licence_number").notNull().unique(),
  activityAr: text("activity_ar").notNull(),
  activityEn: text("activity_en").notNull(),
  licenceExpiresOn: date("licence_expires_on", { mode: "string" }).notNull(),
});

/** MOCI: who may sign for a company. */
export const mociSignatories = pgTable(
  "registry_moci_signatories",
  {
    crNumber: text("cr_number").notNull(),
    civilId: text("civil_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.crNumber, t.civilId] }), index("moci_signatory_civil_id_idx").on(t.civilId)],
);
