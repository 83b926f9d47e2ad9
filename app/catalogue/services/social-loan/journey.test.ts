import { describe, expect, it } from "vitest";

import { addDays, kuwaitToday } from "../../../i18n/dates";
import { addEmployment, addLoan, addMarriageContract, addPropertyDeed } from "../../../../tests/support/registries";
import { clerks, useJourneys } from "../../../../tests/support/journeys";
import { maskIban } from "./definition";

// The social loan from application to a signed approval, and every way it is refused or
// returned. Each applicant is a person of the demo registries' shape, made for the test.

const today = kuwaitToday();
const IBAN = "KW81CBKU0000000000001234560101";
const ctx = useJourneys();

/** A husband with a first-marriage contract registered `daysAgo` days ago; answers to apply with it. */
async function husband(options: Parameters<typeof ctx.person>[0] & { daysAgo?: number; isFirstMarriage?: boolean } = {}) {
  const civilId = await ctx.person(options);
  const wife = await ctx.person({ sex: "female", salaryFils: null });
  const contractNumber = `MC-${today.slice(0, 4)}-${civilId.slice(5, 11)}`;
  const contractDate = addDays(today, -(options.daysAgo ?? 90));
  await addMarriageContract(ctx.t.db, {
    contractNumber,
    husbandCivilId: civilId,
    wifeCivilId: wife,
    contractDate,
    isFirstMarriageOfHusband: options.isFirstMarriage ?? true,
  });
  return { civilId, wife, answers: { loanType: "marriage", contractNumber, contractDate, months: "60", iban: IBAN } };
}

