import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { kffLicences, kmLicences, mojMarriageContracts, mojPropertyDeeds, mociSignatories } from "../../db/schema";
import { demoPersonasOn, seedRegistries } from "../../db/seed/registries";

import { clerks, useJourneys } from "../support/journeys";
import { kuwaitToday } from "../../app/i18n/dates";

// The README's demo people do what it says they do: each is taken through the service it is
// listed for, on the seeded demo registries.

const today = kuwaitToday();
const personas = demoPersonasOn(today);
const IBAN = "KW81CBKU0000000000001234560101";
const ctx = useJourneys();

async function contractOf(civilId: string) {
  const [contract] = await ctx.t.db
    .select()
    .from(mojMarriageContracts)
    .where(eq(mojMarriageContracts.husbandCivilId, civilId))
    .orderBy(desc(mojMarriageContracts.contractDate))
    .limit(1);
  return contract ?? (await ctx.t.db.select().from(mojMarriageContracts).where(eq(mojMarriageContracts.wifeCivilId, civilId)))[0]!;
}
async function marriageLoan(civilId: string, months = "60") {
  const contract = await contractOf(civilId);
  return ctx.j.apply("social-loan", civilId, {
    loanType: "marriage",
    contractNumber: contract.contractNumber,
    contractDate: contract.contractDate,
    months,
    iban: IBAN,
  });
}
const crNumbersOf = async (civilId: string) =>
  (await ctx.t.db.select().from(mociSignatories).where(eq(mociSignatories.civilId, civilId))).map((row) => row.crNumber);
async function municipalLicenceOf(civilId: string, kind: "shop" | "sign" = "shop") {
  for (const crNumber of await crNumbersOf(civilId)) {
    const [licence] = await ctx.t.db
      .select()
      .from(kmLicences)
      .where(and(eq(kmLicences.crNumber, crNumber), eq(kmLicences.kind, kind)));
    if (licence) return licence;
  }
  throw new Error(`${civilId} holds no ${kind} licence`);
}
async function fireLicenceOf(civilId: string) {
  for (const crNumber of await crNumbersOf(civilId)) {
    const [licence] = await ctx.t.db.select().from(kffLicences).where(eq(kffLicences.crNumber, crNumber));
    if (licence) return licence;
  }
  throw new Error(`${civilId} holds no fire licence`);
}
const status = async (applicationId: string) => (await ctx.j.application(applicationId)).status;

beforeAll(async () => {
  await seedRegistries(ctx.t.db, today);
});

