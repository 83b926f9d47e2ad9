import { describe, expect, it } from "vitest";
import { i18nFor } from "../i18n/resources.server";
import { buildPageView } from "./field-view";
import { answerIs } from "./rules";
import type { Facts, FormPage } from "./types";

const facts = (answers: Record<string, unknown>): Facts => ({
  answers,
  lookups: {},
  results: {},
  applicant: { personId: "p", civilId: "288020122596" },
  reference: "",
  today: "2026-12-03",
});
const page: FormPage = {
  id: "licence",
  title: { ar: "الترخيص", en: "The licence" },
  fields: [
    {
      id: "licence",
      type: "select",
      label: { ar: "الترخيص", en: "Licence" },
      isRequired: true,
      options: [
        { value: "ML-2024-000001", label: { ar: "ترخيص محل", en: "Shop licence" } },
        { value: "other", label: { ar: "ترخيص آخر", en: "Another licence" } },
      ],
    },
    {
      id: "number",
      type: "text",
      label: { ar: "رقم الترخيص", en: "Licence number" },
      isRequired: true,
      showIf: answerIs("licence", "other"),
      pattern: { regex: "^[A-Za-z]{2}-\\d{4}-\\d{6}$", message: { ar: "اكتب الرقم", en: "Type the number" } },
    },
    { id: "note", type: "text", label: { ar: "ملاحظة", en: "Note" }, isRequired: false },
  ],
};
const view = (answers: Record<string, unknown>) => buildPageView(page, facts(answers), "en", i18nFor("en").getFixedT("en", "forms")).fields;

describe("a page's fields as shown", () => {
  it("keeps a field that a choice on the page reveals, hidden until that choice is made, with the values that show it", () => {
    const [, number] = view({});
    expect(number).toMatchObject({ name: "number", isHidden: true, reveal: { control: "licence", values: ["other"] } });
    expect(view({ licence: "other" })[1]).toMatchObject({ isHidden: false });
    expect(view({ licence: "ML-2024-000001" })[1]).toMatchObject({ isHidden: true });
  });

  it("types a value of Latin letters and digits left to right, and free text in the page's direction", () => {
    const [, number, note] = view({ licence: "other" });
    expect(number).toMatchObject({ type: "text", isLatin: true });
    expect(note).toMatchObject({ type: "text", isLatin: false, reveal: null, isHidden: false });
  });
});
