import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, payments, takenPaymentStatuses, type PaymentStatus } from "../../db/schema";

// An agency's reconciliation: what the gateways took for its services, day by day (Kuwait days),
// and every payment taken twice with where its refund stands, so the bank's statements and the
// portal's records can be matched line by line.

export interface ReconciliationDay {
  day: string;
  status: PaymentStatus;
  count: number;
  amountFils: number;
}

/** Payments taken for these services since a moment, summed per Kuwait day and status (payments_completed_idx). */
export async function reconciliationDays(db: Database, serviceIds: string[], since: Date): Promise<ReconciliationDay[]> {
  if (serviceIds.length === 0) return [];
  const day = sql<string>`to_char(${payments.completedAt} at time zone 'Asia/Kuwait', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, status: payments.status, count: sql<number>`count(*)::int`, amountFils: sql<number>`sum(${payments.amountFils})::bigint` })
    .from(payments)
    .innerJoin(applications, eq(applications.id, payments.applicationId))
    .where(and(gte(payments.completedAt, since), inArray(payments.status, [...takenPaymentStatuses]), inArray(applications.serviceId, serviceIds)))
    .groupBy(day, payments.status)
    .orderBy(desc(day));
  return rows.map((row) => ({ ...row, count: Number(row.count), amountFils: Number(row.amountFils) }));
}

/** The payments taken twice for these services since a moment, newest first: each with its refund. */
export function duplicatePayments(db: Database, serviceIds: string[], since: Date, limit = 200) {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: payments.id,
      status: payments.status,
      amountFils: payments.amountFils,
      gateway: payments.gateway,
      gatewayReference: payments.gatewayReference,
      receiptNumber: payments.receiptNumber,
      completedAt: payments.completedAt,
      refundReference: payments.refundReference,
      refundReceiptNumber: payments.refundReceiptNumber,
      refundedAt: payments.refundedAt,
      reference: applications.reference,
      serviceId: applications.serviceId,
    })
    .from(payments)
    .innerJoin(applications, eq(applications.id, payments.applicationId))
    .where(and(gte(payments.completedAt, since), inArray(payments.status, ["duplicate", "refunded"]), inArray(applications.serviceId, serviceIds)))
    .orderBy(desc(payments.completedAt))
    .limit(limit);
}
