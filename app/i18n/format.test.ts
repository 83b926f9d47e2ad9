import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, formatNumber, parseDinarsToFils } from "./format";

describe("formatMoney", () => {
  it("shows fils as dinars with three decimals, exactly", () => {
    expect(formatMoney(1_234_500, "en")).toBe("KWD\u00a01,234.500");
    expect(formatMoney(5, "en")).toBe("KWD\u00a00.005");
    expect(formatMoney(9_007_199_254_740_991, "en")).toBe("KWD\u00a09,007,199,254,740.991");
    expect(formatMoney(-250, "en")).toBe("-KWD\u00a00.250");
  });

  it("uses the Arabic dinar sign and Western digits in Arabic", () => {
    const text = formatMoney(1_234_500, "ar");
    expect(text).toContain("1,234.500");
    expect(text).toContain("د.ك");
  });

  it("refuses fractions of a fils", () => {
    expect(() => formatMoney(1.5, "en")).toThrow(RangeError);
  });
});

describe("parseDinarsToFils", () => {
  it.each([
    ["12", 12_000],
    ["12.5", 12_500],
    ["0.050", 50],
    ["12٫250", 12_250],
  ])("%s → %i fils", (text, fils) => expect(parseDinarsToFils(text)).toBe(fils));

  it.each(["", "1.2345", "-1", "abc", "1,000"])("refuses %j", (text) => expect(parseDinarsToFils(text)).toBeNull());
});

describe("dates", () => {
  // 2026-11-21T22:30Z is already 22 November in Kuwait (UTC+3).
  const lateEvening = new Date("2026-11-21T22:30:00Z");

  it("are shown in Kuwait time", () => {
    expect(formatDate(lateEvening, "en")).toBe("22 November 2026");
    expect(formatDateTime(lateEvening, "en")).toContain("01:30");
  });

  it("have an Umm al-Qura Hijri form in both languages", () => {
    const hijriEn = formatDate(lateEvening, "en", { calendar: "islamic-umalqura" });
    expect(hijriEn).toMatch(/1448 AH/);
    expect(formatDate(lateEvening, "ar", { calendar: "islamic-umalqura" })).toMatch(/1448/);
  });

  it("use Arabic month names with Western digits in Arabic", () => {
    expect(formatDate(lateEvening, "ar")).toBe("22 نوفمبر 2026");
  });
});

describe("formatNumber", () => {
  it("groups thousands", () => {
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1234567, "ar")).toBe("1,234,567");
  });
});
