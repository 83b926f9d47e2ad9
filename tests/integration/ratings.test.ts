import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePerson } from "../../app/accounts/people.server";
import { makeCivilId } from "../../app/auth/civil-id";
import { integratedServices } from "../../app/catalogue/services";
import { MIN_APPLICATIONS, MIN_RATINGS, measurePerformance } from "../../app/performance/performance.server";
import { latestComments, rateApplication, ratingOf, readRating } from "../../app/ratings/ratings.server";
import { applications, serviceRatings } from "../../db/schema";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { ensureAgency } from "../../db/seed/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";

// Applicants' ratings, one per application and theirs alone, and the public performance page's
// figures made from them and from the applications: published only over enough people.

let t: TestDatabase;
let mine = "";
let someoneElse = "";
let serial = 0;

async function application(personId: string, input: { service?: string; status?: "draft" | "approved" | "in-progress"; hoursToDecide?: number } = {}) {
  serial += 1;
  const submittedAt = new Date(Date.now() - 3 * 86_400_000);
  const status = input.status ?? "approved";
  const [row] = await t.db
    .insert(applications)
    .values({
      reference: status === "draft" ? null : `NAF-2026-${String(600000 + serial)}`,
      serviceId: input.service ?? "social-loan",
      serviceVersion: 1,
      applicantPersonId: personId,
      channel: "web",
      status,
      submittedAt: status === "draft" ? null : submittedAt,
      decidedAt: status === "approved" ? new Date(submittedAt.getTime() + (input.hoursToDecide ?? 24) * 3600_000) : null,
    })
    .returning({ id: applications.id });
  return row!.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  mine = (await ensurePerson(t.db, { civilId: makeCivilId("1987-04-05", 8001), nameAr: "مقدم طلب", nameEn: "Applicant" })).id;
  someoneElse = (await ensurePerson(t.db, { civilId: makeCivilId("1989-06-07", 8101), nameAr: "شخص آخر", nameEn: "Someone else" })).id;
});
afterAll(() => t?.close());

describe("ratings", () => {
  it("reads a rating of 1 to 5, in either kind of digits, and a comment of at most 1,000 characters", () => {
    const form = (values: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(values)) data.set(key, value);
      return data;
    };
    expect(readRating(form({ rating: "٤", comment: "  خدمة سريعة  " }))).toEqual({ ok: true, rating: 4, comment: "خدمة سريعة" });
    expect(readRating(form({ rating: "5", comment: "" }))).toEqual({ ok: true, rating: 5, comment: null });
    expect(readRating(form({ rating: "6" }))).toMatchObject({ ok: false, problems: { rating: "rating.required" } });
    expect(readRating(form({ rating: "", comment: "ا".repeat(1001) }))).toEqual({
      ok: false,
      problems: { rating: "rating.required", comment: "comment.too-long" },
      comment: "ا".repeat(1001),
    });
  });

  it("keeps one rating per application, changed when given again, and only by its applicant once submitted", async () => {
    const id = await application(mine);
    expect(await rateApplication(t.db, { applicationId: id, personId: mine, rating: 2, comment: "بطيئة" })).toBe(true);
    expect(await rateApplication(t.db, { applicationId: id, personId: mine, rating: 5, comment: null })).toBe(true);
    expect(await ratingOf(t.db, id)).toEqual({ rating: 5, comment: null });
    expect(await t.db.select().from(serviceRatings).where(eq(serviceRatings.applicationId, id))).toHaveLength(1);
    expect(await rateApplication(t.db, { applicationId: id, personId: someoneElse, rating: 1, comment: "x" })).toBe(false);
    expect(await ratingOf(t.db, id)).toEqual({ rating: 5, comment: null });
    const draft = await application(mine, { status: "draft" });
    expect(await rateApplication(t.db, { applicationId: draft, personId: mine, rating: 3, comment: null })).toBe(false);
  });

  it("gives the supervisors' reports the latest comments on their services, newest first, without who wrote them", async () => {
    const older = await application(mine, { service: "fire-safety-renewal" });
    const newer = await application(someoneElse, { service: "fire-safety-renewal" });
    const quiet = await application(mine, { service: "fire-safety-renewal" });
    await rateApplication(t.db, { applicationId: older, personId: mine, rating: 2, comment: "طال الانتظار", now: new Date(Date.now() - 3600_000) });
    await rateApplication(t.db, { applicationId: newer, personId: someoneElse, rating: 5, comment: "Quick and clear" });
    await rateApplication(t.db, { applicationId: quiet, personId: mine, rating: 4, comment: null });
    const range = { start: new Date(Date.now() - 86_400_000), end: new Date(Date.now() + 60_000) };
    const comments = await latestComments(t.db, ["fire-safety-renewal"], range);
    expect(comments.map((row) => [row.rating, row.comment])).toEqual([
      [5, "Quick and clear"],
      [2, "طال الانتظار"],
    ]);
    expect(Object.keys(comments[0]!).sort()).toEqual(["applicationId", "comment", "ratedAt", "rating", "serviceId"]);
    expect(await latestComments(t.db, ["social-loan"], range)).toEqual([]);
  });

  it.skipIf(testDriver !== "postgres")("keeps one rating when the same applicant sends two at once", async () => {
    const id = await application(mine);
    await Promise.all([1, 2, 3, 4].map((rating) => rateApplication(t.db, { applicationId: id, personId: mine, rating, comment: null })));
    expect(await t.db.select().from(serviceRatings).where(eq(serviceRatings.applicationId, id))).toHaveLength(1);
  });
});

describe("the public performance page's figures", () => {
  it("publishes a service's volumes, times and satisfaction only over enough applications and ratings", async () => {
    const service = "municipal-licence-renewal";
    const ids: string[] = [];
    for (let i = 0; i < MIN_APPLICATIONS - 1; i++) ids.push(await application(mine, { service, hoursToDecide: 10 + i }));
    const few = (await measurePerformance(t.db, integratedServices)).services.find((one) => one.serviceId === service)!;
    expect(few).toEqual({ serviceId: service, volumes: null, times: null, satisfaction: null });

    ids.push(await application(someoneElse, { service, hoursToDecide: 60 }));
    for (const [index, id] of ids.slice(0, MIN_RATINGS - 1).entries())
      await rateApplication(t.db, { applicationId: id, personId: mine, rating: index % 2 ? 5 : 3, comment: null });
    const enough = (await measurePerformance(t.db, integratedServices)).services.find((one) => one.serviceId === service)!;
    expect(enough.volumes).toEqual({ received: MIN_APPLICATIONS, approved: MIN_APPLICATIONS, rejected: 0, withdrawn: 0 });
    expect(enough.times).toMatchObject({ decided: MIN_APPLICATIONS, medianSeconds: 14.5 * 3600 });
    expect(enough.satisfaction).toBeNull();

    await rateApplication(t.db, { applicationId: ids[MIN_RATINGS - 1]!, personId: mine, rating: 4, comment: null });
    const rated = (await measurePerformance(t.db, integratedServices)).services.find((one) => one.serviceId === service)!;
    expect(rated.satisfaction).toEqual({ count: 5, average: (3 + 5 + 3 + 5 + 4) / 5, satisfiedShare: 3 / 5 });
  });
});
