import { describe, expect, it } from "vitest";
import { documentsNeeded, workflowSteps } from "./about";
import { fireSafetyLicence } from "./services/fire-safety-licence/definition";
import { socialLoan } from "./services/social-loan/definition";

describe("what a service page says", () => {
  it("lists the documents the form asks for, and which are needed only sometimes", () => {
    expect(documentsNeeded(fireSafetyLicence).map((d) => [d.label.en, d.isAlwaysNeeded])).toEqual([
      ["Floor plan", true],
      ["Emergency and evacuation plan", false],
    ]);
    expect(documentsNeeded(socialLoan).map((d) => [d.label.en, d.isAlwaysNeeded])).toEqual([["Supporting documents (optional)", false]]);
  });

  it("lists the steps in workflow order, each with who takes it", () => {
    const steps = workflowSteps(socialLoan).map((s) => [s.title.en, s.by.kind === "agency" ? s.by.agency : s.by.kind]);
    expect(steps).toEqual([
      ["Civil registry check", "paci"],
      ["Marriage contract check", "moj"],
      ["Ownership deed check", "moj"],
      ["Salary check", "pifss"],
      ["Existing loans check", "kcb"],
      ["Loan officer review", "kcb"],
      ["Accept the loan terms", "applicant"],
      ["Issue the loan approval", "kcb"],
      ["Record the loan at Kuwait Credit Bank", "kcb"],
      ["Correct the application", "applicant"],
    ]);
    expect(steps.map(([title]) => title)).not.toContain("Eligibility");
  });
});
