import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { kmLicences, kmViolations, stepInstances } from "../../../../db/schema";
import { clerks, useJourneys } from "../../../../tests/support/journeys";
import { addCompany, addFireLicence, addInspectionSlot, addMunicipalLicence, addViolation } from "../../../../tests/support/registries";

import { addDays, addYears, monthsStartedSince, kuwaitToday } from "../../../i18n/dates";

// Municipal licence renewal: straight through when the fire-safety and commercial licences are
// valid and nothing is unpaid; otherwise the licensing clerk decides. A fire-safety licence the
// portal has just issued counts at once.

const today = kuwaitToday();
const ctx = useJourneys();
let serial = 0;

interface Shop {
  civilId: string;
  crNumber: string;
  premisesNumber: string;
  licenceNumber: string;
  expiresOn: string;
}

/** A signatory whose company holds a municipal licence, with a fire licence on the premises unless told. */
async function shop(
  options: { expiresIn?: number; kind?: "shop" | "sign"; signAreaM2?: number; hasFireLicence?: boolean; companyLicenceDays?: number } = {},
): Promise<Shop> {
  const civilId = await ctx.person();
  serial++;
  const crNumber = `CR-${800_000 + serial}`;
  const premisesNumber = String(50_000_000 + serial);
  await addCompany(ctx.t.db, {
    crNumber,
    licenceNumber: `CL-2022-${String(serial).padStart(6, "0")}`,
    licenceExpiresOn: addDays(today, options.companyLicenceDays ?? 300),
    signatories: [civilId],
  });
  if (options.hasFireLicence ?? true)
    await addFireLicence(ctx.t.db, {
      licenceNumber: `FSL-2025-${String(800 + serial).padStart(6, "0")}`,
      crNumber,
      premisesNumber,
      expiresOn: addDays(today, 200),
    });
  const kind = options.kind ?? "shop";
  const licenceNumber = `${kind === "shop" ? "ML" : "AD"}-2024-${String(serial).padStart(6, "0")}`;
  const expiresOn = addDays(today, options.expiresIn ?? 20);
  await addMunicipalLicence(ctx.t.db, {
    licenceNumber,
    kind,
    crNumber,
    premisesNumber,
    expiresOn,
    signAreaM2: kind === "sign" ? (options.signAreaM2 ?? 6) : null,
  });
  return { civilId, crNumber, premisesNumber, licenceNumber, expiresOn };
}

const registered = async (licenceNumber: string) => (await ctx.t.db.select().from(kmLicences).where(eq(kmLicences.licenceNumber, licenceNumber)))[0]!;

