import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, payments, people, stepInstances, type Payment } from "../../db/schema";
import type { Channel } from "../../db/schema/common";
import type { Actor } from "../engine/actor";
import { formatNumber, nextNumber } from "../engine/counters.server";
import { kuwaitToday, recordPayment, type EngineDeps } from "../engine/engine.server";
import type { Catalogue } from "../catalogue/registry";
import type { GatewayAnswer } from "./gateway.server";
import type { ReceiptDocument } from "./receipt.server";

// Paying a payment step: each attempt is a row (pending, then paid, declined or cancelled as the
// gateway answers). The gateway's answer is taken once: a repeated callback finds the attempt no
// longer pending and changes nothing. A paid attempt gets a gap-free receipt number and completes
// the step in the same transaction.

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
  | { ok: false; reason: "unknown-payment" | "wrong-amount" | "already-paid"; payment?: Payment };

/**
 * Takes the gateway's (signature-checked) answer. Paid: a receipt number, and the payment step
 * completes, all in one transaction; the history names the channel paid on (a kiosk's terminal, or
 * the web). Idempotent: the same answer again returns the payment as it is.
 */
export async function completePayment(db: Database, deps: EngineDeps, answer: GatewayAnswer, channel: Channel = "web"): Promise<CompletePaymentResult> {
  if (!z.uuid().safeParse(answer.paymentId).success) return { ok: false, reason: "unknown-payment" };
  return db.transaction(async (tx): Promise<CompletePaymentResult> => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, answer.paymentId)).for("update");
    if (!payment) return { ok: false, reason: "unknown-payment" };
    if (payment.status !== "pending") return { ok: true, payment };
    if (payment.amountFils !== answer.amountFils) return { ok: false, reason: "wrong-amount", payment };
    const now = new Date();
    if (answer.outcome !== "paid") {
      const [updated] = await tx
        .update(payments)
        .set({ status: answer.outcome, gatewayReference: answer.gatewayReference, completedAt: now })
        .where(eq(payments.id, payment.id))
        .returning();
      return { ok: true, payment: updated! };
    }
    const actor: Actor = { accountId: null, role: "applicant", personId: payment.payerPersonId, channel };
    const recorded = await recordPayment(tx, deps, { stepInstanceId: payment.stepInstanceId, amountFils: payment.amountFils, reference: answer.gatewayReference, actor });
    if (!recorded.ok) {
      // Paid twice (two tabs): the step was paid by the other attempt; this one is not taken.
      const [updated] = await tx
        .update(payments)
        .set({ status: "cancelled", gatewayReference: answer.gatewayReference, completedAt: now })
        .where(eq(payments.id, payment.id))
        .returning();
      return { ok: false, reason: "already-paid", payment: updated! };
    }
    const year = Number(kuwaitToday(now).slice(0, 4));
    const receiptNumber = formatNumber("RCP", year, await nextNumber(tx, "RCP", year));
    const [updated] = await tx
      .update(payments)
      .set({ status: "paid", gatewayReference: answer.gatewayReference, receiptNumber, completedAt: now })
      .where(eq(payments.id, payment.id))
      .returning();
    return { ok: true, payment: updated! };
  });
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

/** The receipt of a payment this person made, once it is paid: what the receipt PDF shows. */
export async function getOwnReceipt(db: Database, catalogue: Catalogue, personId: string, paymentId: string): Promise<ReceiptDocument | null> {
  const found = await getOwnPayment(db, personId, paymentId);
  if (!found || found.payment.status !== "paid") return null;
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

/** The paid payments of an application, newest first (payments_application_idx). */
export function listPaidPayments(db: Database, applicationId: string) {
  return db
    .select({ id: payments.id, amountFils: payments.amountFils, receiptNumber: payments.receiptNumber, completedAt: payments.completedAt })
    .from(payments)
    .where(and(eq(payments.applicationId, applicationId), eq(payments.status, "paid")))
    .orderBy(desc(payments.createdAt));
}
