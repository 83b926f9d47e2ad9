import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { kffLicences, mociSignatories } from "../../../../db/schema";
import { clerks, useJourneys } from "../../../../tests/support/journeys";
import { addCompany, addFireLicence } from "../../../../tests/support/registries";

import { addDays, addYears, kuwaitToday } from "../../../i18n/dates";

// Renewal of a fire-safety licence: straight through when every check passes, otherwise the
// prevention officer decides; the new expiry runs a year on and is entered in KFF's register.

const today = kuwaitToday();
const ctx = useJourneys();
let serial = 0;

/** A signatory whose company (commercial licence valid unless told) holds a fire licence. */
async function holder(licence: { expiresIn: number; inspectedDaysAgo?: number; companyLicenceDays?: number }) {
  const civilId = await ctx.person();
  serial++;
  const crNumber = `CR-${600_000 + serial}`;
  await addCompany(ctx.t.db, {
    crNumber,
    licenceNumber: `CL-2021-${String(serial).padStart(6, "0")}`,
    licenceExpiresOn: addDays(today, licence.companyLicenceDays ?? 300),
    signatories: [civilId],
  });
  const licenceNumber = `FSL-2025-${String(500 + serial).padStart(6, "0")}`;
  const expiresOn = addDays(today, licence.expiresIn);
  await addFireLicence(ctx.t.db, {
    licenceNumber,
    crNumber,
    premisesNumber: String(40_000_000 + serial),
    expiresOn,
    lastInspectionOn: addDays(today, -(licence.inspectedDaysAgo ?? 300)),
    floorAreaM2: 120,
    hazardClass: "low",
  });
  return { civilId, crNumber, licenceNumber, expiresOn, answers: { licenceNumber, unchanged: "confirmed" } };
}

const registered = async (licenceNumber: string) => (await ctx.t.db.select().from(kffLicences).where(eq(kffLicences.licenceNumber, licenceNumber)))[0]!;

describe("fire-safety licence renewal", () => {
  it("renews straight through at a kiosk: half the fee, a year on from the old expiry, entered in KFF's register", async ({ skip }) => {
    const { civilId, licenceNumber, expiresOn, answers } = await holder({ expiresIn: 30 });
    const lookups = await ctx.j.lookups("fire-safety-renewal", civilId);
    expect(lookups.licences).toMatchObject({ found: true, licences: [{ licenceNumber }] });
    await expect(ctx.j.apply("fire-safety-renewal", civilId, { licenceNumber })).rejects.toThrow(/"unchanged":\{"code":"required"/);

    const journey = await ctx.j.apply("fire-safety-renewal", civilId, answers, { channel: "kiosk" });
    expect((await ctx.j.application(journey.applicationId)).channel).toBe("kiosk");
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
    expect(await ctx.j.pay(journey)).toBe(8_000); // half of KWD 10 + 120 m² × 0.050
    const application = await ctx.j.application(journey.applicationId);
    expect(application.status).toBe("approved");
    expect(await ctx.j.reasons(journey.applicationId, "route")).toEqual([]);

    const certificate = await ctx.j.certificate(journey.applicationId);
    expect(certificate.number).toMatch(new RegExp(`^FSR-${today.slice(0, 4)}-\\d{6}$`));
    expect(kuwaitToday(certificate.expiresAt!)).toBe(addYears(expiresOn, 1));
    expect((await registered(licenceNumber)).expiresOn).toBe(addYears(expiresOn, 1));
    const text = await ctx.j.certificateText(certificate.number, skip);
    expect(text).toContain(licenceNumber);
  });

  it("goes to the prevention officer when the licence expired over a year ago and the last inspection is over two years old", async () => {
    const { civilId, licenceNumber, answers } = await holder({ expiresIn: -420, inspectedDaysAgo: 800 });
    const journey = await ctx.j.apply("fire-safety-renewal", civilId, answers);
    await ctx.j.pay(journey);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    expect(await ctx.j.reasons(journey.applicationId, "route")).toEqual(["expired-over-a-year", "inspection-over-two-years"]);
    expect(await ctx.j.decide(journey, "review", clerks.kffOfficer, "approve")).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    expect((await registered(licenceNumber)).expiresOn).toBe(addYears(today, 1)); // a year on from today, the old expiry having passed
  });

  it("goes to the officer when it is too early or the commercial licence has expired, and the officer may refuse", async () => {
    const early = await holder({ expiresIn: 200 });
    const first = await ctx.j.apply("fire-safety-renewal", early.civilId, early.answers);
    await ctx.j.pay(first);
    expect(await ctx.j.reasons(first.applicationId, "route")).toEqual(["too-early"]);
    expect(await ctx.j.decide(first, "review", clerks.kffOfficer, "reject")).toEqual({ ok: false, reason: "comment-required" });
    expect(await ctx.j.decide(first, "review", clerks.kffOfficer, "reject", { comment: "Renew within 60 days of the expiry." })).toEqual({ ok: true });
    expect((await ctx.j.application(first.applicationId)).status).toBe("rejected");
    expect((await registered(early.licenceNumber)).expiresOn).toBe(early.expiresOn);

    const lapsed = await holder({ expiresIn: 10, companyLicenceDays: -5 });
    const second = await ctx.j.apply("fire-safety-renewal", lapsed.civilId, lapsed.answers);
    await ctx.j.pay(second);
    expect(await ctx.j.reasons(second.applicationId, "route")).toEqual(["commercial-licence-expired"]);
  });

  it("is refused before any fee when the applicant no longer signs for the licence holder", async () => {
    const { civilId, answers } = await holder({ expiresIn: 30 });
    const lookups = await ctx.j.lookups("fire-safety-renewal", civilId);
    await ctx.t.db.delete(mociSignatories).where(eq(mociSignatories.civilId, civilId));
    const journey = await ctx.j.apply("fire-safety-renewal", civilId, answers, { lookups });
    const application = await ctx.j.application(journey.applicationId);
    expect(application.status).toBe("rejected");
    expect(await ctx.j.reasons(journey.applicationId, "precheck")).toEqual(["not-a-signatory"]);
    expect(application.results.pay).toBeUndefined();
  });

  it("waits while MOCI is down, then renews when it is back", async () => {
    const { civilId, answers } = await holder({ expiresIn: 20 });
    const lookups = await ctx.j.lookups("fire-safety-renewal", civilId);
    await ctx.j.setAgencyDown("moci", true);
    const journey = await ctx.j.apply("fire-safety-renewal", civilId, answers, { lookups });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["checks", "company"]);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("in-progress");
    await ctx.j.setAgencyDown("moci", false);
    await ctx.j.settle();
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
    await ctx.j.pay(journey);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
  });
});
