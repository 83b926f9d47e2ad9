import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, payments, people, stepInstances, takenPaymentStatuses, type Payment, type RefundReason } from "../../db/schema";
import type { Channel } from "../../db/schema/common";
import { systemActor, type Actor } from "../engine/actor";
import { formatNumber, nextNumber } from "../engine/counters.server";
import { type EngineDeps } from "../engine/run.server";
import { recordPayment } from "../engine/transitions.server";
import { recordEvent } from "../engine/history.server";
import { enqueueJob } from "../jobs/queue.server";
import type { Catalogue } from "../catalogue/registry";
import type { GatewayAnswer, PaymentGateway } from "./gateway.server";
import type { ReceiptDocument } from "./receipt.server";
import { kuwaitToday } from "../i18n/dates";
import { metrics, type PaymentOutcome } from "../ops/metrics.server";

// Paying a payment step: each attempt is a row (pending, then paid, declined or cancelled as the
// gateway answers). The gateway's answer is taken once: a repeated callback finds the attempt no
// longer pending and changes nothing. A paid attempt gets a gap-free receipt number and completes
// the step in the same transaction. A paid answer for a step that another attempt already paid
// (two tabs) is still money taken: it gets its receipt, becomes a duplicate, and a refund job is
// enqueued in the same transaction; the refund comes back with a receipt of its own.

export type StartPaymentResult = { ok: true; payment: Payment } | { ok: false; reason: "nothing-to-pay" };

/** Begins an attempt to pay the applicant's open payment step of this application. */
export async function startPayment(db: Database, input: { applicationId: string; personId: string; gateway: string }): Promise<StartPaymentResult> {
  if (!z.uuid().safeParse(input.applicationId).success) return { ok: false, reason: "nothing-to-pay" };
  return db.transaction(async (tx) => {
    const [step] = await tx
      .select({ id: stepInstances.id, result: stepInstances.result })
      .from(stepInstances)
      .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
      .where(
        and(
          eq(stepInstances.applicationId, input.applicationId),
          eq(applications.applicantPersonId, input.personId),
          eq(stepInstances.kind, "payment"),
          eq(stepInstances.state, "active"),
        ),
      );
    const amountFils = Number(step?.result?.amountFils);
    if (!step || !Number.isSafeInteger(amountFils) || amountFils <= 0) return { ok: false, reason: "nothing-to-pay" } as const;
    const [payment] = await tx
      .insert(payments)
      .values({ applicationId: input.applicationId, stepInstanceId: step.id, payerPersonId: input.personId, amountFils, gateway: input.gateway })
      .returning();
    return { ok: true, payment: payment! } as const;
  });
}

export type CompletePaymentResult =
  | { ok: true; payment: Payment }
  | { ok: false; reason: "unknown-payment" | "wrong-amount"; payment?: Payment }
  /** Taken, but the step was paid already: a duplicate, being refunded. */
  | { ok: false; reason: "duplicate"; payment: Payment };

const yearOf = (now: Date) => Number(kuwaitToday(now).slice(0, 4));

/**
 * Takes the gateway's (signature-checked) answer. Paid: a receipt number, and the payment step
 * completes, all in one transaction; the history names the channel paid on (a kiosk's terminal, or
 * the web). Paid when the step no longer wants it: a duplicate with its receipt, and its refund
 * enqueued. Idempotent: the same answer again returns the payment as it is.
 */
export async function completePayment(db: Database, deps: EngineDeps, answer: GatewayAnswer, channel: Channel = "web"): Promise<CompletePaymentResult> {
  if (!z.uuid().safeParse(answer.paymentId).success) return { ok: false, reason: "unknown-payment" };
  // What this answer settled (none when it repeats one already taken), counted once committed.
  let settled: PaymentOutcome | null = null;
  const result = await db.transaction(async (tx): Promise<CompletePaymentResult> => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, answer.paymentId)).for("update");
    if (!payment) return { ok: false, reason: "unknown-payment" };
    if (payment.status !== "pending")
      return payment.status === "duplicate" || payment.status === "refunded" ? { ok: false, reason: "duplicate", payment } : { ok: true, payment };
    if (payment.amountFils !== answer.amountFils) return { ok: false, reason: "wrong-amount", payment };
    const now = new Date();
    if (answer.outcome !== "paid") {
      const [updated] = await tx
        .update(payments)
        .set({ status: answer.outcome, gatewayReference: answer.gatewayReference, completedAt: now })
        .where(eq(payments.id, payment.id))
        .returning();
      settled = answer.outcome;
      return { ok: true, payment: updated! };
    }
    const actor: Actor = { accountId: null, role: "applicant", personId: payment.payerPersonId, channel };
    const recorded = await recordPayment(tx, deps, {
      stepInstanceId: payment.stepInstanceId,
      amountFils: payment.amountFils,
      reference: answer.gatewayReference,
      actor,
    });
    const receiptNumber = formatNumber("RCP", yearOf(now), await nextNumber(tx, "RCP", yearOf(now)));
    if (!recorded.ok) {
      // The money was taken, but the step does not take it: another attempt paid it already (two
      // tabs), or it no longer wants this amount. On record as taken, and refunded.
      const refundReason: RefundReason = recorded.reason === "already-decided" ? "paid-twice" : "not-applicable";
      const [duplicate] = await tx
        .update(payments)
        .set({ status: "duplicate", refundReason, gatewayReference: answer.gatewayReference, receiptNumber, completedAt: now })
        .where(eq(payments.id, payment.id))
        .returning();
      await recordEvent(
        tx,
        actor,
        {
          applicationId: payment.applicationId,
          stepInstanceId: payment.stepInstanceId,
          action: refundReason === "paid-twice" ? "paid-twice" : "payment-not-applied",
          details: { amountFils: payment.amountFils, receiptNumber },
        },
        now,
      );
      await enqueueJob(tx, "payment.refund", { paymentId: payment.id }, { dedupeKey: `payment.refund:${payment.id}` });
      settled = "duplicate";
      return { ok: false, reason: "duplicate", payment: duplicate! };
    }
    const [updated] = await tx
      .update(payments)
      .set({ status: "paid", gatewayReference: answer.gatewayReference, receiptNumber, completedAt: now })
      .where(eq(payments.id, payment.id))
      .returning();
    settled = "paid";
    return { ok: true, payment: updated! };
  });
  if (settled && result.payment) metrics().payments.inc({ gateway: result.payment.gateway, outcome: settled });
  return result;
}

