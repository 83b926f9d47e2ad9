import { date, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { premises } from "../common";

// The demo register of the Kuwait Fire Force, read only by its simulated endpoint (app/agencies/kff/).

/** KFF: fire-safety licences. */
export const kffLicences = pgTable(
  "registry_kff_licences",
  {
    licenceNumber: text("licence_number").primaryKey(),
    crNumber: text("cr_number").notNull(),
    ...premises,
    floorAreaM2: integer("floor_area_m2").notNull(),
    hazardClass: text("hazard_class").$type<"low" | "medium" | "high">().notNull(),
    floors: integer("floors").notNull(),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    lastInspectionOn: date("last_inspection_on", { mode: "string" }).notNull(),
  },
  (t) => [index("kff_licence_cr_idx").on(t.crNumber), index("kff_licence_premises_idx").on(t.premisesNumber, t.expiresOn)],
);

/** KFF: inspection slots per governorate, and who booked them. */
export const kffInspectionSlots = pgTable(
  "registry_kff_inspection_slots",
  {
    id: text("id").primaryKey(),
    governorate: text("governorate").notNull(),
    /** Local date and time in Kuwait, as the inspector's day is planned. */
    startsAt: text("starts_at").notNull(),
    capacity: integer("capacity").notNull(),
  },
  (t) => [index("kff_slot_governorate_idx").on(t.governorate, t.startsAt)],
);

export const kffInspectionBookings = pgTable(
  "registry_kff_inspection_bookings",
  {
    slotId: text("slot_id").notNull(),
    /** The portal's application reference: booking again for it moves the booking. */
    applicationReference: text("application_reference").primaryKey(),
  },
  (t) => [index("kff_booking_slot_idx").on(t.slotId)],
);
