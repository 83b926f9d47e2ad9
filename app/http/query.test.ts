import { describe, expect, it } from "vitest";
import { addressOfAsked } from "./query";

describe("the address of a search", () => {
  it("keeps only the fields asked, or says it already does", () => {
    expect(addressOfAsked(new URL("http://x/staff/admin/audit?actor=admin&person=&action=auth.signed-in&from="))).toBe(
      "/staff/admin/audit?actor=admin&action=auth.signed-in",
    );
    expect(addressOfAsked(new URL("http://x/staff/reports?from=&to="))).toBe("/staff/reports");
    expect(addressOfAsked(new URL("http://x/staff/reports?service=social-loan"))).toBeNull();
    expect(addressOfAsked(new URL("http://x/staff/reports?from=2026-11-05"))).toBeNull();
  });

  it("joins a day's three boxes into one field, Arabic-Indic digits made Western, and keeps a half-typed day for its check to refuse", () => {
    const boxes = (day: string, month: string, year: string) =>
      `from%5Bday%5D=${encodeURIComponent(day)}&from%5Bmonth%5D=${encodeURIComponent(month)}&from%5Byear%5D=${encodeURIComponent(year)}`;
    expect(addressOfAsked(new URL(`http://x/staff/reports?${boxes("5", "11", "2026")}&to%5Bday%5D=&to%5Bmonth%5D=&to%5Byear%5D=&service=`))).toBe(
      "/staff/reports?from=2026-11-05",
    );
    expect(addressOfAsked(new URL(`http://x/staff/reports?${boxes("٧", "١٢", "٢٠٢٦")}`))).toBe("/staff/reports?from=2026-12-07");
    expect(addressOfAsked(new URL(`http://x/staff/reports?${boxes("", "11", "2026")}`))).toBe("/staff/reports?from=2026-11-");
  });
});
