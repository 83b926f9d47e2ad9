import { describe, expect, it } from "vitest";
import { foreignWords } from "../setup/one-language";

// The rule the browser tests and the certificate check apply to every page and certificate.
describe("one language per text", () => {
  it("finds the registry's Latin names in Arabic text, as pages showed them before registries held both languages", () => {
    expect(foreignWords("Al-Shamiya، قطعة 7، شارع Al-Shamiya St، مبنى 112، capital", "ar")).toEqual(["Al-Shamiya", "Al-Shamiya", "St", "capital"]);
    expect(foreignWords("Nasser Hamad Al-Marri (kiosk)", "ar")).toEqual(["Nasser", "Hamad", "Al-Marri", "kiosk"]);
  });

  it("finds Arabic in English text", () => {
    expect(foreignWords("Al-Oyoun, block 4, street 12, building 40, الدور الأرضي - محل 3", "en")).toEqual(["الدور", "الأرضي", "محل"]);
  });

  it("lets codes, references, addresses and isolated examples stand in Arabic text", () => {
    expect(foreignWords("رقم الطلب NAF-2026-000123 والرقم الآلي 16042817 وترخيص FSL-2025-000287", "ar")).toEqual([]);
    expect(foreignWords("راسلنا على help@nafitha.example أو زر https://nafitha.example/verify", "ar")).toEqual([]);
    expect(foreignWords("أحرف إنجليزية صغيرة (مثل \u2066civil-id-renewal\u2069) أو ملف \u2066CSV\u2069", "ar")).toEqual([]);
    expect(foreignWords("ملف PDF يُدفع عبر KNET إلى الحساب KW•• •••• ••12 34", "ar")).toEqual([]);
  });

  it("passes text written in one language", () => {
    expect(foreignWords("الشامية، قطعة 7، شارع الشامية، مبنى 112، محافظة العاصمة", "ar")).toEqual([]);
    expect(foreignWords("Al-Shamiya, block 7, Al-Shamiya Street, building 112, Capital", "en")).toEqual([]);
  });
});
