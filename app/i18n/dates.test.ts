import { describe, expect, it } from "vitest";
import { addDays, addMonths, addYears, ageOn, firstOfNextMonth, laterOf, monthsStartedSince, kuwaitMoment, kuwaitTime, kuwaitToday } from "./dates";

describe("calendar arithmetic", () => {
  it("adds days, months and years across month ends and leap years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-22", -12)).toBe("2025-11-22");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
  });

  it("counts whole years of age, turning on the birthday", () => {
    expect(ageOn("2005-11-22", "2026-11-21")).toBe(20);
    expect(ageOn("2005-11-22", "2026-11-22")).toBe(21);
  });

  it("counts the months begun since a date", () => {
    expect(monthsStartedSince("2026-08-22", "2026-08-22")).toBe(0);
    expect(monthsStartedSince("2026-08-22", "2026-08-23")).toBe(1);
    expect(monthsStartedSince("2026-08-22", "2026-09-22")).toBe(1);
    expect(monthsStartedSince("2026-08-22", "2026-09-23")).toBe(2);
    expect(monthsStartedSince("2026-08-22", "2026-11-22")).toBe(3);
  });

  it("finds the first of next month and the later of two dates", () => {
    expect(firstOfNextMonth("2026-12-15")).toBe("2027-01-01");
    expect(laterOf("2026-01-02", "2025-12-31")).toBe("2026-01-02");
  });
});

describe("a moment typed in Kuwait's time", () => {
  it("is read as UTC+3, and written back the same", () => {
    const moment = kuwaitMoment("2026-12-02T08:30");
    expect(moment?.toISOString()).toBe("2026-12-02T05:30:00.000Z");
    expect(`${kuwaitToday(moment!)}T${kuwaitTime(moment!)}`).toBe("2026-12-02T08:30");
  });

  it("is null when it is not a date and time that exists", () => {
    for (const typed of ["", "tomorrow", "2026-02-30T10:00", "2026-12-02T25:00", "2026-12-02 08:30", "2026-12-02T08:30:00"])
      expect(kuwaitMoment(typed)).toBeNull();
  });
});
