import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { simulatedKnet, simulatedTerminal } from "../../app/payments/gateway.server";
import { printReceiptAtKiosk } from "../../app/kiosk/prints.server";
import { enrolKiosk, registerKiosk } from "../../app/kiosk/kiosks.server";
import { completePayment, getOwnPayment, refundDuplicatePayment, startPayment } from "../../app/payments/payments.server";
import { renderReceiptPdf } from "../../app/payments/receipt.server";
import { duplicatePayments, reconciliationDays } from "../../app/payments/reconciliation.server";
import { applicationEvents, auditEvents, kioskPrints, payments, stepInstances } from "../../db/schema";
import { catalogue } from "../../app/catalogue/services";

import { ensurePerson } from "../../db/seed/factories";
import { awaitingFireRenewalFee, knetAnswer, useJourneys } from "../support/journeys";

// Paying a fee: an attempt per try, the gateway's signed answer taken once, a receipt number for
// what was paid, and the payment step completed in the same transaction.

const ctx = useJourneys();
const knet = simulatedKnet(Buffer.alloc(32, 1));

/** Another person the portal knows. */
async function stranger() {
  const civilId = await ctx.person();
  return (await ensurePerson(ctx.t.db, { civilId, nameAr: "شخص آخر", nameEn: "Someone else" })).id;
}

