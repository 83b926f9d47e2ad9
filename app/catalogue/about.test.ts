import { describe, expect, it } from "vitest";
import { documentsNeeded, stepsOf, workflowOutline, type Outline, type RecognisedStep } from "./about";
import type { ServiceDefinition } from "./types";
import { municipalLicenceRenewal } from "./services/municipal-licence-renewal/definition";
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

  it("outlines the social loan: the registry, then the checks together (the contract or the deed, by the loan), the officer, and a correction only when asked", () => {
    expect(outlineOf(socialLoan)).toEqual([
      "Civil registry check (paci)",
      {
        together: [[{ oneOf: [["Marriage contract check (moj)"], ["Ownership deed check (moj)"]] }], ["Salary check (pifss)"], ["Existing loans check (kcb)"]],
      },
      "Loan officer review (kcb)",
      { whenNeeded: [["Correct the application (applicant)"]] },
      "Accept the loan terms (applicant)",
      "Issue the loan approval (kcb)",
      "Record the loan at Kuwait Credit Bank (kcb)",
    ]);
  });

  it("outlines the municipal renewal: renewed at once, or a clerk's decision when the checks need it", () => {
    const outline = outlineOf(municipalLicenceRenewal);
    expect(outline).toContainEqual({ whenNeeded: [[expect.stringContaining("(km)"), { whenNeeded: [[expect.stringContaining("(applicant)")]] }]] });
    expect(outline.at(-2)).toEqual(expect.stringContaining("Issue"));
    // The fee is asked once, on the way, not as an alternative.
    expect(outline).toContain("Pay the renewal fee (applicant)");
  });

  it("shows every recognisable step of every service once", () => {
    for (const service of [socialLoan, fireSafetyLicence, municipalLicenceRenewal]) {
      const titles = stepsOf(workflowOutline(service)).map((step) => step.title.en);
      expect(new Set(titles).size, service.id).toBe(titles.length);
      expect(titles.length, service.id).toBeGreaterThan(2);
    }
  });
});

type Shown = string | { together: Shown[][] } | { oneOf: Shown[][] } | { whenNeeded: Shown[][] };
function outlineOf(service: ServiceDefinition): Shown[] {
  const shown = (outline: Outline<RecognisedStep>): Shown[] =>
    outline.map((stage) =>
      stage.kind === "step"
        ? `${stage.step.title.en} (${stage.step.by.kind === "agency" ? stage.step.by.agency : stage.step.by.kind})`
        : stage.kind === "together"
          ? { together: stage.branches.map(shown) }
          : stage.isSkippable
            ? { whenNeeded: stage.paths.map(shown) }
            : { oneOf: stage.paths.map(shown) },
    );
  return shown(workflowOutline(service));
}