describe("the demo personas", () => {
  it("L1 and L2 are eligible: their loans reach the loan officer", async () => {
    expect(await ctx.j.openSteps((await marriageLoan(personas.L1.civilId)).applicationId)).toEqual(["review"]);
    const [deed] = await ctx.t.db.select().from(mojPropertyDeeds).where(eq(mojPropertyDeeds.ownerCivilId, personas.L2.civilId));
    const restoration = await ctx.j.apply("social-loan", personas.L2.civilId, {
      loanType: "restoration",
      deedNumber: deed!.deedNumber,
      requestedAmount: "8000",
      months: "100",
      iban: IBAN,
    });
    expect(await ctx.j.openSteps(restoration.applicationId)).toEqual(["review"]);
  });

  it.each([
    ["L3", "60", ["not-kuwaiti"]],
    ["L4", "60", ["under-age"]],
    ["L5", "60", ["existing-loan"]],
    ["L6", "12", ["instalment-too-high"]],
    ["L7", "60", ["contract-too-old"]],
    ["L8", "60", ["not-the-husband"]],
    ["L10", "60", ["not-first-marriage"]],
  ] as const)("%s is refused a marriage loan for the reason the README gives", async (id, months, reasons) => {
    const civilId = personas[id].civilId;
    const journey =
      id === "L3"
        ? await ctx.j.apply("social-loan", civilId, { loanType: "marriage", contractNumber: "MC-2026-000001", contractDate: today, months, iban: IBAN })
        : await marriageLoan(civilId, months);
    expect(await status(journey.applicationId)).toBe("rejected");
    expect(await ctx.j.reasons(journey.applicationId, "eligibility")).toEqual(expect.arrayContaining([...reasons]));
    if (id !== "L3") expect(await ctx.j.reasons(journey.applicationId, "eligibility")).toEqual([...reasons]);
  });

  it("L9 is refused a home restoration loan: he owns no deed", async () => {
    const journey = await ctx.j.apply("social-loan", personas.L9.civilId, {
      loanType: "restoration",
      deedNumber: "RD-2020-000777",
      requestedAmount: "5000",
      months: "60",
      iban: IBAN,
    });
    expect(await ctx.j.reasons(journey.applicationId, "eligibility")).toEqual(["deed-not-found"]);
  });

  it("F1 renews the fire-safety licence and the shop licence straight through", async () => {
    const fire = await ctx.j.apply("fire-safety-renewal", personas.F1.civilId, {
      licenceNumber: (await fireLicenceOf(personas.F1.civilId)).licenceNumber,
      unchanged: "confirmed",
    });
    await ctx.j.pay(fire);
    expect(await status(fire.applicationId)).toBe("approved");
    const shop = await ctx.j.apply("municipal-licence-renewal", personas.F1.civilId, {
      licence: (await municipalLicenceOf(personas.F1.civilId)).licenceNumber,
      years: "1",
    });
    await ctx.j.pay(shop);
    expect(await status(shop.applicationId)).toBe("approved");
  });

  it("F2's shop licence goes to the clerk for its unpaid violation", async () => {
    const shop = await ctx.j.apply("municipal-licence-renewal", personas.F2.civilId, {
      licence: (await municipalLicenceOf(personas.F2.civilId)).licenceNumber,
      years: "1",
    });
    await ctx.j.pay(shop);
    expect(await ctx.j.reasons(shop.applicationId, "route")).toEqual(["unpaid-violations"]);
    await ctx.j.decide(shop, "review", clerks.kmClerk, "approve");
    expect(await status(shop.applicationId)).toBe("approved");
  });

  it("F3's fire-safety renewal goes to the prevention officer", async () => {
    const fire = await ctx.j.apply("fire-safety-renewal", personas.F3.civilId, {
      licenceNumber: (await fireLicenceOf(personas.F3.civilId)).licenceNumber,
      unchanged: "confirmed",
    });
    await ctx.j.pay(fire);
    expect(await ctx.j.reasons(fire.applicationId, "route")).toEqual(["expired-over-a-year", "inspection-over-two-years"]);
  });

  it("F4's shop licence lacks a fire-safety licence", async () => {
    const shop = await ctx.j.apply("municipal-licence-renewal", personas.F4.civilId, {
      licence: (await municipalLicenceOf(personas.F4.civilId)).licenceNumber,
      years: "1",
    });
    await ctx.j.pay(shop);
    expect(await ctx.j.reasons(shop.applicationId, "route")).toEqual(["no-valid-fire-licence"]);
  });

  it("F5 cannot apply for a fire-safety licence: the commercial licence has expired", async () => {
    const [crNumber] = await crNumbersOf(personas.F5.civilId);
    const journey = await ctx.j.apply("fire-safety-licence", personas.F5.civilId, {
      crNumber,
      premisesNumber: "19283746",
      governorate: "capital",
      area: "sharq",
      block: "2",
      street: "12",
      building: "5",
      floor: "first",
      unitKind: "shop",
      unitNumber: "8",
      floorAreaM2: "80",
      hazardClass: "low",
      floors: "1",
      floorPlan: { id: "f", name: "plan.pdf", mime: "application/pdf", size: 1000 },
    });
    expect(await ctx.j.reasons(journey.applicationId, "company-valid")).toEqual(["commercial-licence-expired"]);
  });

  it("F6's sign licence pays the late fee", async () => {
    const sign = await municipalLicenceOf(personas.F6.civilId, "sign");
    const journey = await ctx.j.apply("municipal-licence-renewal", personas.F6.civilId, {
      licence: sign.licenceNumber,
      years: "1",
      signAreaM2: String(sign.signAreaM2),
    });
    expect(await ctx.j.pay(journey)).toBeGreaterThanOrEqual(5_000 * 6 + 10_000 * 3);
  });
});
