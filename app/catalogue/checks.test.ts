import { describe, expect, it } from "vitest";
import { isKuwaitiIban, isValidIban, normaliseIban } from "./checks";
import { validatePage } from "./form-schema";
import type { FormPage } from "./types";

// KW81CBKU0000000000001234560101 is the Central Bank of Kuwait's published example.
const EXAMPLE = "KW81CBKU0000000000001234560101";

describe("IBAN checks", () => {
  it("accept the published Kuwaiti example, however it is typed", () => {
    expect(isKuwaitiIban(EXAMPLE)).toBe(true);
    expect(isKuwaitiIban("kw81 cbku 0000 0000 0000 1234 5601 01")).toBe(true);
    expect(normaliseIban("kw81 cbku ٠٠٠٠")).toBe("KW81CBKU0000");
  });

  it("refuse a wrong check digit, a wrong length and another country", () => {
    expect(isKuwaitiIban("KW82CBKU0000000000001234560101")).toBe(false);
    expect(isKuwaitiIban("KW81CBKU000000000000123456010")).toBe(false);
    expect(isKuwaitiIban("GB82WEST12345698765432")).toBe(false);
    expect(isValidIban("GB82WEST12345698765432")).toBe(true);
    expect(isKuwaitiIban(42)).toBe(false);
  });

  it("run as a field's check, with the service's own message", () => {
    const page: FormPage = {
      id: "p",
      title: { ar: "الحساب", en: "Account" },
      fields: [
        {
          id: "iban",
          type: "text",
          label: { ar: "رقم الآيبان", en: "IBAN" },
          isRequired: true,
          check: { test: isKuwaitiIban, message: { ar: "رقم الآيبان غير صحيح", en: "Enter a valid Kuwaiti IBAN" } },
        },
      ],
    };
    const facts = { answers: {}, lookups: {}, results: {}, applicant: { personId: "p", civilId: "288020122596" }, reference: "", today: "2026-11-22" };
    expect(validatePage(page, { iban: EXAMPLE }, facts)).toEqual({ ok: true, values: { iban: EXAMPLE } });
    expect(validatePage(page, { iban: "KW00" }, facts)).toEqual({
      ok: false,
      problems: { iban: { code: "pattern", text: { ar: "رقم الآيبان غير صحيح", en: "Enter a valid Kuwaiti IBAN" } } },
    });
    expect(validatePage(page, {}, facts)).toMatchObject({ ok: false, problems: { iban: { code: "required" } } });
  });
});
