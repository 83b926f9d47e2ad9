import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications, stepInstances } from "./applications";
import { timestamptz } from "./common";
import { people } from "./people";

export const paymentStatuses = ["pending", "paid", "declined", "cancelled"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const paymentStatusEnum = pgEnum("payment_status", paymentStatuses);

/**
 * One attempt to pay a payment step through a gateway. A declined or cancelled attempt may be
 * followed by another; at most one attempt of a step is paid.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "restrict" }),
    stepInstanceId: uuid("step_instance_id")
      .notNull()
      .references(() => stepInstances.id, { onDelete: "restrict" }),
    payerPersonId: uuid("payer_person_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    amountFils: integer("amount_fils").notNull(),
    gateway: text("gateway").notNull(),
    status: paymentStatusEnum("status").notNull().default("pending"),
    /** The gateway's own reference for the transaction, once it answered. */
    gatewayReference: text("gateway_reference"),
    /** RCP-2026-000123, given when the payment is confirmed (gap-free). */
    receiptNumber: text("receipt_number").unique(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    index("payments_application_idx").on(t.applicationId, t.createdAt),
    index("payments_payer_idx").on(t.payerPersonId, t.createdAt),
    uniqueIndex("payments_one_paid_per_step").on(t.stepInstanceId).where(sql`${t.status} = 'paid'`),
    check("payments_amount_positive", sql`${t.amountFils} > 0`),
    check("payments_paid_has_receipt", sql`${t.status} <> 'paid' or ${t.receiptNumber} is not null`),
  ],
);

export type Payment = typeof payments.$inferSelect;