describe("payments", () => {
  it("takes a declined try, then a paid one, once, with a receipt; the step completes", async () => {
    const journey = await awaitingFireRenewalFee(ctx);
    const personId = journey.actor.personId!;
    const first = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!first.ok) throw new Error(first.reason);
    expect(first.payment.amountFils).toBeGreaterThan(0);
    expect(await completePayment(ctx.t.db, { catalogue }, knetAnswer(first.payment.id, first.payment.amountFils, "declined"))).toMatchObject({
      ok: true,
      payment: { status: "declined", receiptNumber: null },
    });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);

    const second = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!second.ok) throw new Error(second.reason);
    const paid = knetAnswer(second.payment.id, second.payment.amountFils, "paid", "111222333444555");
    const done = await completePayment(ctx.t.db, { catalogue }, paid);
    expect(done).toMatchObject({ ok: true, payment: { status: "paid", gatewayReference: "111222333444555" } });
    const receipt = done.ok ? done.payment.receiptNumber : null;
    expect(receipt).toMatch(/^RCP-\d{4}-\d{6}$/);
    // The same answer again (a reload of the return page, a replay): nothing changes.
    expect(await completePayment(ctx.t.db, { catalogue }, paid)).toMatchObject({ ok: true, payment: { status: "paid", receiptNumber: receipt } });
    expect(await completePayment(ctx.t.db, { catalogue }, { ...paid, outcome: "declined" })).toMatchObject({ ok: true, payment: { status: "paid" } });
    await ctx.j.settle();
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    expect(await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" })).toEqual({ ok: false, reason: "nothing-to-pay" });

    // The receipt is the payer's only, and renders.
    const own = await getOwnPayment(ctx.t.db, personId, second.payment.id);
    expect(own?.payment.receiptNumber).toBe(receipt);
    expect(await getOwnPayment(ctx.t.db, await stranger(), second.payment.id)).toBeNull();
    const pdf = await renderReceiptPdf({
      receiptNumber: receipt!,
      amountFils: own!.payment.amountFils,
      paidAt: own!.payment.completedAt!,
      gatewayReference: own!.payment.gatewayReference!,
      applicationReference: own!.reference!,
      service: catalogue.get("fire-safety-renewal")!.title,
      payer: own!.payer,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses an answer for another amount", async () => {
    const journey = await awaitingFireRenewalFee(ctx);
    const started = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId: journey.actor.personId!, gateway: "knet" });
    if (!started.ok) throw new Error(started.reason);
    expect(await completePayment(ctx.t.db, { catalogue }, knetAnswer(started.payment.id, started.payment.amountFils + 1, "paid"))).toMatchObject({
      ok: false,
      reason: "wrong-amount",
    });
    expect((await getOwnPayment(ctx.t.db, journey.actor.personId!, started.payment.id))?.payment.status).toBe("pending");
    // Someone else cannot start a payment on this application.
    expect(await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId: await stranger(), gateway: "knet" })).toEqual({
      ok: false,
      reason: "nothing-to-pay",
    });
  });

  it("never swallows a second payment: of 10 fees each paid twice at once, every paid answer is on record, the extra one refunded with its receipt", async () => {
    for (let race = 0; race < 10; race++) {
      const journey = await awaitingFireRenewalFee(ctx);
      const personId = journey.actor.personId!;
      // Two tabs: two attempts at the one fee, both paid at the bank, answered at the same moment.
      const [a, b] = await Promise.all([
        startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" }),
        startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" }),
      ]);
      if (!a.ok || !b.ok) throw new Error("could not start");
      const results = await Promise.all(
        [a, b].map((started) => completePayment(ctx.t.db, { catalogue }, knetAnswer(started.payment.id, started.payment.amountFils, "paid"))),
      );
      expect(results.filter((result) => result.ok).map((result) => result.payment?.status)).toEqual(["paid"]);
      const duplicate = results.find((result) => !result.ok);
      expect(duplicate).toMatchObject({
        ok: false,
        reason: "duplicate",
        payment: { status: "duplicate", refundReason: "paid-twice", receiptNumber: expect.stringMatching(/^RCP-\d{4}-\d{6}$/) },
      });

      // The refund runs as a job, through the gateway, once; the payer has a refund receipt.
      await ctx.j.settle();
      const rows = await ctx.t.db.select().from(payments).where(eq(payments.applicationId, journey.applicationId));
      expect(rows.map((row) => row.status).sort()).toEqual(["paid", "refunded"]);
      const refunded = rows.find((row) => row.status === "refunded")!;
      expect(refunded).toMatchObject({
        refundReference: expect.stringMatching(/^R\d{14}$/),
        refundReceiptNumber: expect.stringMatching(/^RFD-\d{4}-\d{6}$/),
        amountFils: a.payment.amountFils,
      });
      expect(refunded.receiptNumber).not.toBe(rows.find((row) => row.status === "paid")!.receiptNumber);
      const [step] = await ctx.t.db
        .select()
        .from(stepInstances)
        .where(and(eq(stepInstances.applicationId, journey.applicationId), eq(stepInstances.stepId, "pay")));
      expect(step!.state).toBe("completed");
      // The history says so, in the payer's words.
      const events = await ctx.t.db
        .select({ action: applicationEvents.action })
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, journey.applicationId));
      expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["paid", "paid-twice", "refunded"]));
      // A retried refund job, or the same answer again, changes nothing.
      expect((await refundDuplicatePayment(ctx.t.db, ctx.j.h.deps.paymentGateway, refunded.id))?.refundReceiptNumber).toBe(refunded.refundReceiptNumber);
      expect(await completePayment(ctx.t.db, { catalogue }, knetAnswer(refunded.id, refunded.amountFils, "paid"))).toMatchObject({
        ok: false,
        reason: "duplicate",
        payment: { status: "refunded" },
      });
    }
    // The fire force's reconciliation lists all ten, refunded, beside the fees they doubled.
    const since = new Date(Date.now() - 3600_000);
    const days = await reconciliationDays(ctx.t.db, ["fire-safety-renewal"], since);
    expect(days.find((day) => day.status === "refunded")?.count).toBe(10);
    expect(days.find((day) => day.status === "paid")!.count).toBeGreaterThanOrEqual(10);
    const twice = await duplicatePayments(ctx.t.db, ["fire-safety-renewal"], since);
    expect(twice).toHaveLength(10);
    expect(twice.every((row) => row.status === "refunded" && row.refundReceiptNumber)).toBe(true);
    expect(await duplicatePayments(ctx.t.db, ["social-loan"], since)).toEqual([]);
  });

  it("refunds money taken for a fee no longer due as it was, and says so, while the fee stays due", async () => {
    const journey = await awaitingFireRenewalFee(ctx);
    const started = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId: journey.actor.personId!, gateway: "knet" });
    if (!started.ok) throw new Error(started.reason);
    // Meanwhile the fee changed (the application moved on): the payment's amount is not the step's.
    const [step] = await ctx.t.db.select().from(stepInstances).where(eq(stepInstances.id, started.payment.stepInstanceId));
    await ctx.t.db
      .update(stepInstances)
      .set({ result: { ...step!.result, amountFils: started.payment.amountFils + 1000 } })
      .where(eq(stepInstances.id, step!.id));
    const answered = await completePayment(ctx.t.db, { catalogue }, knetAnswer(started.payment.id, started.payment.amountFils, "paid"));
    expect(answered).toMatchObject({ ok: false, reason: "duplicate", payment: { status: "duplicate", refundReason: "not-applicable" } });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
    const events = await ctx.t.db
      .select({ action: applicationEvents.action })
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, journey.applicationId));
    expect(events.map((event) => event.action)).toContain("payment-not-applied");
    expect(events.map((event) => event.action)).not.toContain("paid-twice");
    await ctx.j.settle();
    expect((await getOwnPayment(ctx.t.db, journey.actor.personId!, started.payment.id))?.payment).toMatchObject({
      status: "refunded",
      refundReceiptNumber: expect.stringMatching(/^RFD-/),
    });
  });

  it("at a kiosk's card terminal: only the terminal's signed answer, the payment on record as made at a kiosk, and the receipt printed there recorded and audited", async () => {
    const journey = await awaitingFireRenewalFee(ctx);
    const personId = journey.actor.personId!;
    const terminal = simulatedTerminal(Buffer.alloc(32, 1));
    const started = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: terminal.id });
    if (!started.ok) throw new Error(started.reason);
    expect(new URL(terminal.checkoutUrl(started.payment), "http://x").pathname).toBe(`/kiosk/terminal/${started.payment.id}`);
    const answer = { paymentId: started.payment.id, outcome: "paid" as const, amountFils: started.payment.amountFils, gatewayReference: "900800700600500" };
    const url = new URL(terminal.answerUrl(answer), "http://x");
    expect(url.pathname).toBe("/kiosk/payments/callback");
    // The same key, another gateway: KNET's callback does not take the terminal's answer, nor the other way round.
    expect(knet.readAnswer(url.searchParams)).toBeNull();
    expect(terminal.readAnswer(new URL(knet.answerUrl(answer), "http://x").searchParams)).toBeNull();
    const done = await completePayment(ctx.t.db, { catalogue }, terminal.readAnswer(url.searchParams)!, "kiosk");
    expect(done).toMatchObject({ ok: true, payment: { status: "paid", gateway: "terminal" } });
    const [paidEvent] = await ctx.t.db
      .select({ channel: applicationEvents.channel })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, journey.applicationId), eq(applicationEvents.action, "paid")));
    expect(paidEvent?.channel).toBe("kiosk");

    const { code } = await registerKiosk(ctx.t.db, {
      nameAr: "Kiosk for receipts",
      nameEn: "Kiosk for receipts",
      governorate: "jahra",
      locationAr: "Hall",
      locationEn: "Hall",
    });
    const { kiosk } = (await enrolKiosk(ctx.t.db, code))!;
    const meta = { requestId: "test", ip: null, userAgent: null, channel: "kiosk" as const };
    const print = (payerId: string) =>
      printReceiptAtKiosk(ctx.t.db, catalogue, {
        paymentId: started.payment.id,
        payer: { personId: payerId, nameAr: "الدافع", nameEn: "Payer" },
        kioskId: kiosk.id,
        meta,
      });
    expect(await print(await stranger())).toEqual({ ok: false, reason: "not-found" });
    const printed = await print(personId);
    if (!printed.ok) throw new Error(printed.reason);
    expect(printed.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(printed.receiptNumber).toBe(done.ok ? done.payment.receiptNumber : "");
    const prints = await ctx.t.db.select().from(kioskPrints).where(eq(kioskPrints.kioskId, kiosk.id));
    expect(prints).toMatchObject([{ document: printed.receiptNumber, personId }]);
    const [audited] = await ctx.t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "receipt.printed"), eq(auditEvents.subjectId, started.payment.id)));
    expect(audited?.details).toMatchObject({ receiptNumber: printed.receiptNumber, kioskId: kiosk.id, copyId: prints[0]!.copyId });
  });
});
