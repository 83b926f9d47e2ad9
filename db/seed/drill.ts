import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { mociCompanies, mojMarriageContracts } from "../schema";
import { makeCivilId } from "../../app/auth/civil-id";
import { addDays, addYears, kuwaitToday } from "../../app/i18n/dates";
import type { DrillApplicant, DrillKit } from "../../app/ops/drill.server";
import { ensurePerson } from "./factories";
import { addCompany, addEmployment, addFireLicence, addMarriageContract, addMunicipalLicence, addPaciPerson } from "./registry-factories";

// The applicants a drill submits (npm run drill, on a demo deployment): each a new person of the
// simulated registries' shape, whose application passes every check of its service, so that the
// only thing holding it up is the agency the drill puts down.

/**
 * The social loan asks PACI, MOJ, PIFSS and KCB after it is submitted; the municipal licence
 * renewal asks KM (the licence), KFF (the premises' fire-safety licence) and MOCI (the company).
 */
const DRILL_SERVICES: Record<string, string> = {
  paci: "social-loan",
  moj: "social-loan",
  pifss: "social-loan",
  kcb: "social-loan",
  km: "municipal-licence-renewal",
  kff: "municipal-licence-renewal",
  moci: "municipal-licence-renewal",
};

const digits = (count: number) => String(crypto.randomInt(10 ** (count - 1), 10 ** count));

/** A signatory of a new company whose shop licence is due in 20 days: valid fire-safety and commercial licences, no violations. */
async function municipalRenewalApplicant(db: Database): Promise<DrillApplicant> {
  const today = kuwaitToday();
  const civilId = makeCivilId(addYears(addDays(today, -crypto.randomInt(0, 3_000)), -35), crypto.randomInt(1_000, 9_000));
  await addPaciPerson(db, { civilId, sex: "male", nameAr: "متدرب على الطوارئ", nameEn: "Drill applicant" });
  const year = today.slice(0, 4);
  // Numbers as the registries write them, drawn until one is free.
  for (let attempt = 0; attempt < 20; attempt++) {
    const crNumber = `CR-9${digits(5)}`;
    const [taken] = await db.select({ crNumber: mociCompanies.crNumber }).from(mociCompanies).where(eq(mociCompanies.crNumber, crNumber));
    if (taken) continue;
    const premisesNumber = `9${digits(7)}`;
    const licenceNumber = `ML-${year}-9${digits(5)}`;
    await addCompany(db, { crNumber, licenceNumber: `CL-${year}-9${digits(5)}`, licenceExpiresOn: addDays(today, 300), signatories: [civilId] });
    await addFireLicence(db, { licenceNumber: `FSL-${year}-9${digits(5)}`, crNumber, premisesNumber, expiresOn: addDays(today, 200) });
    await addMunicipalLicence(db, { licenceNumber, kind: "shop", crNumber, premisesNumber, expiresOn: addDays(today, 20) });
    const person = await ensurePerson(db, { civilId, nameAr: "متدرب على الطوارئ", nameEn: "Drill applicant", phone: "+96599000000" });
    return { personId: person.id, civilId, answers: { licence: licenceNumber, years: "1" } };
  }
  throw new Error("No free company number for a drill applicant");
}

export const demoDrillKit: DrillKit = {
  serviceFor: (agencyId) => DRILL_SERVICES[agencyId] ?? null,
  async applicant(db, serviceId) {
    if (serviceId === "municipal-licence-renewal") return municipalRenewalApplicant(db);
    if (serviceId !== "social-loan") throw new Error(`No drill applicant for ${serviceId}`);
    const today = kuwaitToday();
    const birthDate = addYears(addDays(today, -crypto.randomInt(0, 3_000)), -30);
    const civilId = makeCivilId(birthDate, crypto.randomInt(1_000, 9_000));
    const wifeCivilId = makeCivilId(addYears(birthDate, 2), crypto.randomInt(1_000, 9_000));
    await addPaciPerson(db, { civilId, birthDate, sex: "male", nameAr: "متدرب على الطوارئ", nameEn: "Drill applicant" });
    await addPaciPerson(db, { civilId: wifeCivilId, sex: "female", nameAr: "زوجة متدرب", nameEn: "Drill spouse" });
    await addEmployment(db, civilId, 1_200_000);
    const contractDate = addDays(today, -90);
    // A number as MOJ writes them, not yet taken by another couple.
    let contractNumber = "";
    for (let attempt = 0; attempt < 20 && !contractNumber; attempt++) {
      const candidate = `MC-${today.slice(0, 4)}-${String(crypto.randomInt(500_000, 1_000_000))}`;
      await addMarriageContract(db, { contractNumber: candidate, husbandCivilId: civilId, wifeCivilId, contractDate, isFirstMarriageOfHusband: true });
      const [made] = await db
        .select({ husband: mojMarriageContracts.husbandCivilId })
        .from(mojMarriageContracts)
        .where(eq(mojMarriageContracts.contractNumber, candidate));
      if (made?.husband === civilId) contractNumber = candidate;
    }
    if (!contractNumber) throw new Error("No free marriage contract number for a drill applicant");
    const person = await ensurePerson(db, { civilId, nameAr: "متدرب على الطوارئ", nameEn: "Drill applicant", phone: "+96599000000" });
    return {
      personId: person.id,
      civilId,
      answers: { loanType: "marriage", contractNumber, contractDate, months: "60", iban: "KW81CBKU0000000000001234560101" },
    };
  },
};
