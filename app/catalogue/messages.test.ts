import { describe, expect, it } from "vitest";
import { i18nFor } from "../i18n/resources.server";
import { describeProblem } from "./messages";
import type { Field } from "./types";

const amount: Field = { id: "amount", type: "money", label: { ar: "المبلغ المطلوب", en: "Amount requested" }, isRequired: true, minFils: 100_000 };
const reason: Field = {
  id: "reason",
  type: "select",
  label: { ar: "السبب", en: "Reason" },
  isRequired: true,
  options: [{ value: "x", label: { ar: "س", en: "X" } }],
};
const tr = (lang: "ar" | "en") => i18nFor(lang).getFixedT(lang, "forms");

describe("field problems in both languages", () => {
  it("name the field and put numbers, money and dates in the page's language", () => {
    expect(describeProblem(tr("en"), amount, { code: "required" }, "en")).toBe("Enter the amount requested");
    expect(describeProblem(tr("ar"), amount, { code: "required" }, "ar")).toBe("أدخل المبلغ المطلوب");
    expect(describeProblem(tr("en"), amount, { code: "too-small", params: { minFils: 100_000 } }, "en")).toBe(
      "Amount requested must be KWD\u00a0100.000 or more",
    );
    expect(describeProblem(tr("ar"), amount, { code: "too-small", params: { minFils: 100_000 } }, "ar")).toContain("يجب ألا يقل المبلغ المطلوب عن");
  });

  it("ask to choose rather than enter for a choice", () => {
    expect(describeProblem(tr("en"), reason, { code: "required" }, "en")).toBe("Choose the reason");
    expect(describeProblem(tr("ar"), reason, { code: "required" }, "ar")).toBe("اختر السبب");
  });

  it("use the service's own words for its patterns", () => {
    expect(describeProblem(tr("ar"), amount, { code: "pattern", text: { ar: "نص الخدمة", en: "Service text" } }, "ar")).toBe("نص الخدمة");
  });
});
