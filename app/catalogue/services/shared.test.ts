import { describe, expect, it } from "vitest";
import { dayAgo, deadlineText, decisionForewarning, heldUntil } from "./shared";

const strip = (text: string) => text.replace(/[\u200e\u200f\u061c]/g, "");

describe("days as a clerk and an applicant read them", () => {
  it("says how far a licence's end is from today, counting days as formal Arabic does", () => {
    const today = "2026-12-03";
    expect(heldUntil("2026-12-04", today).ar).toMatch(/\(بعد يوم واحد\)$/);
    expect(heldUntil("2026-12-05", today).ar).toMatch(/\(بعد يومين\)$/);
    expect(heldUntil("2026-12-13", today).ar).toMatch(/\(بعد 10 أيام\)$/);
    expect(heldUntil("2026-12-28", today)).toMatchObject({ ar: expect.stringMatching(/\(بعد 25 يومًا\)$/), en: expect.stringMatching(/\(in 25 days\)$/) });
    expect(strip(heldUntil("2027-03-13", today).ar)).toMatch(/\(بعد 100 يوم\)$/);
    expect(heldUntil("2026-12-03", today)).toMatchObject({ ar: expect.stringMatching(/\(ينتهي اليوم\)$/), en: expect.stringMatching(/\(ends today\)$/) });
    expect(heldUntil("2026-05-17", today)).toMatchObject({
      ar: expect.stringMatching(/\(انتهى منذ 200 يوم\)$/),
      en: expect.stringMatching(/\(ended 200 days ago\)$/),
    });
    expect(heldUntil("2026-12-28", today).en).toMatch(/^28 December 2026/);
  });

  it("says how long ago a day was", () => {
    expect(dayAgo("2026-12-02", "2026-12-03")).toMatchObject({ ar: expect.stringMatching(/\(منذ يوم واحد\)$/), en: expect.stringMatching(/\(1 day ago\)$/) });
    expect(dayAgo("2025-03-04", "2026-12-03").ar).toMatch(/\(منذ 639 يومًا\)$/);
  });

  it("writes a deadline in words, from the step's hours", () => {
    expect(deadlineText(72)).toEqual({ ar: "ثلاثة أيام", en: "three days" });
    expect(deadlineText(24)).toEqual({ ar: "يوم واحد", en: "one day" });
    expect(deadlineText(36)).toEqual({ ar: "36 ساعة", en: "36 hours" });
    expect(deadlineText(24 * 16)).toEqual({ ar: "16 يومًا", en: "16 days" });
  });

  it("forewarns only when the checks found something, naming who decides and within how long", () => {
    const clerk = { ar: "موظف التراخيص في بلدية الكويت", en: "a licensing clerk at Kuwait Municipality" };
    expect(decisionForewarning(clerk, 72, [])).toBeNull();
    const said = decisionForewarning(clerk, 48, [{ ar: "سبب", en: "A reason" }])!;
    expect(said.lead.ar).toContain("إلى موظف التراخيص في بلدية الكويت ليقرر فيه خلال يومين.");
    expect(said.lead.en).toContain("goes to a licensing clerk at Kuwait Municipality, who decides within two days.");
    expect(said.points).toEqual([{ ar: "سبب", en: "A reason" }]);
  });
});
