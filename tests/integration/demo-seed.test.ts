import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCivilId } from "../../app/auth/civil-id";
import { governorateIds } from "../../app/agencies/governorates";
import {
  kcbLoans,
  kffInspectionSlots,
  kffLicences,
  kmLicences,
  kmViolations,
  mociCompanies,
  mociSignatories,
  mojMarriageContracts,
  mojPropertyDeeds,
  paciPeople,
  pifssEmployment,
} from "../../db/schema";
import { addDays, kuwaitToday as kuwaitDate } from "../../app/i18n/dates";
import { demoPersonasOn, seedRegistries } from "../../db/seed/registries";
import { createTestDatabase, type TestDatabase } from "../setup/database";

const kuwaitToday = kuwaitDate();

/** Whole years from a birth date to a day. */
function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

// Seeded today, and on a leap day in 2028: the demo tells the same stories whenever it runs.
describe.each([kuwaitToday, "2028-02-29"])("seeded on %s", (today) => {
  let t: TestDatabase;
  let r: Awaited<ReturnType<typeof everything>>;
  const personas = demoPersonasOn(today);
  const day = (offset: number) => addDays(today, offset);

  async function everything() {
    const [people, contracts, deeds, jobs, loans, companies, signatories, fire, slots, municipal, violations] = await Promise.all([
      t.db.select().from(paciPeople),
      t.db.select().from(mojMarriageContracts),
      t.db.select().from(mojPropertyDeeds),
      t.db.select().from(pifssEmployment),
      t.db.select().from(kcbLoans),
      t.db.select().from(mociCompanies),
      t.db.select().from(mociSignatories),
      t.db.select().from(kffLicences),
      t.db.select().from(kffInspectionSlots),
      t.db.select().from(kmLicences),
      t.db.select().from(kmViolations),
    ]);
    return { people, contracts, deeds, jobs, loans, companies, signatories, fire, slots, municipal, violations };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedRegistries(t.db, today);
    r = await everything();
  });
  afterAll(() => t.close());

  describe("the demo registries", () => {
    it("adds nothing when seeded a second time", async () => {
      await seedRegistries(t.db, today);
      const again = await everything();
      for (const [table, rows] of Object.entries(again)) expect(rows.length, table).toBe(r[table as keyof typeof r].length);
    });

    it("has the volumes the demo needs", () => {
      expect(r.people.length).toBeGreaterThanOrEqual(40);
      expect(new Set(r.people.map((p) => p.nationality))).toEqual(new Set(["KWT", "IND", "EGY", "PHL", "SYR", "JOR", "BGD"]));
      expect(r.contracts.length).toBeGreaterThanOrEqual(8);
      expect(r.companies.length).toBeGreaterThanOrEqual(15);
      expect(r.fire.length).toBeGreaterThanOrEqual(15);
      expect(r.municipal.length).toBeGreaterThanOrEqual(20);
      expect(r.municipal.some((l) => l.kind === "sign")).toBe(true);
      expect(r.deeds.length).toBeGreaterThan(0);
      expect(new Set(r.loans.map((l) => l.status))).toEqual(new Set(["active", "repaid"]));
      expect(r.jobs.some((j) => !j.isActive)).toBe(true);
      // Most working-age citizens (21 to 60) have a job on record.
      const workingAge = r.people.filter((p) => p.nationality === "KWT" && ageOn(p.birthDate, today) >= 21 && ageOn(p.birthDate, today) <= 60);
      const employed = workingAge.filter((p) => r.jobs.some((j) => j.civilId === p.civilId));
      expect(employed.length / workingAge.length).toBeGreaterThan(0.75);
    });

    it("writes valid civil IDs everywhere, with the birth date the civil ID says", () => {
      const civilIds = [
        ...r.people.map((p) => p.civilId),
        ...r.contracts.flatMap((c) => [c.husbandCivilId, c.wifeCivilId]),
        ...r.deeds.map((d) => d.ownerCivilId),
        ...r.jobs.map((j) => j.civilId),
        ...r.loans.map((l) => l.civilId),
        ...r.signatories.map((s) => s.civilId),
      ];
      for (const civilId of civilIds) expect(parseCivilId(civilId), civilId).toMatchObject({ ok: true });
      for (const person of r.people) expect(person.birthDate, person.civilId).toBe((parseCivilId(person.civilId) as { birthDate: string }).birthDate);
      expect(new Set(r.people.map((p) => p.phone)).size).toBe(r.people.length);
      for (const person of r.people) expect(person.phone, person.civilId).toMatch(/^\+965[569]\d{7}$/);
    });

    it("knows everyone the other registries name", () => {
      const paci = new Map(r.people.map((p) => [p.civilId, p]));
      for (const contract of r.contracts) {
        expect(paci.get(contract.husbandCivilId)?.sex, contract.contractNumber).toBe("male");
        expect(paci.get(contract.wifeCivilId)?.sex, contract.contractNumber).toBe("female");
      }
      for (const civilId of [
        ...r.deeds.map((d) => d.ownerCivilId),
        ...r.jobs.map((j) => j.civilId),
        ...r.loans.map((l) => l.civilId),
        ...r.signatories.map((s) => s.civilId),
      ]) {
        expect(paci.has(civilId), civilId).toBe(true);
      }
      const crNumbers = new Set(r.companies.map((c) => c.crNumber));
      for (const licence of [...r.fire, ...r.municipal]) expect(crNumbers.has(licence.crNumber), licence.licenceNumber).toBe(true);
      for (const company of r.companies) {
        const count = r.signatories.filter((s) => s.crNumber === company.crNumber).length;
        expect(count, company.crNumber).toBeGreaterThanOrEqual(1);
        expect(count, company.crNumber).toBeLessThanOrEqual(2);
      }
      const licenceNumbers = new Set(r.municipal.map((l) => l.licenceNumber));
      for (const violation of r.violations) expect(licenceNumbers.has(violation.licenceNumber)).toBe(true);
    });

    it("numbers licences and premises as the agencies do", () => {
      for (const company of r.companies) {
        expect(company.crNumber).toMatch(/^CR-\d{6}$/);
        expect(company.licenceNumber).toMatch(/^CL-20\d{2}-\d{6}$/);
      }
      expect(r.companies.filter((c) => c.licenceExpiresOn < today).length).toBeGreaterThanOrEqual(2);
      for (const licence of r.fire) expect(licence.licenceNumber).toMatch(/^FSL-20(1\d|2[0-5])-\d{6}$/);
      for (const licence of r.municipal) expect(licence.licenceNumber).toMatch(licence.kind === "shop" ? /^ML-20\d{2}-\d{6}$/ : /^AD-20\d{2}-\d{6}$/);
      for (const licence of r.municipal) expect(licence.signAreaM2 === null, licence.licenceNumber).toBe(licence.kind === "shop");
      // One premises number, one place.
      const places = new Map<string, string>();
      for (const p of [...r.fire, ...r.municipal]) {
        expect(p.premisesNumber).toMatch(/^\d{8}$/);
        expect(governorateIds).toContain(p.governorate);
        const place = [p.governorate, p.area, p.block, p.street, p.building, p.unit].join("|");
        expect(places.get(p.premisesNumber) ?? place, p.premisesNumber).toBe(place);
        places.set(p.premisesNumber, place);
      }
    });

    it("has municipal and fire licences in every state", () => {
      const unpaid = new Set(r.violations.filter((v) => !v.isPaid).map((v) => v.licenceNumber));
      expect(r.municipal.some((l) => l.expiresOn < today)).toBe(true);
      expect(r.municipal.some((l) => l.expiresOn >= today && l.expiresOn <= day(60))).toBe(true);
      expect(r.municipal.some((l) => l.expiresOn > day(60))).toBe(true);
      expect(r.municipal.some((l) => unpaid.has(l.licenceNumber))).toBe(true);
      expect(r.violations.some((v) => v.isPaid)).toBe(true);
      expect(r.fire.some((l) => l.expiresOn >= today)).toBe(true);
      expect(r.fire.some((l) => l.expiresOn < today && l.expiresOn >= day(-365))).toBe(true);
      expect(r.fire.some((l) => l.expiresOn < day(-365))).toBe(true);
      expect(r.fire.some((l) => l.lastInspectionOn < day(-730))).toBe(true);
      expect(r.fire.some((l) => l.lastInspectionOn >= day(-730) && l.expiresOn >= today)).toBe(true);
    });

    it("opens two inspection slots a day in every governorate on the next 14 working days", () => {
      expect(r.slots).toHaveLength(governorateIds.length * 14 * 2);
      for (const slot of r.slots) {
        const date = slot.startsAt.slice(0, 10);
        expect(slot.id).toBe(`${slot.governorate}-${date}-${slot.startsAt.slice(11).replace(":", "")}`);
        expect(["09:00", "11:00"]).toContain(slot.startsAt.slice(11));
        expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBeLessThanOrEqual(4);
        expect(date > today && date <= day(21)).toBe(true);
        expect(slot.capacity).toBe(2);
      }
      for (const governorate of governorateIds) expect(r.slots.filter((s) => s.governorate === governorate)).toHaveLength(28);
    });
  });

  describe("the personas", () => {
    const person = (civilId: string) => r.people.find((p) => p.civilId === civilId)!;
    const contractsOf = (civilId: string) => r.contracts.filter((c) => c.husbandCivilId === civilId);
    const salaryOf = (civilId: string) => r.jobs.filter((j) => j.civilId === civilId && j.isActive).reduce((sum, j) => sum + j.monthlySalaryFils, 0);
    const loansOf = (civilId: string) => r.loans.filter((l) => l.civilId === civilId);
    const deedsOf = (civilId: string) => r.deeds.filter((d) => d.ownerCivilId === civilId);
    const isRecentFirst = (c: { contractDate: string; isFirstMarriageOfHusband: boolean }) =>
      c.isFirstMarriageOfHusband && c.contractDate >= day(-365) && c.contractDate <= today;
    const adultKuwaiti = (civilId: string) => person(civilId).nationality === "KWT" && ageOn(person(civilId).birthDate, today) >= 21;

    it("are all in PACI under the names the persona table gives", () => {
      for (const persona of Object.values(personas)) expect(person(persona.civilId)).toMatchObject({ nameEn: persona.nameEn, nameAr: persona.nameAr });
    });

    it("L1 is eligible for the marriage loan", () => {
      const { civilId } = personas.L1;
      expect(adultKuwaiti(civilId)).toBe(true);
      expect(contractsOf(civilId).filter(isRecentFirst)).toHaveLength(1);
      expect(salaryOf(civilId)).toBe(1_200_000);
      expect(4_000_000 / 12).toBeLessThanOrEqual(salaryOf(civilId) * 0.4);
      expect(loansOf(civilId)).toEqual([]);
      // Fatima stays unmarried for the other demos.
      expect(r.contracts.filter((c) => c.wifeCivilId === "292091998298")).toEqual([]);
    });

    it("L2 is eligible for home restoration", () => {
      const { civilId } = personas.L2;
      expect(adultKuwaiti(civilId)).toBe(true);
      expect(deedsOf(civilId).length).toBeGreaterThan(0);
      expect(salaryOf(civilId)).toBe(1_500_000);
      expect(loansOf(civilId)).toEqual([]);
    });

    it("L3 is a resident with a job", () => {
      expect(person(personas.L3.civilId).nationality).not.toBe("KWT");
      expect(salaryOf(personas.L3.civilId)).toBeGreaterThan(0);
    });

    it("L4 is a married Kuwaiti of 19 or 20 with a job, on any day", () => {
      const { civilId } = personas.L4;
      expect(civilId.startsWith("3")).toBe(true);
      expect(person(civilId).nationality).toBe("KWT");
      expect(ageOn(person(civilId).birthDate, today)).toBeGreaterThanOrEqual(19);
      expect(ageOn(person(civilId).birthDate, today)).toBeLessThan(21);
      expect(contractsOf(civilId).filter(isRecentFirst)).toHaveLength(1);
      expect(salaryOf(civilId)).toBeGreaterThan(0);
      for (const on of ["2026-01-01", "2026-12-31", "2027-07-15", "2028-02-29", "2030-12-15"]) {
        const l4 = demoPersonasOn(on).L4.civilId;
        const age = ageOn((parseCivilId(l4) as { birthDate: string }).birthDate, on);
        expect(age, on).toBeGreaterThanOrEqual(19);
        expect(age, on).toBeLessThan(21);
      }
    });

    it("L5 has a recent first marriage and an active marriage loan", () => {
      const { civilId } = personas.L5;
      expect(adultKuwaiti(civilId)).toBe(true);
      expect(contractsOf(civilId).filter(isRecentFirst)).toHaveLength(1);
      expect(loansOf(civilId)).toEqual([expect.objectContaining({ loanType: "marriage", status: "active" })]);
    });

    it("L6 earns too little for the instalment", () => {
      const { civilId } = personas.L6;
      expect(adultKuwaiti(civilId)).toBe(true);
      expect(contractsOf(civilId).filter(isRecentFirst)).toHaveLength(1);
      expect(salaryOf(civilId)).toBe(450_000);
      expect(4_000_000 / 12).toBeGreaterThan(salaryOf(civilId) * 0.4);
      expect(loansOf(civilId)).toEqual([]);
    });

    it("L7's contract is about 18 months old", () => {
      const [contract, ...others] = contractsOf(personas.L7.civilId);
      expect(others).toEqual([]);
      expect(contract!.contractDate < day(-365)).toBe(true);
      expect(contract!.contractDate > day(-600)).toBe(true);
    });

    it("L8 is the wife on a recent contract", () => {
      const { civilId } = personas.L8;
      expect(person(civilId)).toMatchObject({ nationality: "KWT", sex: "female" });
      const asWife = r.contracts.filter((c) => c.wifeCivilId === civilId);
      expect(asWife.filter(isRecentFirst)).toHaveLength(1);
      expect(contractsOf(civilId)).toEqual([]);
    });

    it("L9 has a salary and no deed", () => {
      const { civilId } = personas.L9;
      expect(adultKuwaiti(civilId)).toBe(true);
      expect(salaryOf(civilId)).toBeGreaterThan(0);
      expect(deedsOf(civilId)).toEqual([]);
      expect(loansOf(civilId)).toEqual([]);
    });

    it("L10's recent contract is not his first marriage", () => {
      const recent = contractsOf(personas.L10.civilId).filter((c) => c.contractDate >= day(-365));
      expect(recent).toEqual([expect.objectContaining({ isFirstMarriageOfHusband: false })]);
      expect(loansOf(personas.L10.civilId).filter((l) => l.status === "active")).toEqual([]);
    });

    const companyOf = (civilId: string) => {
      const crNumbers = r.signatories.filter((s) => s.civilId === civilId).map((s) => s.crNumber);
      expect(crNumbers).toHaveLength(1);
      return r.companies.find((c) => c.crNumber === crNumbers[0])!;
    };
    const unpaidOn = (licenceNumber: string) => r.violations.filter((v) => v.licenceNumber === licenceNumber && !v.isPaid);

    it("F1's renewals go straight through", () => {
      const company = companyOf(personas.F1.civilId);
      expect(company.licenceExpiresOn > today).toBe(true);
      const [fire] = r.fire.filter((l) => l.crNumber === company.crNumber);
      expect(fire!.expiresOn > day(20) && fire!.expiresOn <= day(40)).toBe(true);
      expect(fire!.lastInspectionOn > day(-365) && fire!.lastInspectionOn < day(-300)).toBe(true);
      const [shop] = r.municipal.filter((l) => l.crNumber === company.crNumber && l.kind === "shop");
      expect(shop!.premisesNumber).toBe(fire!.premisesNumber);
      expect(shop!.expiresOn > day(10) && shop!.expiresOn <= day(30)).toBe(true);
      expect(unpaidOn(shop!.licenceNumber)).toEqual([]);
    });

    it("F2's shop licence has an unpaid violation, and the fire licence is valid", () => {
      const company = companyOf(personas.F2.civilId);
      const [shop] = r.municipal.filter((l) => l.crNumber === company.crNumber && l.kind === "shop");
      expect(shop!.expiresOn >= today && shop!.expiresOn <= day(60)).toBe(true);
      expect(unpaidOn(shop!.licenceNumber)).toEqual([expect.objectContaining({ amountFils: 100_000, descriptionEn: "Using the pavement without a permit" })]);
      const fire = r.fire.filter((l) => l.crNumber === company.crNumber);
      expect(fire.some((l) => l.premisesNumber === shop!.premisesNumber && l.expiresOn > day(60))).toBe(true);
    });

    it("F3's fire licence expired over a year ago and was last inspected over two years ago", () => {
      const company = companyOf(personas.F3.civilId);
      expect(company.licenceExpiresOn > today).toBe(true);
      const [fire] = r.fire.filter((l) => l.crNumber === company.crNumber);
      expect(fire!.expiresOn < day(-365)).toBe(true);
      expect(fire!.lastInspectionOn < day(-730)).toBe(true);
    });

    it("F4's shop has no fire licence", () => {
      const company = companyOf(personas.F4.civilId);
      expect(company.licenceExpiresOn > today).toBe(true);
      const [shop] = r.municipal.filter((l) => l.crNumber === company.crNumber && l.kind === "shop");
      expect(shop!.expiresOn >= today && shop!.expiresOn <= day(60)).toBe(true);
      expect(r.fire.filter((l) => l.premisesNumber === shop!.premisesNumber)).toEqual([]);
    });

    it("F5's commercial licence has expired", () => {
      expect(companyOf(personas.F5.civilId).licenceExpiresOn < today).toBe(true);
    });

    it("F6's 6 m² sign licence expired three months ago", () => {
      const company = companyOf(personas.F6.civilId);
      expect(company.licenceExpiresOn > today).toBe(true);
      const [sign] = r.municipal.filter((l) => l.crNumber === company.crNumber && l.kind === "sign");
      expect(sign).toMatchObject({ signAreaM2: 6, expiresOn: day(-90) });
    });
  });
});
