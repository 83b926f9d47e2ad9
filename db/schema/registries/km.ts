import { bigint, boolean, date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { premises } from "../common";

// The demo register of Kuwait Municipality, read only by its simulated endpoint (app/agencies/km/).

/** KM: shop and sign licences. */
export const kmLicences = pgTable(
  "registry_km_licences",
  {
    licenceNumber: text("licence_number").primaryKey(),
    kind: text("kind").$type<"shop" | "sign">().notNull(),
    crNumber: text("cr_number").notNull(),
    ...premises,
    /** For sign licences: the sign's area in square metres. */
    signAreaM2: integer("sign_area_m2"),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
  },
  (t) => [index("km_licence_cr_idx").on(t.crNumber)],
);

/** KM: violations against a licence, paid or not. */
export const kmViolations = pgTable(
  "registry_km_violations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    licenceNumber: text("licence_number").notNull(),
    descriptionAr: text("description_ar").notNull(),
    descriptionEn: text("description_en").notNull(),
    amountFils: bigint("amount_fils", { mode: "number" }).notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    isPaid: boolean("is_paid").notNull(),
  },
  (t) => [index("km_violation_licence_idx").on(t.licenceNumber)],
);
