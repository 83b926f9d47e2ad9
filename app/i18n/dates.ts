// Calendar arithmetic on plain dates (YYYY-MM-DD), as services' rules need it, and today's date
// in Kuwait: the one place dates are made. Isomorphic; only `kuwaitToday` knows the time zone.
import { TIME_ZONE } from "./format";

// Made once: a formatter costs far more to make than to use, and these are used on every page.
const dayInKuwait = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const timeInKuwait = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });

/** Today's date in Kuwait (or the date of a moment there), as YYYY-MM-DD. */
export function kuwaitToday(now = new Date()): string {
  return dayInKuwait.format(now);
}

/** The time of a moment in Kuwait, as HH:MM (24 hours). */
export function kuwaitTime(now = new Date()): string {
  return timeInKuwait.format(now);
}

/**
 * A moment typed as Kuwait's local date and time ("YYYY-MM-DDTHH:MM", what a datetime-local field
 * sends); null when it is not one. Kuwait keeps UTC+3 all year, without daylight saving.
 */
export function kuwaitMoment(local: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const moment = new Date(`${local}:00+03:00`);
  return Number.isNaN(moment.getTime()) || kuwaitToday(moment) !== local.slice(0, 10) ? null : moment;
}

/** A date typed as YYYY-MM-DD that is a real day of the calendar (not 2026-02-30), or null. */
export function readDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value ? value : null;
}

/** The moment a day (YYYY-MM-DD) begins in Kuwait. */
export const kuwaitMidnight = (day: string) => new Date(`${day}T00:00:00+03:00`);

const toDate = (date: string) => new Date(`${date}T00:00:00Z`);
const fromDate = (date: Date) => date.toISOString().slice(0, 10);

/** Whole days from one day (YYYY-MM-DD) to another: negative when `to` is before `from`. */
export const daysBetween = (from: string, to: string) => Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);

export function addDays(date: string, days: number): string {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}

/** Adds months, keeping the day where the month has it (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const d = toDate(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return fromDate(d);
}

export const addYears = (date: string, years: number) => addMonths(date, 12 * years);

/** Whole years from a birth date to a day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Months begun since a date (0 on or before it): a late fee "per started month". */
export function monthsStartedSince(date: string, day: string): number {
  if (day <= date) return 0;
  let months = 1;
  while (addMonths(date, months) < day) months++;
  return months;
}

/** The first day of the month after a date. */
export function firstOfNextMonth(date: string): string {
  return `${addMonths(`${date.slice(0, 7)}-01`, 1)}`;
}

export const laterOf = (a: string, b: string) => (a > b ? a : b);
