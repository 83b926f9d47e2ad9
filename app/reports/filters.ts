import { addDays, daysBetween, readDay } from "../i18n/dates";
import { toWesternDigits } from "../i18n/digits";

// The reports' choices, as their form sends them (GET, so that a report can be bookmarked and
// downloaded as it is shown): a range of Kuwait's days, one service or all of those in scope, and
// counts per day or per week. Unset, the last 30 days, all services, per day.

export const reportBuckets = ["day", "week"] as const;
export type ReportBucket = (typeof reportBuckets)[number];

export const reportFilterFields = ["from", "to", "service", "bucket"] as const;
export type ReportFilterField = (typeof reportFilterFields)[number];

export interface ReportFilters {
  /** Days in Kuwait, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** One service, or null for every service the reader may see. */
  service: string | null;
  bucket: ReportBucket;
}

export type ReportFilterProblem = "from.format" | "to.format" | "to.before-from" | "to.too-long" | "service.unknown";
export type ReportFilterProblems = Partial<Record<ReportFilterField, ReportFilterProblem>>;

/** The longest range a report covers: a year and a day, for a leap year's whole year. */
export const MAX_REPORT_DAYS = 366;
export const DEFAULT_REPORT_DAYS = 30;

/** Whole days from one date to another. */

export function readReportFilters(params: URLSearchParams, input: { today: string; services: readonly string[] }) {
  const values = Object.fromEntries(reportFilterFields.map((field) => [field, toWesternDigits((params.get(field) ?? "").trim()).slice(0, 40)])) as Record<
    ReportFilterField,
    string
  >;
  const problems: ReportFilterProblems = {};
  const to = values.to ? readDay(values.to) : input.today;
  if (!to) problems.to = "to.format";
  const from = values.from ? readDay(values.from) : addDays(to ?? input.today, -(DEFAULT_REPORT_DAYS - 1));
  if (!from) problems.from = "from.format";
  if (from && to && to < from) problems.to = "to.before-from";
  else if (from && to && daysBetween(from, to) + 1 > MAX_REPORT_DAYS) problems.to = "to.too-long";
  const service = values.service || null;
  if (service && !input.services.includes(service)) problems.service = "service.unknown";
  const bucket = reportBuckets.find((candidate) => candidate === values.bucket) ?? "day";
  const filters: ReportFilters = { from: from ?? input.today, to: to ?? input.today, service: problems.service ? null : service, bucket };
  return { filters, values: { ...values, from: values.from || filters.from, to: values.to || filters.to, bucket }, problems };
}

/** The first day of each bucket from `from` to `to`: every day, or every week's Sunday (Kuwait's week begins on Sunday). */
export function bucketStarts(filters: Pick<ReportFilters, "from" | "to" | "bucket">): string[] {
  const first = filters.bucket === "day" ? filters.from : addDays(filters.from, -new Date(`${filters.from}T00:00:00Z`).getUTCDay());
  const starts: string[] = [];
  for (let day = first; day <= filters.to; day = addDays(day, filters.bucket === "day" ? 1 : 7)) starts.push(day);
  return starts;
}
