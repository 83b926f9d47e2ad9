import { describe, expect, it } from "vitest";
import { certificateCodeOf, digitsOfCode } from "./typed-codes";

describe("codes as people type them", () => {
  it.each([
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["123-456.", "123456"],
    ["(123456)", "123456"],
    ["«١٢٣٤٥٦»", "123456"],
    ["۱۲۳-۴۵۶", "123456"],
    ["\u200f123456\u200e", "123456"],
    ["12a456", "12a456"],
  ])("the one-time code %j is %j", (typed, code) => {
    expect(digitsOfCode(typed)).toBe(code);
  });

  it.each([
    ["Ab3dE-f_9hIjKlMnOpQr", "Ab3dE-f_9hIjKlMnOpQr"],
    ["  Ab3dE-f_9hIjKlMnOpQr.", "Ab3dE-f_9hIjKlMnOpQr"],
    ['"Ab3dE-f_9hIjKlMnOpQr",', "Ab3dE-f_9hIjKlMnOpQr"],
    ["«Ab3dE-f_9hIj KlMnOpQr»", "Ab3dE-f_9hIjKlMnOpQr"],
    ["-Ab3dE-f_9hIjKlMnOpQ_", "-Ab3dE-f_9hIjKlMnOpQ_"],
    ["\u202bAb3dE-f_9hIjKlMnOpQr\u202c", "Ab3dE-f_9hIjKlMnOpQr"],
  ])("the certificate code %j is %j", (typed, code) => {
    expect(certificateCodeOf(typed)).toBe(code);
  });
});
