import { describe, expect, it } from "vitest";
import { datePartsOf, joinDateParts } from "./date-parts";

const joined = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(entries)) form.append(name, value);
  return Object.fromEntries(joinDateParts(form));
};

describe("a date asked as day, month and year", () => {
  it("joins the boxes into the field's value, in Western digits, padded", () => {
    expect(joined({ "contractDate[day]": "7", "contractDate[month]": "3", "contractDate[year]": "2026", other: "x" })).toEqual({
      contractDate: "2026-03-07",
      other: "x",
    });
    expect(joined({ "d[day]": "٣٠", "d[month]": "١١", "d[year]": "٢٠٢٦" })).toEqual({ d: "2026-11-30" });
    expect(joined({ "d[day]": " 05 ", "d[month]": "12", "d[year]": "2026" })).toEqual({ d: "2026-12-05" });
  });

  it("leaves an empty date empty, and a half-typed one for the check to refuse", () => {
    expect(joined({ "d[day]": "", "d[month]": "", "d[year]": "" })).toEqual({ d: "" });
    expect(joined({ "d[day]": "31", "d[month]": "", "d[year]": "2026" })).toEqual({ d: "2026--31" });
  });

  it("shows a saved or typed value in its boxes again", () => {
    expect(datePartsOf("2026-03-07")).toEqual({ day: "07", month: "03", year: "2026" });
    expect(datePartsOf("2026--31")).toEqual({ day: "31", month: "", year: "2026" });
    expect(datePartsOf("")).toEqual({ day: "", month: "", year: "" });
  });
});
