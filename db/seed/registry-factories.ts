import { addDays } from "../../app/i18n/dates";
import { areas, streetText, unitText, type AreaId } from "../../app/agencies/addresses";
import type { Text } from "../../app/catalogue/types";
import { and, eq, isNull } from "drizzle-orm";
import { parseCivilId } from "../../app/auth/civil-id";
import { inspectionSlotId } from "../../app/agencies/kff/slots.server";
import type { Database } from "../client";
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
} from "../schema";

// Rows for the simulated agencies' registries, shared by the demo seed (db/seed/registries.ts) and
// the tests (tests/support/registries.ts), so demo data and test data never drift. Each is
// idempotent: called again with the same identity it leaves what is there.

type Row<T extends { $inferInsert: unknown }> = T["$inferInsert"];

/** The named streets of the demo addresses, in both languages (numbered streets are the same in both). */
export const streets = {
  salemAlMubarak: { ar: "سالم المبارك", en: "Salem Al-Mubarak" },
  hamadAlMubarak: { ar: "حمد المبارك", en: "Hamad Al-Mubarak" },
  jamalAbdulnasser: { ar: "جمال عبدالناصر", en: "Jamal Abdulnasser" },
  ahmadAlJaber: { ar: "أحمد الجابر", en: "Ahmad Al-Jaber" },
  fahadAlSalem: { ar: "فهد السالم", en: "Fahad Al-Salem" },
  shamiya: { ar: "الشامية", en: "Al-Shamiya" },
  makkah: { ar: "مكة المكرمة", en: "Makkah" },
  amman: { ar: "عمّان", en: "Amman" },
  tunis: { ar: "تونس", en: "Tunis" },
  baghdad: { ar: "بغداد", en: "Baghdad" },
} as const satisfies Record<string, Text>;

/** A home address as the demo writes it: the area (which gives the governorate), block, street and building. */
export type SeedAddress = readonly [area: AreaId, block: string, street: string | Text, building: string];

/** A seed address as PACI's columns hold it. */
export function paciAddressOf([areaId, block, street, building]: SeedAddress) {
  const { governorate, name } = areas[areaId];
  return { governorate, area: name, block, street: streetText(street), building };
}

/** A person in PACI's civil registry. The birth date defaults to the one in the civil ID. */
export async function addPaciPerson(db: Database, person: Partial<Row<typeof paciPeople>> & { civilId: string }): Promise<void> {
  const parsed = parseCivilId(person.civilId);
  await db
    .insert(paciPeople)
    .values({
      nameAr: "أحمد عبدالله العنزي",
      nameEn: "Ahmad Abdullah Al-Enezi",
      nationality: "KWT",
      birthDate: parsed.ok ? parsed.birthDate : "1988-02-01",
      sex: "male",
      ...paciAddressOf(["salmiya", "10", streets.salemAlMubarak, "12"]),
      phone: "+96599123456",
      email: null,
      ...person,
    })
    .onConflictDoNothing({ target: paciPeople.civilId });
}

/** A registered marriage contract (MOJ); its number is unique. */
export async function addMarriageContract(
  db: Database,
  contract: Partial<Row<typeof mojMarriageContracts>> & { contractNumber: string; husbandCivilId: string },
): Promise<void> {
  await db
    .insert(mojMarriageContracts)
    .values({ wifeCivilId: "292091998298", contractDate: "2026-06-01", isFirstMarriageOfHusband: true, ...contract })
    .onConflictDoNothing({ target: mojMarriageContracts.contractNumber });
}

/** A real-estate ownership deed (MOJ). */
export async function addPropertyDeed(db: Database, deed: Partial<Row<typeof mojPropertyDeeds>> & { deedNumber: string; ownerCivilId: string }): Promise<void> {
  await db
    .insert(mojPropertyDeeds)
    .values({ governorate: "hawalli", area: areas.salwa.name, block: "4", plot: "118", registeredOn: "2015-03-10", ...deed })
    .onConflictDoNothing({ target: mojPropertyDeeds.deedNumber });
}

export type EmploymentInput = Partial<Row<typeof pifssEmployment>> & { civilId: string; monthlySalaryFils: number };

/**
 * An employment record (PIFSS). A person has one record per employer: a second call for the same
 * civil ID and employer leaves the first.
 */
export async function addEmployment(db: Database, employment: EmploymentInput): Promise<void>;
export async function addEmployment(db: Database, civilId: string, monthlySalaryFils: number, isActive?: boolean): Promise<void>;
export async function addEmployment(db: Database, input: string | EmploymentInput, monthlySalaryFils?: number, isActive = true): Promise<void> {
  const row: Row<typeof pifssEmployment> = {
    employerAr: "وزارة التربية",
    employerEn: "Ministry of Education",
    startDate: "2015-09-01",
    isActive,
    ...(typeof input === "string" ? { civilId: input, monthlySalaryFils: monthlySalaryFils! } : input),
  };
  const [existing] = await db
    .select({ id: pifssEmployment.id })
    .from(pifssEmployment)
    .where(and(eq(pifssEmployment.civilId, row.civilId), eq(pifssEmployment.employerEn, row.employerEn)))
    .limit(1);
  if (!existing) await db.insert(pifssEmployment).values(row);
}

