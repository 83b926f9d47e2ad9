import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { simulatedKnet, simulatedTerminal } from "../../app/payments/gateway.server";
import { printReceiptAtKiosk } from "../../app/kiosk/prints.server";
import { enrolKiosk, registerKiosk } from "../../app/kiosk/kiosks.server";
import { completePayment, getOwnPayment, startPayment } from "../../app/payments/payments.server";
import { renderReceiptPdf } from "../../app/payments/receipt.server";
import { applicationEvents, auditEvents, kioskPrints, payments, stepInstances } from "../../db/schema";
import { catalogue } from "../../app/catalogue/services";
import { addDays } from "../../app/catalogue/dates";
import { kuwaitToday } from "../../app/engine/engine.server";
import { ensurePerson } from "../../db/seed/factories";
import { useJourneys } from "../support/journeys";
import { addCompany, addFireLicence } from "../support/registries";

// Paying a fee: an attempt per try, the gateway's signed answer taken once, a receipt number for
// what was paid, and the payment step completed in the same transaction.

const ctx = useJourneys();
const knet = simulatedKnet(Buffer.alloc(32, 1));

const today = kuwaitToday();
let serial = 0;

/** A signatory whose fire licence is due for renewal in 30 days: the renewal waits on its fee. */
async function awaitingPayment() {
  const civilId = await ctx.person();
  serial++;
  const crNumber = `CR-${700_000 + serial}`;
  await addCompany(ctx.t.db, { crNumber, licenceNumber: `CL-2022-${String(serial).padStart(6, "0")}`, licenceExpiresOn: addDays(today, 300), signatories: [civilId] });
  const licenceNumber = `FSL-2025-${String(800 + serial).padStart(6, "0")}`;
  await addFireLicence(ctx.t.db, { licenceNumber, crNumber, premisesNumber: String(41_000_000 + serial), expiresOn: addDays(today, 30), lastInspectionOn: addDays(today, -300), floorAreaM2: 120, hazardClass: "low" });
  const answers = { licenceNumber, unchanged: "confirmed" };
  const journey = await ctx.j.apply("fire-safety-renewal", civilId, answers);
  expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
  return journey;
}

/** Another person the portal knows. */
async function stranger() {
  const civilId = await ctx.person();
  return (await ensurePerson(ctx.t.db, { civilId, nameAr: "شخص آخر", nameEn: "Someone else" })).id;
}

const answerFor = (paymentId: string, amountFils: number, outcome: "paid" | "declined" | "cancelled", ref = `${Date.now()}${Math.floor(Math.random() * 1e6)}`) => {
  const read = knet.readAnswer(new URL(knet.answerUrl({ paymentId, outcome, amountFils, gatewayReference: ref }), "http://x").searchParams);
  return read!;
};

describe("payments", () => {
  it("takes a declined try, then a paid one, once, with a receipt; the step completes", async () => {
    const journey = await awaitingPayment();
    const personId = journey.actor.personId!;
    const first = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!first.ok) throw new Error(first.reason);
    expect(first.payment.amountFils).toBeGreaterThan(0);
    expect(await completePayment(ctx.t.db, { catalogue }, answerFor(first.payment.id, first.payment.amountFils, "declined"))).toMatchObject({ ok: true, payment: { status: "declined", receiptNumber: null } });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);

    const second = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!second.ok) throw new Error(second.reason);
    const paid = answerFor(second.payment.id, second.payment.amountFils, "paid", "111222333444555");
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

  it("refuses an answer for another amount, and a second paid try of a step already paid", async () => {
    const journey = await awaitingPayment();
    const personId = journey.actor.personId!;
    const [a, b] = await Promise.all([
      startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" }),
      startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" }),
    ]);
    if (!a.ok || !b.ok) throw new Error("could not start");
    expect(await completePayment(ctx.t.db, { catalogue }, answerFor(a.payment.id, a.payment.amountFils + 1, "paid"))).toMatchObject({ ok: false, reason: "wrong-amount" });
    const results = await Promise.all([
      completePayment(ctx.t.db, { catalogue }, answerFor(a.payment.id, a.payment.amountFils, "paid")),
      completePayment(ctx.t.db, { catalogue }, answerFor(b.payment.id, b.payment.amountFils, "paid")),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "already-paid")).toHaveLength(1);
    const rows = await ctx.t.db.select().from(payments).where(and(eq(payments.applicationId, journey.applicationId), eq(payments.status, "paid")));
    expect(rows).toHaveLength(1);
    const [step] = await ctx.t.db.select().from(stepInstances).where(and(eq(stepInstances.applicationId, journey.applicationId), eq(stepInstances.stepId, "pay")));
    expect(step!.state).toBe("completed");
    // Someone else cannot start a payment on this application.
    expect(await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId: await stranger(), gateway: "knet" })).toEqual({ ok: false, reason: "nothing-to-pay" });
  });

  it("at a kiosk's card terminal: only the terminal's signed answer, the payment on record as made at a kiosk, and the receipt printed there recorded and audited", async () => {
    const journey = await awaitingPayment();
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

    const { code } = await registerKiosk(ctx.t.db, { name: "Kiosk for receipts", governorate: "jahra", location: "Hall" });
    const { kiosk } = (await enrolKiosk(ctx.t.db, code))!;
    const meta = { requestId: "test", ip: null, userAgent: null, channel: "kiosk" as const };
    const print = (payerId: string) => printReceiptAtKiosk(ctx.t.db, catalogue, { paymentId: started.payment.id, payer: { personId: payerId, nameEn: "Payer" }, kioskId: kiosk.id, meta });
    expect(await print(await stranger())).toEqual({ ok: false, reason: "not-found" });
    const printed = await print(personId);
    if (!printed.ok) throw new Error(printed.reason);
    expect(printed.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(printed.receiptNumber).toBe(done.ok ? done.payment.receiptNumber : "");
    const prints = await ctx.t.db.select().from(kioskPrints).where(eq(kioskPrints.kioskId, kiosk.id));
    expect(prints).toMatchObject([{ document: printed.receiptNumber, personId }]);
    const [audited] = await ctx.t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "receipt.printed"), eq(auditEvents.subjectId, started.payment.id)));
    expect(audited?.details).toMatchObject({ receiptNumber: printed.receiptNumber, kioskId: kiosk.id, copyId: prints[0]!.copyId });
  });
});
