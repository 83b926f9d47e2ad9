import { date, pgTable, text } from "drizzle-orm/pg-core";
import { placeName, timestamptz } from "../common";

// The demo register of the Public Authority for Civil Information, read only by its simulated endpoint (app/agencies/paci/).

/** PACI: the civil registry. */
export const paciPeople = pgTable("registry_paci_people", {
  civilId: text("civil_id").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  nationality: text("nationality").notNull(),
  birthDate: date("birth_date", { mode: "string" }).notNull(),
  sex: text("sex").$type<"male" | "female">().notNull(),
  governorate: text("governorate").notNull(),
  area: placeName("area"),
  block: text("block").notNull(),
  street: placeName("street"),
  building: text("building").notNull(),
  phone: text("phone"),
  email: text("email"),
  /** argon2id hash of the civil-ID card PIN (for kiosks). */
  cardPinHash: text("card_pin_hash"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});
