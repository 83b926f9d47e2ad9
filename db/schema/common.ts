import { timestamp } from "drizzle-orm/pg-core";

export const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];

export const channels = ["web", "kiosk", "back-office", "system"] as const;
export type Channel = (typeof channels)[number];

/** Every timestamp is stored with its time zone; the UI shows it in Asia/Kuwait. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
