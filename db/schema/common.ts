import { jsonb, text, timestamp } from "drizzle-orm/pg-core";

export const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];

export const channels = ["web", "kiosk", "back-office", "system"] as const;
export type Channel = (typeof channels)[number];

/** Every timestamp is stored with its time zone; the UI shows it in Asia/Kuwait. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A name a registry holds in both languages: an area, a street, a unit. */
export interface PlaceName {
  ar: string;
  en: string;
}
export const placeName = (name: string) => jsonb(name).$type<PlaceName>().notNull();

/**
 * Premises are named by their PACI automated address number (الرقم الآلي للعنوان), which is how
 * the fire force and the municipality agree on a place. Their registers share these columns.
 */
export const premises = {
  premisesNumber: text("premises_number").notNull(),
  governorate: text("governorate").notNull(),
  area: placeName("area"),
  block: text("block").notNull(),
  street: placeName("street"),
  building: text("building").notNull(),
  unit: placeName("unit"),
};