/**
 * Refunds a duplicate through its gateway (job `payment.refund`): the gateway is asked first
 * (idempotent by payment, so a retry after a crash refunds nothing twice), then the payment
 * becomes refunded with its gateway reference and a gap-free refund receipt number, once.
 */
export async function refundDuplicatePayment(
  db: Database,
  gatewayOf: (gatewayId: string) => PaymentGateway | null,
  paymentId: string,
): Promise<Payment | null> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment || payment.status !== "duplicate") return payment ?? null;
  const gateway = gatewayOf(payment.gateway);
  if (!gateway) throw new Error(`No gateway "${payment.gateway}" to refund payment ${payment.id} through`);
  const { refundReference } = await gateway.refund({ id: payment.id, amountFils: payment.amountFils, gatewayReference: payment.gatewayReference ?? "" });
  const refunded = await db.transaction(async (tx) => {
    const now = new Date();
    const [locked] = await tx.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id)).for("update");
    if (locked?.status !== "duplicate") return null;
    const refundReceiptNumber = formatNumber("RFD", yearOf(now), await nextNumber(tx, "RFD", yearOf(now)));
    const [refunded] = await tx
      .update(payments)
      .set({ status: "refunded", refundReference, refundReceiptNumber, refundedAt: now })
      .where(and(eq(payments.id, payment.id), eq(payments.status, "duplicate")))
      .returning();
    await recordEvent(
      tx,
      systemActor,
      {
        applicationId: payment.applicationId,
        stepInstanceId: payment.stepInstanceId,
        action: "refunded",
        details: { amountFils: payment.amountFils, refundReceiptNumber },
      },
      now,
    );
    return refunded ?? null;
  });
  if (refunded) metrics().payments.inc({ gateway: refunded.gateway, outcome: "refunded" });
  return refunded;
}

/** A payment with what its receipt shows, if this person made it. */
export async function getOwnPayment(db: Database, personId: string, paymentId: string) {
  if (!z.uuid().safeParse(paymentId).success) return null;
  const [row] = await db
    .select({
      payment: payments,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
      stepId: stepInstances.stepId,
      payer: { nameAr: people.nameAr, nameEn: people.nameEn, civilId: people.civilId },
    })
    .from(payments)
    .innerJoin(applications, eq(applications.id, payments.applicationId))
    .innerJoin(stepInstances, eq(stepInstances.id, payments.stepInstanceId))
    .innerJoin(people, eq(people.id, payments.payerPersonId))
    .where(and(eq(payments.id, paymentId), eq(payments.payerPersonId, personId)));
  return row ?? null;
}

type OwnPayment = NonNullable<Awaited<ReturnType<typeof getOwnPayment>>>;

function receiptOf(found: OwnPayment, catalogue: Catalogue): ReceiptDocument {
  const service = catalogue.get(found.serviceId, found.serviceVersion);
  return {
    receiptNumber: found.payment.receiptNumber!,
    amountFils: found.payment.amountFils,
    paidAt: found.payment.completedAt!,
    gatewayReference: found.payment.gatewayReference ?? "",
    applicationReference: found.reference ?? "",
    service: service?.title ?? { ar: found.serviceId, en: found.serviceId },
    payer: found.payer,
  };
}

/** The receipt of a payment this person made, once the gateway took the money: what the receipt PDF shows. */
export async function getOwnReceipt(db: Database, catalogue: Catalogue, personId: string, paymentId: string): Promise<ReceiptDocument | null> {
  const found = await getOwnPayment(db, personId, paymentId);
  if (!found || !(takenPaymentStatuses as readonly string[]).includes(found.payment.status)) return null;
  return receiptOf(found, catalogue);
}

/** The refund receipt of a duplicate payment this person made, once it is refunded. */
export async function getOwnRefundReceipt(db: Database, catalogue: Catalogue, personId: string, paymentId: string): Promise<ReceiptDocument | null> {
  const found = await getOwnPayment(db, personId, paymentId);
  if (found?.payment.status !== "refunded") return null;
  const { refundReceiptNumber, refundedAt, refundReference } = found.payment;
  return { ...receiptOf(found, catalogue), refund: { number: refundReceiptNumber!, refundedAt: refundedAt!, reference: refundReference! } };
}

/** The payments of an application whose money was taken (paid, and any duplicate with its refund), newest first (payments_application_idx). */
export function listPaidPayments(db: Database, applicationId: string) {
  return db
    .select({
      id: payments.id,
      status: payments.status,
      amountFils: payments.amountFils,
      receiptNumber: payments.receiptNumber,
      completedAt: payments.completedAt,
    })
    .from(payments)
    .where(and(eq(payments.applicationId, applicationId), inArray(payments.status, [...takenPaymentStatuses])))
    .orderBy(desc(payments.createdAt));
}
