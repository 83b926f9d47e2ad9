import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { kffLicences, mociSignatories } from "../../../../db/schema";
import { clerks, type Journey, useJourneys } from "../../../../tests/support/journeys";
import { addCompany, addInspectionSlot } from "../../../../tests/support/registries";

import { addDays, kuwaitToday } from "../../../i18n/dates";
import type { ActionResult } from "../../types";

// The fire-safety licence: the company check, the fee, the officer's review, booking an
// inspection, the inspector's checklist (fail, then pass; or three failures), and the licence
// entered in KFF's register.

const today = kuwaitToday();
const plan = (name: string) => ({ id: `file-${name}`, name: `${name}.pdf`, mime: "application/pdf", size: 120_000 });
const allPass = { extinguishers: "pass", exits: "pass", alarm: "pass", electrical: "pass", electricalNote: "Panel labelled" };
const ctx = useJourneys();
let companies = 0;

/** A signatory of a company with a commercial licence expiring `licenceDays` from today. */
async function signatory(licenceDays = 200) {
  const civilId = await ctx.person();
  const crNumber = `CR-${String(700_000 + ++companies)}`;
  await addCompany(ctx.t.db, {
    crNumber,
    licenceNumber: `CL-2020-${String(companies).padStart(6, "0")}`,
    licenceExpiresOn: addDays(today, licenceDays),
    signatories: [civilId],
    nameAr: "مطعم الاختبار",
    nameEn: "Test Restaurant",
  });
  return { civilId, crNumber };
}

const answersFor = (crNumber: string, extra: Record<string, unknown> = {}) => ({
  crNumber,
  premisesNumber: String(30_000_000 + companies),
  governorate: "hawalli",
  area: "salmiya",
  block: "10",
  street: "14",
  building: "12",
  floor: "ground",
  unitKind: "shop",
  unitNumber: "3",
  floorAreaM2: "250",
  hazardClass: "medium",
  floors: "1",
  floorPlan: plan("floor-plan"),
  ...extra,
});

/** Applies, pays, and has the officer send it for inspection. */
async function throughReview(extra: Record<string, unknown> = {}): Promise<Journey> {
  const { civilId, crNumber } = await signatory();
  const journey = await ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber, extra));
  await ctx.j.pay(journey);
  expect(await ctx.j.decide(journey, "review", clerks.kffOfficer, "forward")).toEqual({ ok: true });
  return journey;
}

/** Books the first slot offered, and checks the inspection is now with the inspector. */
async function book(journey: Journey) {
  const offered = (await ctx.j.application(journey.applicationId)).results.slots as { slots: { id: string }[] };
  expect(await ctx.j.act(journey, "choose-slot", "book", { values: { slot: offered.slots[0]!.id } })).toEqual({ ok: true });
  expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["inspection"]);
  return offered.slots[0]!.id;
}

