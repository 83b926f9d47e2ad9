import { describe, expect, it } from "vitest";
import { operations } from "../agencies";
import { showAnswer } from "./answer-facts";
import { formatMoney } from "../i18n/format";

const words = (lang: "ar" | "en") => ({
  yes: lang === "ar" ? "نعم" : "Yes",
  no: lang === "ar" ? "لا" : "No",
  money: (fils: number) => formatMoney(fils, lang),
  date: (iso: string) => iso,
  count: (value: number) => String(value),
});
const read = (operation: string, answer: unknown, lang: "ar" | "en") => {
  const contract = operations.get(operation)!;
  return showAnswer(contract.present(contract.response.parse(answer)), lang, words(lang));
};

describe("an agency's answer as a clerk reads it", () => {
  it("shows PIFSS's employment as the employer, the salary in KWD, the start and whether it goes on, in the reader's language", () => {
    const answer = {
      employments: [
        { employerAr: "وزارة التربية", employerEn: "Ministry of Education", startDate: "2015-09-01", monthlySalaryFils: 1_250_000, isActive: true },
      ],
    };
    expect(read("pifss.employment", answer, "ar")).toEqual([
      {
        title: "العمل 1",
        facts: [
          { label: "جهة العمل", value: "وزارة التربية", isLtr: false },
          { label: "الراتب الشهري", value: formatMoney(1_250_000, "ar"), isLtr: false },
          { label: "تاريخ بدء العمل", value: "2015-09-01", isLtr: false },
          { label: "على رأس العمل", value: "نعم", isLtr: false },
        ],
      },
    ]);
    expect(read("pifss.employment", answer, "en")[0]!.facts[0]).toEqual({ label: "Employer", value: "Ministry of Education", isLtr: false });
    expect(read("pifss.employment", { employments: [] }, "en")).toEqual([
      { title: null, facts: [{ label: "Employment", value: "No employment on record", isLtr: false }] },
    ]);
  });

  it("shows a municipal licence and each of its violations, paid or not", () => {
    const licence = {
      licenceNumber: "ML-2024-001398",
      kind: "shop",
      crNumber: "CR-100200",
      premisesNumber: "12345678",
      governorate: "capital",
      area: { ar: "شرق", en: "Sharq" },
      block: "2",
      street: { ar: "أحمد الجابر", en: "Ahmad Al-Jaber" },
      building: "14",
      unit: { ar: "الدور الأرضي، محل 3", en: "Ground floor, shop 3" },
      signAreaM2: null,
      issuedOn: "2024-01-10",
      expiresOn: "2026-01-09",
      violations: [{ descriptionAr: "إشغال الرصيف", descriptionEn: "Pavement obstruction", amountFils: 150_000, issuedOn: "2025-06-01", isPaid: false }],
    };
    const [main, fine] = read("km.licence", licence, "ar");
    expect(main!.facts.find((one) => one.label === "رقم الترخيص")).toEqual({ label: "رقم الترخيص", value: "ML-2024-001398", isLtr: true });
    // The registry's address in the reader's language only.
    expect(main!.facts.find((one) => one.label === "العنوان")?.value).toBe("شرق، قطعة 2، شارع أحمد الجابر، مبنى 14، الدور الأرضي، محل 3، محافظة العاصمة");
    expect(read("km.licence", licence, "en")[0]!.facts.find((one) => one.label === "Address")?.value).toBe(
      "Sharq, block 2, Ahmad Al-Jaber Street, building 14, Ground floor, shop 3, Capital",
    );
    expect(fine).toEqual({
      title: "المخالفة 1",
      facts: [
        { label: "الوصف", value: "إشغال الرصيف", isLtr: false },
        { label: "المبلغ", value: formatMoney(150_000, "ar"), isLtr: false },
        { label: "تاريخ المخالفة", value: "2025-06-01", isLtr: false },
        { label: "مسدَّدة", value: "لا", isLtr: false },
      ],
    });
  });
});
