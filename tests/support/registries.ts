import { mojMarriageContracts, paciPeople, pifssEmployment, kcbLoans } from "../../db/schema";
import type { Database } from "../../db/client";

// Registry rows for the tests (the demo seed uses the same shapes).

export function addPaciPerson(db: Database, person: Partial<typeof paciPeople.$inferInsert> & { civilId: string }) {
  return db.insert(paciPeople).values({
    nameAr: "أحمد عبدالله العنزي",
    nameEn: "Ahmad Abdullah Al-Enezi",
    nationality: "KWT",
    birthDate: "1988-02-01",
    sex: "male",
    governorate: "Hawalli",
    area: "Salmiya",
    block: "10",
    street: "Salem Al-Mubarak",
    building: "12",
    phone: "+96599123456",
    email: null,
    ...person,
  });
}

export function addMarriageContract(db: Database, contract: Partial<typeof mojMarriageContracts.$inferInsert> & { contractNumber: string; husbandCivilId: string }) {
  return db.insert(mojMarriageContracts).values({ wifeCivilId: "292091998298", contractDate: "2026-06-01", isFirstMarriageOfHusband: true, ...contract });
}

export function addEmployment(db: Database, civilId: string, monthlySalaryFils: number, isActive = true) {
  return db.insert(pifssEmployment).values({ civilId, employerAr: "وزارة التربية", employerEn: "Ministry of Education", startDate: "2015-09-01", monthlySalaryFils, isActive });
}

export function addLoan(db: Database, civilId: string, status: "active" | "repaid" = "active") {
  return db.insert(kcbLoans).values({ civilId, loanType: "marriage", amountFils: 4_000_000, status, startDate: "2020-01-01" });
}
