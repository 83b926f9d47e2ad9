import { bigint, boolean, date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";

// The demo register of the Public Institution for Social Security, read only by its simulated endpoint (app/agencies/pifss/).

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
