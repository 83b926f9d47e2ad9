import { bigint, date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";

// The demo register of the Kuwait Credit Bank, read only by its simulated endpoint (app/agencies/kcb/).

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