export type LoanStatus = "active" | "repaid" | "written-off";
export type LoanInput = Partial<Row<typeof kcbLoans>> & { civilId: string };

/**
 * A social loan (KCB). One granted through the portal carries its application reference and is
 * recorded once per reference; one without (seeded history) is recorded once per person and type.
 */
export async function addLoan(db: Database, loan: LoanInput): Promise<void>;
export async function addLoan(db: Database, civilId: string, status?: LoanStatus): Promise<void>;
export async function addLoan(db: Database, input: string | LoanInput, status: LoanStatus = "active"): Promise<void> {
  const row: Row<typeof kcbLoans> = {
    loanType: "marriage",
    amountFils: 4_000_000,
    status,
    startDate: "2020-01-01",
    ...(typeof input === "string" ? { civilId: input } : input),
  };
  if (row.applicationReference) {
    await db.insert(kcbLoans).values(row).onConflictDoNothing({ target: kcbLoans.applicationReference });
    return;
  }
  const [existing] = await db
    .select({ id: kcbLoans.id })
    .from(kcbLoans)
    .where(and(eq(kcbLoans.civilId, row.civilId), eq(kcbLoans.loanType, row.loanType), isNull(kcbLoans.applicationReference)))
    .limit(1);
  if (!existing) await db.insert(kcbLoans).values(row);
}

export type CompanyInput = Partial<Row<typeof mociCompanies>> & { crNumber: string; licenceNumber: string; licenceExpiresOn: string; signatories: string[] };

/** A company with its commercial licence (MOCI) and the people who may sign for it. */
export async function addCompany(db: Database, { signatories, ...company }: CompanyInput): Promise<void> {
  await db
    .insert(mociCompanies)
    .values({
      nameAr: "مؤسسة النموذج للتجارة العامة",
      nameEn: "Al-Namouthaj General Trading Est.",
      activityAr: "تجارة عامة ومقاولات",
      activityEn: "General trading and contracting",
      ...company,
    })
    .onConflictDoNothing({ target: mociCompanies.crNumber });
  for (const civilId of signatories) {
    await db.insert(mociSignatories).values({ crNumber: company.crNumber, civilId }).onConflictDoNothing();
  }
}

/** The premises fields KFF and KM share, defaulted to a shop in Hawalli. */
const defaultPremises = {
  governorate: "hawalli",
  area: areas.hawalli.name,
  block: "3",
  street: streets.tunis,
  building: "14",
  unit: unitText({ floor: "ground", kind: "shop", number: "1" }),
};

export type FireLicenceInput = Partial<Row<typeof kffLicences>> & { licenceNumber: string; crNumber: string; premisesNumber: string; expiresOn: string };

/** A fire-safety licence (KFF). Issued a year before it expires, inspected the day it was issued, unless told. */
export async function addFireLicence(db: Database, licence: FireLicenceInput): Promise<void> {
  const issuedOn = licence.issuedOn ?? addDays(licence.expiresOn, -365);
  await db
    .insert(kffLicences)
    .values({ ...defaultPremises, floorAreaM2: 120, hazardClass: "low", floors: 1, issuedOn, lastInspectionOn: issuedOn, ...licence })
    .onConflictDoNothing({ target: kffLicences.licenceNumber });
}

/** An inspection slot (KFF) in a governorate, at a local Kuwait time like `2026-11-24T09:00`. */
export async function addInspectionSlot(
  db: Database,
  slot: Partial<Row<typeof kffInspectionSlots>> & { governorate: string; startsAt: string },
): Promise<void> {
  await db
    .insert(kffInspectionSlots)
    .values({ id: inspectionSlotId(slot.governorate, slot.startsAt), capacity: 2, ...slot })
    .onConflictDoNothing({ target: kffInspectionSlots.id });
}

export type MunicipalLicenceInput = Partial<Row<typeof kmLicences>> & { licenceNumber: string; crNumber: string; premisesNumber: string; expiresOn: string };

/** A shop or sign licence (KM); a shop unless told, issued a year before it expires. */
export async function addMunicipalLicence(db: Database, licence: MunicipalLicenceInput): Promise<void> {
  await db
    .insert(kmLicences)
    .values({ kind: "shop", ...defaultPremises, issuedOn: addDays(licence.expiresOn, -365), ...licence })
    .onConflictDoNothing({ target: kmLicences.licenceNumber });
}

export type ViolationInput = Partial<Row<typeof kmViolations>> & { licenceNumber: string };

/**
 * A violation against a municipal licence (KM). A licence carries a given violation once: a second
 * call with the same licence and description leaves the first.
 */
export async function addViolation(db: Database, violation: ViolationInput): Promise<void> {
  const row: Row<typeof kmViolations> = {
    descriptionAr: "إشغال الرصيف دون ترخيص",
    descriptionEn: "Using the pavement without a permit",
    amountFils: 100_000,
    issuedOn: "2026-01-15",
    isPaid: false,
    ...violation,
  };
  const [existing] = await db
    .select({ id: kmViolations.id })
    .from(kmViolations)
    .where(and(eq(kmViolations.licenceNumber, row.licenceNumber), eq(kmViolations.descriptionEn, row.descriptionEn)))
    .limit(1);
  if (!existing) await db.insert(kmViolations).values(row);
}
