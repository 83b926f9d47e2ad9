import { describe, expect, it } from "vitest";
import { runRule } from "../../rules";
import type { Facts, Step } from "../../types";
import { municipalLicenceRenewal } from "./definition";

// Before the fee: what the checks found that sends the renewal to a clerk, said to the applicant.

const today = "2026-12-03";
const licence = (violations: { amountFils: number; isPaid: boolean }[]) => ({
  found: true,
  licenceNumber: "ML-2024-001398",
  kind: "shop",
  crNumber: "CR-1",
  premisesNumber: "12345678",
  governorate: "capital",
  area: { ar: "شرق", en: "Sharq" },
  block: "2",
  street: { ar: "1", en: "1" },
  building: "3",
  unit: { ar: "محل 4", en: "Shop 4" },
  signAreaM2: null,
  issuedOn: "2024-01-01",
  expiresOn: "2026-01-01",
  violations: violations.map((fine) => ({ descriptionAr: "مخالفة", descriptionEn: "A violation", issuedOn: "2025-01-01", ...fine })),
});
const facts = (violations: { amountFils: number; isPaid: boolean }[]): Facts => ({
  answers: { licence: "ML-2024-001398", years: "1" },
  lookups: {},
  results: {
    licence: licence(violations),
    fire: { found: true, licences: [{ expiresOn: "2027-06-01" }] },
    company: { found: true, licenceExpiresOn: "2027-06-01" },
  },
  applicant: { personId: "p", civilId: "288020122596" },
  reference: "NAF-2026-000001",
  today,
});
const pay = municipalLicenceRenewal.workflow.steps.pay as Extract<Step, { kind: "payment" }>;

describe("the municipal renewal's forewarning before the fee", () => {
  it("names an unpaid violation with its amount and where to pay it, and that a licensing clerk decides", () => {
    const said = runRule(
      pay.forewarning!,
      facts([
        { amountFils: 150_000, isPaid: false },
        { amountFils: 20_000, isPaid: true },
      ]),
    );
    expect(said?.lead.ar).toContain("موظف التراخيص في بلدية الكويت");
    expect(said?.points.map((point) => point.en)).toEqual([
      expect.stringMatching(/^There are unpaid violations of KWD\s150\.000 against the licence, payable at Kuwait Municipality's service centres/),
    ]);
  });

  it("says nothing when the renewal will go straight through", () => {
    expect(runRule(pay.forewarning!, facts([{ amountFils: 20_000, isPaid: true }]))).toBeNull();
  });
});
