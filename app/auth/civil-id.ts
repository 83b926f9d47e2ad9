import { toWesternDigits } from "~/i18n/digits";

/** A civil ID that passed every check; only `parseCivilId` makes one. */
export type CivilId = string & { readonly __brand: "CivilId" };

export type CivilIdProblem = "required" | "format" | "birth-date" | "check-digit";
export type CivilIdResult = { ok: true; civilId: CivilId; birthDate: string } | { ok: false; problem: CivilIdProblem };

const WEIGHTS = [2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CENTURY: Record<string, number> = { "1": 1800, "2": 1900, "3": 2000 };

export function civilIdCheckDigit(first11: string): number | null {
  let sum = 0;
  WEIGHTS.forEach((weight, index) => {
    sum += weight * Number(first11[index]);
  });
  const check = 11 - (sum % 11);
  return check >= 10 ? null : check;
}

/**
 * Kuwaiti civil ID: 12 digits; the first (1–3) gives the century of birth, the next six are the
 * birth date YYMMDD, the last is a check digit over the first eleven. Accepts Arabic-Indic digits
 * and spaces or dashes between groups, as people type them.
 */
export function parseCivilId(input: string): CivilIdResult {
  const digits = toWesternDigits(input).replace(/[\s\-‐–]/g, "");
  if (digits.length === 0) return { ok: false, problem: "required" };
  if (!/^[1-3]\d{11}$/.test(digits)) return { ok: false, problem: "format" };
  const century = CENTURY[digits[0]!]!;
  const year = century + Number(digits.slice(1, 3));
  const month = Number(digits.slice(3, 5));
  const day = Number(digits.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: "birth-date" };
  }
  if (civilIdCheckDigit(digits.slice(0, 11)) !== Number(digits[11])) return { ok: false, problem: "check-digit" };
  const birthDate = `${year}-${digits.slice(3, 5)}-${digits.slice(5, 7)}`;
  return { ok: true, civilId: digits as CivilId, birthDate };
}

/** Builds a valid civil ID from a birth date and a 4-digit serial (demo data and tests). */
export function makeCivilId(birthDate: string, serial: number): CivilId {
  const [yearText, month, day] = birthDate.split("-");
  const year = Number(yearText);
  const centuryDigit = year >= 2000 ? "3" : year >= 1900 ? "2" : "1";
  for (let candidate = serial; candidate < serial + 10_000; candidate++) {
    const first11 = `${centuryDigit}${String(year % 100).padStart(2, "0")}${month}${day}${String(candidate % 10_000).padStart(4, "0")}`;
    const check = civilIdCheckDigit(first11);
    if (check !== null) return `${first11}${check}` as CivilId;
  }
  throw new Error(`No valid civil ID for ${birthDate}`);
}