describe("municipal licence renewal", () => {
  it("renews a shop licence straight through for two years, and enters it in KM's register", async ({ skip }) => {
    const s = await shop();
    await addViolation(ctx.t.db, { licenceNumber: s.licenceNumber, isPaid: true });
    const lookups = await ctx.j.lookups("municipal-licence-renewal", s.civilId);
    expect(lookups.licences).toMatchObject({ found: true, licences: [{ licenceNumber: s.licenceNumber, kind: "shop" }] });

    const journey = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "2" });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
    expect(await ctx.j.pay(journey)).toBe(40_000);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    const certificate = await ctx.j.certificate(journey.applicationId);
    expect(certificate.number).toMatch(new RegExp(`^MLR-${today.slice(0, 4)}-\\d{6}$`));
    expect(kuwaitToday(certificate.expiresAt!)).toBe(addYears(s.expiresOn, 2));
    expect((await registered(s.licenceNumber)).expiresOn).toBe(addYears(s.expiresOn, 2));
    const text = await ctx.j.certificateText(certificate.number, skip);
    expect(text).toContain(s.licenceNumber);
    expect(text).toContain("KWD 40.000");
  });

  it("charges a sign by its area, plus the late fee for each month begun since it expired", async () => {
    const s = await shop({ kind: "sign", signAreaM2: 6, expiresIn: -90 });
    const journey = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "1", signAreaM2: "6" });
    const months = monthsStartedSince(s.expiresOn, today);
    expect(months).toBeGreaterThanOrEqual(3);
    expect(await ctx.j.pay(journey)).toBe(5_000 * 6 + 10_000 * months);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    expect((await registered(s.licenceNumber)).expiresOn).toBe(addYears(today, 1));
  });

  it("sends a licence with an unpaid violation to the clerk, who returns it; once paid and resubmitted it renews without a second fee", async () => {
    const s = await shop({ expiresIn: 45 });
    await addViolation(ctx.t.db, { licenceNumber: s.licenceNumber, isPaid: false });
    const journey = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "1" });
    expect(await ctx.j.pay(journey)).toBe(20_000);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    expect(await ctx.j.reasons(journey.applicationId, "route")).toEqual(["unpaid-violations"]);

    expect(await ctx.j.decide(journey, "review", clerks.kmClerk, "return", { comment: "Pay the KWD 100 pavement fine first." })).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("action-needed");
    await ctx.t.db.update(kmViolations).set({ isPaid: true }).where(eq(kmViolations.licenceNumber, s.licenceNumber));
    expect(await ctx.j.act(journey, "correct", "resubmit", { answers: { licence: s.licenceNumber, years: "1" } })).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    const payments = await ctx.t.db.select().from(stepInstances).where(eq(stepInstances.applicationId, journey.applicationId));
    expect(payments.filter((step) => step.kind === "payment")).toHaveLength(1);
  });

  it("counts a fire-safety licence the portal has just issued for the premises, at once", async () => {
    const s = await shop({ hasFireLicence: false, expiresIn: 35 });
    const before = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "1" });
    await ctx.j.pay(before);
    expect(await ctx.j.reasons(before.applicationId, "route")).toEqual(["no-valid-fire-licence"]);
    expect(await ctx.j.decide(before, "review", clerks.kmClerk, "reject", { comment: "The premises has no fire-safety licence." })).toEqual({ ok: true });

    // The signatory gets the fire-safety licence for the same premises through the portal ...
    await addInspectionSlot(ctx.t.db, { governorate: "hawalli", startsAt: `${addDays(today, 2)}T09:00` });
    const fire = await ctx.j.apply("fire-safety-licence", s.civilId, {
      crNumber: s.crNumber,
      premisesNumber: s.premisesNumber,
      governorate: "hawalli",
      area: "hawalli",
      block: "3",
      street: "7",
      building: "14",
      floor: "ground",
      unitKind: "shop",
      unitNumber: "1",
      floorAreaM2: "90",
      hazardClass: "low",
      floors: "1",
      floorPlan: { id: "f1", name: "plan.pdf", mime: "application/pdf", size: 1000 },
    });
    await ctx.j.pay(fire);
    await ctx.j.decide(fire, "review", clerks.kffOfficer, "forward");
    const slots = (await ctx.j.application(fire.applicationId)).results.slots as { slots: { id: string }[] };
    await ctx.j.act(fire, "choose-slot", "book", { values: { slot: slots.slots[0]!.id } });
    await ctx.j.decide(fire, "inspection", clerks.kffInspector, "record", {
      values: { extinguishers: "pass", exits: "pass", alarm: "pass", electrical: "pass" },
    });
    expect((await ctx.j.application(fire.applicationId)).status).toBe("approved");

    // ... and the municipal renewal now goes straight through.
    const after = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "1" });
    await ctx.j.pay(after);
    expect(await ctx.j.reasons(after.applicationId, "route")).toEqual([]);
    expect((await ctx.j.application(after.applicationId)).status).toBe("approved");
    const found = (await ctx.j.application(after.applicationId)).results.fire as { licences: { licenceNumber: string }[] };
    expect(found.licences.map((l) => l.licenceNumber)).toEqual([(await ctx.j.certificate(fire.applicationId)).number]);
  });

  it("sends an expired commercial licence or a different sign area to the clerk, who may approve", async () => {
    const lapsed = await shop({ companyLicenceDays: -3 });
    const first = await ctx.j.apply("municipal-licence-renewal", lapsed.civilId, { licence: lapsed.licenceNumber, years: "1" });
    await ctx.j.pay(first);
    expect(await ctx.j.reasons(first.applicationId, "route")).toEqual(["commercial-licence-expired"]);

    const sign = await shop({ kind: "sign", signAreaM2: 4 });
    const second = await ctx.j.apply("municipal-licence-renewal", sign.civilId, { licence: sign.licenceNumber, years: "3", signAreaM2: "9" });
    expect(await ctx.j.pay(second)).toBe(5_000 * 4 * 3);
    expect(await ctx.j.reasons(second.applicationId, "route")).toEqual(["sign-area-differs"]);
    expect(await ctx.j.decide(second, "review", clerks.kmClerk, "approve")).toEqual({ ok: true });
    expect((await ctx.j.application(second.applicationId)).status).toBe("approved");
    expect((await registered(sign.licenceNumber)).expiresOn).toBe(addYears(sign.expiresOn, 3));
  });

  it("takes a typed licence number, and refuses one that is unknown or belongs to another company", async () => {
    const mine = await shop();
    const typed = await ctx.j.apply("municipal-licence-renewal", mine.civilId, {
      licence: "other",
      otherLicenceNumber: mine.licenceNumber.toLowerCase(),
      years: "1",
    });
    expect(await ctx.j.openSteps(typed.applicationId)).toEqual(["pay"]);

    await expect(ctx.j.apply("municipal-licence-renewal", mine.civilId, { licence: "other", otherLicenceNumber: "12345", years: "1" })).rejects.toThrow(
      /"otherLicenceNumber":\{"code":"pattern"/,
    );
    const unknown = await ctx.j.apply("municipal-licence-renewal", mine.civilId, { licence: "other", otherLicenceNumber: "ML-2024-999999", years: "1" });
    expect(await ctx.j.reasons(unknown.applicationId, "precheck")).toEqual(["licence-not-found"]);
    const theirs = await shop();
    const other = await ctx.j.apply("municipal-licence-renewal", mine.civilId, { licence: "other", otherLicenceNumber: theirs.licenceNumber, years: "1" });
    expect((await ctx.j.application(other.applicationId)).status).toBe("rejected");
    expect(await ctx.j.reasons(other.applicationId, "precheck")).toEqual(["not-a-signatory"]);
  });

  it("waits while KFF is down, then renews when it is back", async () => {
    const s = await shop();
    await ctx.j.setAgencyDown("kff", true);
    const journey = await ctx.j.apply("municipal-licence-renewal", s.civilId, { licence: s.licenceNumber, years: "1" });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["checks", "fire"]);
    await ctx.j.setAgencyDown("kff", false);
    await ctx.j.settle();
    await ctx.j.pay(journey);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
  });
});
