import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../app/catalogue/services";
import { addDays, kuwaitToday } from "../../app/i18n/dates";
import { getOwnApplication } from "../../app/applications/applicant-view.server";

import { people } from "../../db/schema";
import { addMarriageContract } from "../support/registries";
import { useJourneys } from "../support/journeys";

// The applicant's view of their own application: open steps, decision reasons, certificate.

const ctx = useJourneys();
const IBAN = "KW81CBKU0000000000001234560101";

async function husband(options: { age?: number } = {}) {
  const civilId = await ctx.person(options);
  const wife = await ctx.person({ sex: "female", salaryFils: null });
  const contractNumber = `MC-${kuwaitToday().slice(0, 4)}-${civilId.slice(5, 11)}`;
  const contractDate = addDays(kuwaitToday(), -30);
  await addMarriageContract(ctx.t.db, { contractNumber, husbandCivilId: civilId, wifeCivilId: wife, contractDate });
  return { civilId, answers: { loanType: "marriage", contractNumber, contractDate, months: "60", iban: IBAN } };
}
const personIdOf = async (civilId: string) => (await ctx.t.db.select().from(people).where(eq(people.civilId, civilId)))[0]!.id;

describe("the applicant's view", () => {
  it("shows the step open at an agency, and nothing to anyone else", async () => {
    const applicant = await husband();
    const journey = await ctx.j.apply("social-loan", applicant.civilId, applicant.answers);
    const view = await getOwnApplication(ctx.t.db, catalogue, await personIdOf(applicant.civilId), journey.applicationId);
    expect(view?.openSteps.map((step) => [step.stepId, step.agencyId, step.isYours])).toEqual([["review", "kcb", false]]);
    expect(view?.certificate).toBeNull();

    const other = await husband();
    await ctx.j.apply("social-loan", other.civilId, other.answers);
    expect(await getOwnApplication(ctx.t.db, catalogue, await personIdOf(other.civilId), journey.applicationId)).toBeNull();
    expect(await getOwnApplication(ctx.t.db, catalogue, await personIdOf(applicant.civilId), "not-a-uuid")).toBeNull();
  });

  it("shows what waits for the applicant with its instructions, the reasons of a refusal, and the certificate", async () => {
    const applicant = await husband();
    const journey = await ctx.j.apply("social-loan", applicant.civilId, applicant.answers);
    await ctx.j.decide(journey, "review", { accountId: null, role: "clerk", agencyId: "kcb", position: "loan-officer", channel: "back-office" }, "approve");
    const personId = await personIdOf(applicant.civilId);
    const waiting = await getOwnApplication(ctx.t.db, catalogue, personId, journey.applicationId);
    expect(waiting?.openSteps).toMatchObject([{ stepId: "terms", isYours: true, instructions: { en: expect.stringContaining("accept the terms") } }]);
    await ctx.j.act(journey, "terms", "accept");
    expect((await getOwnApplication(ctx.t.db, catalogue, personId, journey.applicationId))?.certificate).toMatchObject({
      number: expect.stringMatching(/^SLA-/),
      status: "valid",
    });

    const young = await husband({ age: 20 });
    const refused = await ctx.j.apply("social-loan", young.civilId, young.answers);
    const view = await getOwnApplication(ctx.t.db, catalogue, await personIdOf(young.civilId), refused.applicationId);
    expect(view?.reasons.map((reason) => reason.en)).toEqual(["The applicant must be 21 or older."]);
    expect(view?.openSteps).toEqual([]);
  });
});