describe("social loan", () => {
  it("goes from a marriage loan application to a signed approval, and records the loan at KCB", async ({ skip }) => {
    const { civilId, answers } = await husband();
    const lookups = await ctx.j.lookups("social-loan", civilId);
    expect(lookups.person).toMatchObject({ found: true, nationality: "KWT" });

    const journey = await ctx.j.apply("social-loan", civilId, answers);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    expect((await ctx.j.application(journey.applicationId)).answers).toMatchObject({ nameEn: "Applicant", loanType: "marriage", months: 60 });

    expect(await ctx.j.decide(journey, "review", clerks.kcbOfficer, "approve")).toEqual({ ok: true });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["terms"]);
    expect(await ctx.j.act(journey, "terms", "accept")).toEqual({ ok: true });

    const application = await ctx.j.application(journey.applicationId);
    expect(application.status).toBe("approved");
    const certificate = await ctx.j.certificate(journey.applicationId);
    expect(certificate.number).toMatch(new RegExp(`^SLA-${today.slice(0, 4)}-\\d{6}$`));
    expect(certificate.expiresAt).toBeNull();

    // KCB now holds the loan: a second marriage loan is refused for it.
    const again = await ctx.j.apply("social-loan", civilId, answers);
    expect((await ctx.j.application(again.applicationId)).status).toBe("rejected");
    expect(await ctx.j.reasons(again.applicationId, "eligibility")).toEqual(["existing-loan"]);
    const text = await ctx.j.certificateText(certificate.number, skip);
    expect(text).toContain("شهادة الموافقة على القرض الاجتماعي");
    expect(text).toContain("KWD 4,000.000");
    expect(text).toContain("KWD 66.667"); // 4,000 over 60 months, rounded up to the fils
    expect(text).toContain(maskIban(IBAN));
    expect(text).not.toContain(IBAN);
  });

  it("grants a home restoration loan to the owner of the home", async ({ skip }) => {
    const civilId = await ctx.person({ salaryFils: 1_500_000 });
    await addPropertyDeed(ctx.t.db, { deedNumber: "RD-2019-012345", ownerCivilId: civilId });
    const journey = await ctx.j.apply("social-loan", civilId, {
      loanType: "restoration",
      deedNumber: "rd-2019-012345",
      requestedAmount: "7500",
      months: "120",
      iban: IBAN,
    });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    await ctx.j.decide(journey, "review", clerks.kcbOfficer, "approve");
    await ctx.j.act(journey, "terms", "accept");
    expect((await ctx.j.application(journey.applicationId)).status).toBe("approved");
    const certificate = await ctx.j.certificate(journey.applicationId);
    expect(await ctx.j.certificateText(certificate.number, skip)).toContain("KWD 7,500.000");
  });

  const ineligible: [string, () => Promise<{ civilId: string; answers: Record<string, unknown> }>, string[]][] = [
    ["not Kuwaiti", () => husband({ nationality: "IND" }), ["not-kuwaiti"]],
    ["under 21", () => husband({ age: 20 }), ["under-age"]],
    [
      "with an active loan of the same type",
      async () => {
        const applicant = await husband();
        await addLoan(ctx.t.db, applicant.civilId, "active");
        return applicant;
      },
      ["existing-loan"],
    ],
    ["whose instalment is over 40% of the salary", () => husband({ salaryFils: 450_000 }), ["instalment-too-high"]],
    ["whose contract is older than 12 months", () => husband({ daysAgo: 400 }), ["contract-too-old"]],
    ["not in a first marriage", () => husband({ isFirstMarriage: false }), ["not-first-marriage"]],
    [
      "who is the wife, not the husband",
      async () => {
        const { wife, answers } = await husband();
        await addEmployment(ctx.t.db, wife, 900_000);
        return { civilId: wife, answers };
      },
      ["not-the-husband"],
    ],
    [
      "whose contract date does not match",
      async () => {
        const applicant = await husband();
        return { ...applicant, answers: { ...applicant.answers, contractDate: addDays(today, -10) } };
      },
      ["contract-not-found"],
    ],
    [
      "with no deed for the home",
      async () => ({
        civilId: await ctx.person(),
        answers: { loanType: "restoration", deedNumber: "RD-2020-999999", requestedAmount: "5000", months: "60", iban: IBAN },
      }),
      ["deed-not-found"],
    ],
    [
      "whose deed is someone else's",
      async () => {
        const civilId = await ctx.person();
        await addPropertyDeed(ctx.t.db, { deedNumber: "RD-2018-424242", ownerCivilId: await ctx.person() });
        return { civilId, answers: { loanType: "restoration", deedNumber: "RD-2018-424242", requestedAmount: "5000", months: "60", iban: IBAN } };
      },
      ["not-the-owner"],
    ],
  ];
  it.each(ineligible)("refuses an applicant %s, with the reason", async (_who, make, reasons) => {
    const { civilId, answers } = await make();
    const months = reasons[0] === "instalment-too-high" ? "12" : answers.months; // KWD 333.334 a month against a KWD 450 salary
    const journey = await ctx.j.apply("social-loan", civilId, { ...answers, months });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("rejected");
    expect(await ctx.j.reasons(journey.applicationId, "eligibility")).toEqual(reasons);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual([]);
  });

  it("is rejected by the loan officer with a reason", async () => {
    const { civilId, answers } = await husband();
    const journey = await ctx.j.apply("social-loan", civilId, answers);
    expect(await ctx.j.decide(journey, "review", clerks.kcbOfficer, "reject")).toEqual({ ok: false, reason: "comment-required" });
    expect(await ctx.j.decide(journey, "review", clerks.kcbOfficer, "reject", { comment: "The salary certificate is out of date." })).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("rejected");
  });

  it("goes back to the applicant to correct, runs the checks again, and continues", async () => {
    const { civilId, answers } = await husband();
    const journey = await ctx.j.apply("social-loan", civilId, answers);
    await ctx.j.decide(journey, "review", clerks.kcbOfficer, "return", { comment: "Please spread the loan over more months." });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["correct"]);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("action-needed");

    expect(await ctx.j.act(journey, "correct", "resubmit", { answers: { ...answers, months: "130" } })).toMatchObject({
      ok: false,
      reason: "invalid-answers",
      problems: { months: { code: "too-large" } },
    });
    expect(await ctx.j.act(journey, "correct", "resubmit", { answers: { ...answers, months: "100" } })).toEqual({ ok: true });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
    expect((await ctx.j.application(journey.applicationId)).answers.months).toBe(100);
    await ctx.j.decide(journey, "review", clerks.kcbOfficer, "approve");
    expect(await ctx.j.act(journey, "terms", "decline")).toEqual({ ok: true });
    expect((await ctx.j.application(journey.applicationId)).status).toBe("withdrawn");
  });

  it("asks again only the answers the loan officer named", async () => {
    const { civilId, answers } = await husband();
    const journey = await ctx.j.apply("social-loan", civilId, answers);
    expect(await ctx.j.decide(journey, "review", clerks.kcbOfficer, "return", { comment: "More months, please.", fieldsToFix: ["nameAr"] })).toEqual({
      ok: false,
      reason: "unknown-field",
    });
    expect(await ctx.j.decide(journey, "review", clerks.kcbOfficer, "return", { comment: "More months, please.", fieldsToFix: ["months"] })).toEqual({
      ok: true,
    });
    // Another IBAN sent along with the months is not taken: only the months were asked for.
    expect(await ctx.j.act(journey, "correct", "resubmit", { answers: { ...answers, months: "90", iban: "KW00" } })).toEqual({ ok: true });
    const corrected = (await ctx.j.application(journey.applicationId)).answers;
    expect(corrected).toMatchObject({ months: 90, iban: IBAN });
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
  });

  it("waits while PIFSS is down, then completes when it is back", async () => {
    const { civilId, answers } = await husband();
    await ctx.j.setAgencyDown("pifss", true);
    const journey = await ctx.j.apply("social-loan", civilId, answers);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["checks", "employment"]);
    expect((await ctx.j.application(journey.applicationId)).status).toBe("in-progress");
    await ctx.j.setAgencyDown("pifss", false);
    await ctx.j.settle();
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);
  });

  it("refuses a wrong IBAN and a restoration amount over the limit with clear problems", async () => {
    const { civilId, answers } = await husband();
    await expect(ctx.j.apply("social-loan", civilId, { ...answers, iban: "KW81CBKU0000000000001234560102" })).rejects.toThrow(/"iban":\{"code":"pattern"/);
    await expect(
      ctx.j.apply("social-loan", civilId, { loanType: "restoration", deedNumber: "RD-2020-000001", requestedAmount: "10000.001", months: "60", iban: IBAN }),
    ).rejects.toThrow(/"requestedAmount":\{"code":"too-large"/);
  });

  it("masks the IBAN but for the country and the last four characters", () => {
    expect(maskIban("kw81 cbku 0000 0000 0000 1234 5601 01")).toBe("KW•• •••• •••• •••• •••• •••• ••01 01");
  });
});
