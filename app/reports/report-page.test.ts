import { describe, expect, it } from "vitest";
import { getFixedT } from "../i18n/language.server";
import { axisMarks, formatDuration } from "./report-page.server";

describe("the reports' words and marks", () => {
  it("says a duration as people do, in both languages, with Arabic's number forms", () => {
    const ar = getFixedT("ar");
    const en = getFixedT("en");
    expect([20, 60, 3 * 60].map((seconds) => formatDuration(seconds, en))).toEqual(["1 minute", "1 minute", "3 minutes"]);
    expect([2 * 3600, 5 * 3600, 11 * 3600, 36 * 3600].map((seconds) => formatDuration(seconds, ar))).toEqual(["ساعتان", "5 ساعات", "11 ساعة", "36 ساعة"]);
    expect([3 * 86400, 100 * 86400].map((seconds) => formatDuration(seconds, ar))).toEqual(["3 أيام", "100 يوم"]);
    expect(formatDuration(null, en)).toBe("—");
  });

  it("marks a value axis at round numbers, from 0 to at least the highest value", () => {
    expect(axisMarks(0)).toEqual([0, 1]);
    expect(axisMarks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisMarks(52)).toEqual([0, 20, 40, 60]);
    expect(axisMarks(1_234)).toEqual([0, 500, 1000, 1500]);
  });
});
