import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getOwnApplication } from "../../app/applications/applicant-view.server";
import { applicationPage } from "../../app/applications/application-page.server";
import { catalogue } from "../../app/catalogue/services";
import { getFixedT } from "../../app/i18n/language.server";
import { forgetStatusCopies } from "../../app/ops/status.server";
import { statusNotices } from "../../db/schema";
import { applyForMarriageLoan, useJourneys } from "../support/journeys";
import { installTestRuntime } from "../support/runtime";

// An applicant waiting on an agency sees what operators posted about it, on the open step that
// waits there, and nothing posted about other agencies.

const ctx = useJourneys();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-notices-"));

beforeAll(() => {
  installTestRuntime(ctx.t, dir, { catalogue });
});

describe("notices on an application's page", () => {
  it("show on the step that waits for the agency they affect, in the applicant's language", async () => {
    const { civilId, journey } = await applyForMarriageLoan(ctx, 90);
    expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["review"]);

    const now = Date.now();
    await ctx.t.db.insert(statusNotices).values([
      {
        kind: "incident",
        impact: "degraded",
        components: ["kcb"],
        titleAr: "بطء أنظمة بنك الائتمان",
        titleEn: "KCB's systems are slow",
        startsAt: new Date(now - 60_000),
      },
      { kind: "incident", impact: "down", components: ["moj"], titleAr: "توقف أنظمة وزارة العدل", titleEn: "MOJ is down", startsAt: new Date(now - 60_000) },
    ]);
    forgetStatusCopies(ctx.t.db);

    const found = (await getOwnApplication(ctx.t.db, catalogue, journey.actor.personId!, journey.applicationId))!;
    const viewer = { kind: "citizen", person: { civilId } } as unknown as Parameters<typeof applicationPage>[0]["viewer"];
    const arabic = await applicationPage({ found, viewer, lang: "ar", t: getFixedT("ar") });
    const review = arabic.openSteps.find((step) => step.agency !== null)!;
    expect(review.notices.map((notice) => notice.title)).toEqual(["بطء أنظمة بنك الائتمان"]);
    const english = await applicationPage({ found, viewer, lang: "en", t: getFixedT("en") });
    expect(english.openSteps.flatMap((step) => step.notices.map((notice) => notice.title))).toEqual(["KCB's systems are slow"]);
  });
});
