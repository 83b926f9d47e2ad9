import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications, stepInstances } from "./applications";
import { timestamptz } from "./common";
import { people } from "./people";

/**
 * `duplicate`: the gateway took the money, but the step had already been paid (two tabs, two
 * kiosks): it is refunded, and then `refunded`. Money taken is never recorded as not taken.
 */
export const paymentStatuses = ["pending", "paid", "declined", "cancelled", "duplicate", "refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const paymentStatusEnum = pgEnum("payment_status", paymentStatuses);
/** Why a payment's money goes back: the fee was paid already (two tabs), or it is no longer due as it was (the application moved on). */
export const refundReasons = ["paid-twice", "not-applicable"] as const;
export type RefundReason = (typeof refundReasons)[number];

/** The statuses of an attempt whose money the gateway took: each has a receipt. */
export const takenPaymentStatuses = ["paid", "duplicate", "refunded"] as const satisfies readonly PaymentStatus[];

/**
 * One attempt to pay a payment step through a gateway. A declined or cancelled attempt may be
 * followed by another; at most one attempt of a step is paid, and any other the gateway took
 * money for is a duplicate, refunded through the gateway.
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
    /** The gateway's reference for the refund of a duplicate, and the refund receipt's number (RFD-2026-000012). */
    refundReason: text("refund_reason").$type<RefundReason>(),
    refundReference: text("refund_reference"),
    refundReceiptNumber: text("refund_receipt_number").unique(),
    refundedAt: timestamptz("refunded_at"),
  },
  (t) => [
    index("payments_application_idx").on(t.applicationId, t.createdAt),
    index("payments_payer_idx").on(t.payerPersonId, t.createdAt),
    uniqueIndex("payments_one_paid_per_step")
      .on(t.stepInstanceId)
      .where(sql`${t.status} = 'paid'`),
    check("payments_amount_positive", sql`${t.amountFils} > 0`),
    check("payments_paid_has_receipt", sql`${t.status}::text not in ('paid', 'duplicate', 'refunded') or ${t.receiptNumber} is not null`),
    check(
      "payments_refunded_has_refund",
      sql`${t.status}::text <> 'refunded' or (${t.refundReference} is not null and ${t.refundReceiptNumber} is not null and ${t.refundedAt} is not null)`,
    ),
    // Reconciliation: what was taken and refunded, day by day (payments of the agency's services).
    index("payments_completed_idx").on(t.completedAt),
  ],
);

export type Payment = typeof payments.$inferSelect;
