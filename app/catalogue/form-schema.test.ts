import { describe, expect, it } from "vitest";
import { everythingService } from "../../tests/fixtures/everything-service";
import { normalisePhone, validatePage } from "./form-schema";
import type { Facts } from "./types";

const [basics, largeAmount] = everythingService.pages as [(typeof everythingService.pages)[0], (typeof everythingService.pages)[0]];
const factsWith = (answers: Record<string, unknown>): Facts => ({
  answers,
  lookups: {},
  results: {},
  applicant: { personId: "p", civilId: "288020122596" },
  reference: "",
  today: "2026-11-22",
});
const valid = { contractNumber: "MOJ-1", contractDate: "2026-06-01", amount: "4,000.5", months: "٦٠", reason: "marriage", phone: "+965 9912 3456" };
const check = (answers: Record<string, unknown>) => validatePage(basics, answers, factsWith(answers));

describe("page validation derived from the definition", () => {
  it("accepts valid answers and returns them as the rules read them", () => {
    expect(check(valid)).toEqual({
      ok: true,
      values: { contractNumber: "MOJ-1", contractDate: "2026-06-01", amount: 4_000_500, months: 60, reason: "marriage", phone: "+96599123456", children: [] },
    });
  });

  it("does not ask prefilled fields", () => {
    const result = check({ ...valid, fullName: "typed by hand" });
    expect(result.ok && "fullName" in result.values).toBe(false);
  });

  it.each([
    [{ contractNumber: "" }, "contractNumber", { code: "required" }],
    [{ contractNumber: "x".repeat(41) }, "contractNumber", { code: "too-long", params: { max: 40 } }],
    [{ contractDate: "2026-02-30" }, "contractDate", { code: "not-a-date" }],
    [{ contractDate: "2200-01-01" }, "contractDate", { code: "too-late", params: { date: "2100-01-01" } }],
    [{ amount: "12.3456" }, "amount", { code: "money-format" }],
    [{ amount: "50" }, "amount", { code: "too-small", params: { minFils: 100_000 } }],
    [{ months: "2.5" }, "months", { code: "not-an-integer" }],
    [{ months: "121" }, "months", { code: "too-large", params: { max: 120 } }],
    [{ reason: "fun" }, "reason", { code: "not-an-option" }],
    [{ phone: "12345" }, "phone", { code: "phone-format" }],
    [{ guarantor: "288020122597" }, "guarantor", { code: "civil-id-check-digit" }],
    [
      { contractCopy: { id: "f", name: "x.exe", mime: "application/x-msdownload", size: 10 } },
      "contractCopy",
      { code: "file-type", params: { accept: "application/pdf, image/jpeg, image/png" } },
    ],
    [
      { contractCopy: { id: "f", name: "x.pdf", mime: "application/pdf", size: 6 * 1024 * 1024 } },
      "contractCopy",
      { code: "file-too-large", params: { maxBytes: 5 * 1024 * 1024 } },
    ],
    [{ children: [{}, {}, {}, {}] }, "children", { code: "too-many-items", params: { max: 3 } }],
    [{ children: [{ childName: "Sara", childBirthDate: "2020-13-01" }] }, "children.0.childBirthDate", { code: "not-a-date" }],
  ])("explains %j at %s", (change, path, expected) => {
    const result = check({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[path]).toEqual(expected);
  });

  it("asks a conditional field only when its condition holds", () => {
    expect(check({ ...valid, reason: "other" })).toMatchObject({ ok: false, problems: { otherReason: { code: "required" } } });
    expect(check({ ...valid, reason: "other", otherReason: "A new car" }).ok).toBe(true);
  });

  it("validates a page's own fields (a page skipped by its condition is the engine's to skip)", () => {
    expect(validatePage(largeAmount, {}, factsWith({ amount: 6_000_000 }))).toMatchObject({ ok: false, problems: { justification: { code: "required" } } });
  });
});

describe("normalisePhone", () => {
  it.each([
    ["99123456", "+96599123456"],
    ["+965 9912 3456", "+96599123456"],
    ["00965-6623-4567", "+96566234567"],
    ["٩٩١٢٣٤٥٦", "+96599123456"],
  ])("reads %s", (input, expected) => expect(normalisePhone(input)).toBe(expected));
  it.each(["9912345", "19912345", "+966 9912 3456"])("refuses %s", (input) => expect(normalisePhone(input)).toBeNull());
});
