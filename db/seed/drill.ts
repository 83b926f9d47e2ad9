import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { mojMarriageContracts } from "../schema";
import { makeCivilId } from "../../app/auth/civil-id";
import { addDays, addYears, kuwaitToday } from "../../app/i18n/dates";
import type { DrillKit } from "../../app/ops/drill.server";
import { ensurePerson } from "./factories";
import { addEmployment, addMarriageContract, addPaciPerson } from "./registry-factories";

// The applicants a drill submits (npm run drill, on a demo deployment): each a new person of the
// simulated registries' shape, whose application passes every check of its service, so that the
// only thing holding it up is the agency the drill puts down.

/** The social loan asks PACI, MOJ, PIFSS and KCB after it is submitted. */
const DRILL_SERVICES: Record<string, string> = { paci: "social-loan", moj: "social-loan", pifss: "social-loan", kcb: "social-loan" };

export const demoDrillKit: DrillKit = {
  serviceFor: (agencyId) => DRILL_SERVICES[agencyId] ?? null,
  async applicant(db, serviceId) {
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
