import { bigint, boolean, date, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [index("kcb_civil_id_idx").on(t.civilId)],
);
