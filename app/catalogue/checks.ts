import { toWesternDigits } from "../i18n/digits";

// Checks a service can add to a field (Field.check). Isomorphic: they run in the browser too.

/** An IBAN in its electronic form: no spaces, capitals, Western digits. */
export function normaliseIban(input: string): string {
  return toWesternDigits(input).replace(/[\s-]/g, "").toUpperCase();
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(input: string): boolean {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A Kuwaiti IBAN: KW, two check digits, a 4-letter bank code and 22 characters: 30 in all. */
export function isKuwaitiIban(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const iban = normaliseIban(value);
  return /^KW\d{2}[A-Z]{4}[A-Z0-9]{22}$/.test(iban) && isValidIban(iban);
}
