import { describe, expect, it } from "vitest";
import { makeCivilId, parseCivilId } from "./civil-id";

describe("parseCivilId", () => {
  it.each(["288020122596", "227081660516", "292091998298"])("accepts the known-valid %s", (id) => {
    expect(parseCivilId(id)).toMatchObject({ ok: true, civilId: id });
  });

  it("reads the birth date and century from the number", () => {
    expect(parseCivilId("288020122596")).toMatchObject({ birthDate: "1988-02-01" });
  });

  it("accepts Arabic-Indic and extended Arabic-Indic digits, and spaces between groups", () => {
    expect(parseCivilId("٢٨٨٠٢٠١٢٢٥٩٦")).toMatchObject({ ok: true, civilId: "288020122596" });
    expect(parseCivilId("۲۸۸۰۲۰۱۲۲۵۹۶")).toMatchObject({ ok: true, civilId: "288020122596" });
    expect(parseCivilId(" 2880 2012 2596 ")).toMatchObject({ ok: true, civilId: "288020122596" });
  });

  it.each([
    ["", "required"],
    ["28802012259", "format"],
    ["2880201225967", "format"],
    ["488020122596", "format"],
    ["28802012259a", "format"],
    ["288130122596", "birth-date"],
    ["288023022596", "birth-date"],
    ["288020122597", "check-digit"],
  ])("refuses %j as %s", (input, problem) => {
    expect(parseCivilId(input)).toEqual({ ok: false, problem });
  });
});

describe("makeCivilId", () => {
  it("makes numbers that parse back to the same birth date", () => {
    for (const [date, serial] of [
      ["1990-05-17", 1234],
      ["2001-12-31", 9],
      ["1965-01-01", 4321],
    ] as const) {
      const id = makeCivilId(date, serial);
      expect(parseCivilId(id)).toMatchObject({ ok: true, birthDate: date });
    }
  });
});