beforeAll(async () => {
  for (let day = 1; day <= 10; day++) {
    for (const time of ["09:00", "11:00"])
      await addInspectionSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${addDays(today, day)}T${time}`, capacity: 5 });
  }
});

describe("fire-safety licence", () => {
  it("goes from application to a signed licence that KFF's register then holds", async ({ skip }) => {
    const { civilId, crNumber } = await signatory();
    const lookups = await ctx.j.lookups("fire-safety-licence", civilId);
    expect(lookups.companies).toMatchObject({ found: true, companies: [{ crNumber }] });

    const journey = await ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber));
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
    expect(await ctx.j.pay(journey)).toBe(35_000); // KWD 10 + 250 m² × 0.100
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    await ctx.j.decide(journey, "review", clerks.kffOfficer, "forward");
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["choose-slot"]);
    const slot = await book(journey);
    expect(slot).toMatch(/^hawalli-/);

    expect(await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: { extinguishers: "pass" } })).toMatchObject({
      ok: false,
      reason: "invalid-answers",
      problems: { exits: { code: "required" } },
    });
    expect(await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: allPass })).toEqual({ ok: true });

    const application = await ctx.j.application(journey.applicationId);
    expect(application.status).toBe("approved");
    const certificate = await ctx.j.certificate(journey.applicationId);
    expect(certificate.number).toMatch(new RegExp(`^FSL-${today.slice(0, 4)}-\\d{6}$`));
    const [registered] = await ctx.t.db.select().from(kffLicences).where(eq(kffLicences.licenceNumber, certificate.number));
    expect(registered).toMatchObject({
      crNumber,
      premisesNumber: answersFor(crNumber).premisesNumber,
      hazardClass: "medium",
      floorAreaM2: 250,
      lastInspectionOn: today,
      expiresOn: addDays(today, 365),
    });
    const text = await ctx.j.certificateText(certificate.number, skip);
    expect(text).toContain("ترخيص الوقاية من الحريق");
    expect(text).toContain("Medium hazard");
    expect(text).toContain("Test Restaurant");
  });

  it("caps the fee at KWD 500, and asks for an emergency plan for a high-hazard activity", async () => {
    const { civilId, crNumber } = await signatory();
    await expect(ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber, { hazardClass: "high", floorAreaM2: "5000" }))).rejects.toThrow(
      /"emergencyPlan":\{"code":"required"/,
    );
    const journey = await ctx.j.apply(
      "fire-safety-licence",
      civilId,
      answersFor(crNumber, { hazardClass: "high", floorAreaM2: "5000", emergencyPlan: plan("emergency") }),
    );
    expect(await ctx.j.pay(journey)).toBe(500_000);
  });

  it("refuses a company the applicant did not choose from the list", async () => {
    const { civilId } = await signatory();
    const other = await signatory();
    await expect(ctx.j.apply("fire-safety-licence", civilId, answersFor(other.crNumber))).rejects.toThrow(/"crNumber":\{"code":"not-an-option"/);
  });

  it("is rejected when the applicant no longer signs for the company, or its commercial licence has expired", async () => {
    const { civilId, crNumber } = await signatory();
    const lookups = await ctx.j.lookups("fire-safety-licence", civilId);
    await ctx.t.db.delete(mociSignatories).where(eq(mociSignatories.civilId, civilId));
    // The lookup no longer lists the company, so the form refuses it; submitted with the earlier lookup, MOCI refuses it.
    await expect(ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber))).rejects.toThrow(/not-an-option/);
    const submitted = await ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber), { lookups });
    expect((await ctx.j.application(submitted.applicationId)).status).toBe("rejected");
    expect(await ctx.j.reasons(submitted.applicationId, "company-valid")).toEqual(["not-a-signatory"]);

    const expired = await signatory(-10);
    const second = await ctx.j.apply("fire-safety-licence", expired.civilId, answersFor(expired.crNumber));
    expect((await ctx.j.application(second.applicationId)).status).toBe("rejected");
    expect(await ctx.j.reasons(second.applicationId, "company-valid")).toEqual(["commercial-licence-expired"]);
    expect(await ctx.j.openSteps(second.applicationId)).toEqual([]);
  });

  it("returns to the applicant for the plans, and is rejected by the officer with a reason", async () => {
    const { civilId, crNumber } = await signatory();
    const journey = await ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber));
    await ctx.j.pay(journey);
    await ctx.j.decide(journey, "review", clerks.kffOfficer, "return", { comment: "The floor plan does not show the exits." });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["correct"]);
    expect(await ctx.j.act(journey, "correct", "resubmit", { answers: answersFor(crNumber, { floorPlan: plan("floor-plan-v2") }) })).toEqual({ ok: true });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    expect((await ctx.j.application(journey.applicationId)).answers.floorPlan).toMatchObject({ name: "floor-plan-v2.pdf" });
    expect(await ctx.j.decide(journey, "review", clerks.kffOfficer, "reject", { comment: "The premises is in a residential building." })).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("rejected");
  });

  it("fails an inspection, then passes the next one", async () => {
    const journey = await throughReview();
    await book(journey);
    await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: { ...allPass, alarm: "fail", alarmNote: "No alarm panel" } });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["fix"]);
    expect(await ctx.j.reasons(journey.applicationId, "inspected")).toEqual(["failed-alarm"]);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("action-needed");

    await ctx.j.act(journey, "fix", "reinspect");
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["choose-slot"]);
    await book(journey);
    await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: allPass });
    const application = await ctx.j.application(journey.applicationId);
    expect(application.status).toBe("approved");
    expect((application.results.inspection as ActionResult).counts).toEqual({ record: 2 });
  });

  it("rejects the application at the third failed inspection", async () => {
    const journey = await throughReview({ hazardClass: "high", emergencyPlan: plan("emergency") });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await book(journey);
      // Sprinklers are on the checklist of a high-hazard premises.
      expect(await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: allPass })).toMatchObject({
        ok: false,
        problems: { sprinklers: { code: "required" } },
      });
      await ctx.j.decide(journey, "inspection", clerks.kffInspector, "record", { values: { ...allPass, sprinklers: "fail" } });
      if (attempt < 3) await ctx.j.act(journey, "fix", "reinspect");
    }
    expect((await ctx.j.application(journey.applicationId)).status).toBe("rejected");
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual([]);
  });

  it("offers other times when the chosen slot filled up meanwhile", async () => {
    const full = `${addDays(today, 20)}T09:00`;
    await addInspectionSlot(ctx.t.db, { governorate: "jahra", startsAt: full, capacity: 1 });
    await addInspectionSlot(ctx.t.db, { governorate: "jahra", startsAt: `${addDays(today, 21)}T09:00`, capacity: 1 });
    const first = await throughReview({ governorate: "jahra", area: "oyoun" });
    const second = await throughReview({ governorate: "jahra", area: "oyoun" });
    expect(await book(first)).toBe(`jahra-${full.slice(0, 10)}-0900`);
    expect(await ctx.j.act(second, "choose-slot", "book", { values: { slot: `jahra-${full.slice(0, 10)}-0900` } })).toEqual({ ok: true });
    expect(await ctx.j.openSteps(second.applicationId)).toEqual(["choose-slot"]);
    const offered = (await ctx.j.application(second.applicationId)).results.slots as { slots: { id: string }[] };
    expect(offered.slots.map((slot) => slot.id)).toEqual([`jahra-${addDays(today, 21)}-0900`]);
    expect(await ctx.j.act(second, "choose-slot", "withdraw")).toEqual({ ok: true });
    expect((await ctx.j.application(second.applicationId)).status).toBe("withdrawn");
  });

  it("waits while KFF is down, then offers the slots when it is back", async () => {
    const { civilId, crNumber } = await signatory();
    const journey = await ctx.j.apply("fire-safety-licence", civilId, answersFor(crNumber));
    await ctx.j.pay(journey);
    await ctx.j.setAgencyDown("kff", true);
    await ctx.j.decide(journey, "review", clerks.kffOfficer, "forward");
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["slots"]);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("in-progress");
    await ctx.j.setAgencyDown("kff", false);
    await ctx.j.settle();
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["choose-slot"]);
  });
});

describe("the fire force's inspections in the back office", () => {
  it("offers and withdraws slots, and lists the day's booked inspections", async () => {
    const { addSlot, listSlots, removeSlot } = await import("../../../agencies/kff/slots.server");
    const { inspectionsOn } = await import("../../../back-office/inspections.server");
    const day = addDays(today, 1);
    expect(await addSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${day}T06:45`, capacity: 1, today })).toEqual({ ok: true });
    expect(await addSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${day}T06:45`, capacity: 3, today })).toEqual({ ok: false, reason: "exists" });
    expect(await addSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${addDays(today, -1)}T09:00`, capacity: 1, today })).toEqual({
      ok: false,
      reason: "in-the-past",
    });
    expect(await addSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${day}T06:50`, capacity: 1, today })).toEqual({ ok: true });
    const offered = await listSlots(ctx.t.db, "hawalli", today);
    expect(offered.find((slot) => slot.startsAt === `${day}T06:45`)).toMatchObject({ capacity: 1, booked: 0 });

    // The earliest slot is booked by an applicant: it is the inspector's, that day.
    const journey = await throughReview();
    const slotId = await book(journey);
    expect(slotId).toBe(offered.find((slot) => slot.startsAt === `${day}T06:45`)!.id);
    const inspections = await inspectionsOn(ctx.t.db, day);
    expect(inspections.map((row) => row.reference)).toContain(journey.reference);
    expect(inspections.find((row) => row.reference === journey.reference)).toMatchObject({ startsAt: `${day}T06:45`, governorate: "hawalli" });
    expect(await inspectionsOn(ctx.t.db, addDays(today, 2))).not.toContainEqual(expect.objectContaining({ reference: journey.reference }));

    expect(await removeSlot(ctx.t.db, slotId)).toEqual({ ok: false, reason: "booked" });
    const unbooked = (await listSlots(ctx.t.db, "hawalli", today)).find((slot) => slot.startsAt === `${day}T06:50`)!;
    expect(await removeSlot(ctx.t.db, unbooked.id)).toEqual({ ok: true });
    expect(await removeSlot(ctx.t.db, unbooked.id)).toEqual({ ok: false, reason: "not-found" });
  });
});
