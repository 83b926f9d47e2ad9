import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./common";

// The demo registries behind the simulated agency endpoints. Each belongs to one agency and is
// read only by that agency's endpoint (app/agencies/<id>/), never by a service directly.

/** PACI: the civil registry. */
export const paciPeople = pgTable("registry_paci_people", {
  civilId: text("civil_id").primaryKey(),
  nameAr: text("name_ar").notNull(),
  nameEn: text("name_en").notNull(),
  nationality: text("nationality").notNull(),
  birthDate: date("birth_date", { mode: "string" }).notNull(),
  sex: text("sex").$type<"male" | "female">().notNull(),
  governorate: text("governorate").notNull(),
  area: text("area").notNull(),
  block: text("block").notNull(),
  street: text("street").notNull(),
  building: text("building").notNull(),
  phone: text("phone"),
  email: text("email"),
  /** argon2id hash of the civil-ID card PIN (for kiosks). */
  cardPinHash: text("card_pin_hash"),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});

/** MOJ: registered marriage contracts. */
export const mojMarriageContracts = pgTable(
  "registry_moj_marriage_contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contractNumber: text("contract_number").notNull(),
    husbandCivilId: text("husband_civil_id").notNull(),
    wifeCivilId: text("wife_civil_id").notNull(),
    contractDate: date("contract_date", { mode: "string" }).notNull(),
    isFirstMarriageOfHusband: boolean("is_first_marriage_of_husband").notNull(),
  },
  (t) => [uniqueIndex("moj_contract_number").on(t.contractNumber), index("moj_husband_idx").on(t.husbandCivilId)],
);

/** PIFSS: employment and salary. */
export const pifssEmployment = pgTable(
  "registry_pifss_employment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    civilId: text("civil_id").notNull(),
    employerAr: text("employer_ar").notNull(),
    employerEn: text("employer_en").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    monthlySalaryFils: bigint("monthly_salary_fils", { mode: "number" }).notNull(),
    isActive: boolean("is_active").notNull(),
  },
  (t) => [index("pifss_civil_id_idx").on(t.civilId)],
);

/** KCB: social loans and their status. */
export const kcbLoans = pgTable(
  "registry_kcb_loans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    civilId: text("civil_id").notNull(),
    loanType: text("loan_type").notNull(),
    amountFils: bigint("amount_fils", { mode: "number" }).notNull(),
    status: text("status").$type<"active" | "repaid" | "written-off">().notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Set for loans granted through the portal: recording one twice changes nothing. */
    applicationReference: text("application_reference").unique(),
  },
  (t) => [index("kcb_civil_id_idx").on(t.civilId)],
);

/** MOJ: real-estate ownership deeds. */
export const mojPropertyDeeds = pgTable(
  "registry_moj_property_deeds",
  {
    deedNumber: text("deed_number").primaryKey(),
    ownerCivilId: text("owner_civil_id").notNull(),
    governorate: text("governorate").notNull(),
    area: text("area").notNull(),
    block: text("block").notNull(),
    plot: text("plot").notNull(),
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
  },
  (t) => [index("moj_deed_owner_idx").on(t.ownerCivilId)],
);

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

/**
 * Premises are named by their PACI automated address number (الرقم الآلي للعنوان), which is how
 * the fire force and the municipality agree on a place.
 */
const premises = {
  premisesNumber: text("premises_number").notNull(),
  governorate: text("governorate").notNull(),
  area: text("area").notNull(),
  block: text("block").notNull(),
  street: text("street").notNull(),
  building: text("building").notNull(),
  unit: text("unit").notNull(),
};

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
