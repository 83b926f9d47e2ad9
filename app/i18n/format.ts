import type { Language } from "./config";

// The one place numbers, money and dates become text. Arabic pages use Western digits
// (see README, Decisions), Kuwait's time zone, and the Umm al-Qura calendar for Hijri dates.
export const TIME_ZONE = "Asia/Kuwait";
const FILS_PER_DINAR = 1000;

const localeOf = (language: Language, calendar: "gregory" | "islamic-umalqura" = "gregory") =>
  language === "ar" ? `ar-KW-u-ca-${calendar}-nu-latn` : `en-GB-u-ca-${calendar}-nu-latn`;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(value: number, language: Language): string {
  return cached(`n:${language}`, () => new Intl.NumberFormat(localeOf(language))).format(value);
}

/** A share (0 to 1) as a percentage with at most one decimal: "37.5%". */
export function formatPercent(share: number, language: Language): string {
  return cached(`p:${language}`, () => new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 1 })).format(share);
}

/** A day and month, short, for a chart's axis: "1 Dec", "1 ديسمبر". */
export function formatDayMonth(date: Date, language: Language): string {
  return cached(`dm:${language}`, () => new Intl.DateTimeFormat(localeOf(language), { day: "numeric", month: "short", timeZone: TIME_ZONE })).format(date);
}

/** Money is held as integer fils (1 KWD = 1000 fils) and shown in dinars with three decimals. */
export function formatMoney(fils: number, language: Language): string {
  if (!Number.isSafeInteger(fils)) throw new RangeError(`Money must be a whole number of fils, got ${fils}`);
  const sign = fils < 0 ? "-" : "";
  const absolute = Math.abs(fils);
  // Formatting a decimal string keeps the arithmetic exact, whatever the amount.
  const decimal = `${sign}${Math.floor(absolute / FILS_PER_DINAR)}.${String(absolute % FILS_PER_DINAR).padStart(3, "0")}`;
  const formatter = cached(
    `m:${language}`,
    () =>
      new Intl.NumberFormat(localeOf(language), {
        style: "currency",
        currency: "KWD",
        currencyDisplay: language === "ar" ? "symbol" : "code",
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
      }),
  );
  return formatter.format(decimal as unknown as number);
}

/** Parses "12.5", "12.500" or "١٢٫٥" (after digit normalisation) dinars into integer fils. */
export function parseDinarsToFils(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.٫](\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * FILS_PER_DINAR + Number((match[2] ?? "").padEnd(3, "0"));
}

export type DateStyle = "long" | "medium" | "short";

export function formatDate(date: Date, language: Language, options: { calendar?: "gregory" | "islamic-umalqura"; style?: DateStyle } = {}): string {
  const calendar = options.calendar ?? "gregory";
  const style = options.style ?? "long";
  return cached(
    `d:${language}:${calendar}:${style}`,
    () => new Intl.DateTimeFormat(localeOf(language, calendar), { dateStyle: style, timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatDateTime(date: Date, language: Language): string {
  return cached(
    `dt:${language}`,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: TIME_ZONE,
        hourCycle: "h23",
      }),
  ).format(date);
}

/** The Gregorian date with its Umm al-Qura Hijri equivalent, as official documents print them. */
export function formatDateWithHijri(date: Date, language: Language): { gregorian: string; hijri: string } {
  return { gregorian: formatDate(date, language), hijri: formatDate(date, language, { calendar: "islamic-umalqura" }) };
}

const relativeFormatters: Record<Language, Intl.RelativeTimeFormat> = {
  ar: new Intl.RelativeTimeFormat("ar-KW-u-nu-latn", { numeric: "always" }),
  en: new Intl.RelativeTimeFormat("en-GB", { numeric: "always" }),
};

/** How far a moment is from now, in the language's own words ("in 5 hours", "قبل يومين"), to the largest whole unit. */
export function formatRelative(at: Date, language: Language, now = new Date()): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? ["minute", 60];
  return relativeFormatters[language].format(Math.trunc(seconds / size), unit);
}

const collators: Record<Language, Intl.Collator> = { ar: new Intl.Collator("ar"), en: new Intl.Collator("en") };

/** Orders two texts as the language sorts them (names, titles in a list). `a.localeCompare(b, lang)` would make a collator on every call. */
export function compareText(a: string, b: string, language: Language): number {
  return collators[language].compare(a, b);
}
