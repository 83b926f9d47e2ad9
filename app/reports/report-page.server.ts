import type { Database } from "../../db/client";
import { listAgencies } from "../agencies/queries.server";
import type { ServiceDefinition } from "../catalogue/types";
import type { Language } from "../i18n/config";
import { addDays, kuwaitMidnight, kuwaitToday } from "../i18n/dates";
import { formatDate, formatDayMonth, formatMoney, formatNumber, formatPercent, compareText } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { CSV_BOM, csvLine } from "../http/csv";
import { bucketStarts, readReportFilters, reportFilterFields, type ReportFilters } from "./filters";
import { latestComments } from "../ratings/ratings.server";
import { durationsOf, feesOf, stepTimesOf, volumesOf, type DurationRow, type StepRow, type VolumeRow } from "./queries.server";
import type { ReportScope } from "./scope";

// The reports page and its downloads: the figures of queries.server.ts for the reader's services,
// summed per service, per agency and for all, said in the reader's language, and drawn.

type T = ReturnType<typeof getFixedT>;

const MINUTE = 60;
const HOUR = 3600;

/** A duration as people say it: minutes under an hour, hours under two days, then days. */
export function formatDuration(seconds: number | null, t: T): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < HOUR) return t("reports:duration.minutes", { count: Math.max(1, Math.round(seconds / MINUTE)) });
  if (seconds < 48 * HOUR) return t("reports:duration.hours", { count: Math.round(seconds / HOUR) });
  return t("reports:duration.days", { count: Math.round(seconds / (24 * HOUR)) });
}

/** Round marks for a value axis from 0 to at least `max`: 0, 1, 2, 5 or 10 times a power of ten apart. */
export function axisMarks(max: number, marks = 4): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / marks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough)!;
  const out: number[] = [];
  for (let value = 0; value < max + step; value += step) out.push(value);
  return out;
}

interface Totals {
  received: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  fils: number;
  tasks: number;
  late: number;
}
const noTotals = (): Totals => ({ received: 0, approved: 0, rejected: 0, withdrawn: 0, fils: 0, tasks: 0, late: 0 });

export async function reportData(input: { db: Database; scope: ReportScope; services: readonly ServiceDefinition[]; filters: ReportFilters }) {
  const { db, scope, filters } = input;
  const [volumes, durations, steps, fees] = await Promise.all([
    volumesOf(db, scope, filters),
    durationsOf(db, scope, filters),
    stepTimesOf(db, scope, filters),
    feesOf(db, scope, filters),
  ]);
  return { volumes, durations, steps, fees };
}

type Figures = Awaited<ReturnType<typeof reportData>>;

/** The totals of a service, of an agency (its services in the report) and of everything in the report. */
function totalsOf(scope: ReportScope, figures: Figures) {
  const key = (kind: "service" | "agency" | "all", id = "") => `${kind}:${id}`;
  const totals = new Map<string, Totals>();
  const agencyOf = new Map(scope.services.map((service) => [service.id, service.agency]));
  const add = (serviceId: string, change: (totals: Totals) => void) => {
    for (const name of [key("service", serviceId), key("agency", agencyOf.get(serviceId)), key("all")]) {
      if (!totals.has(name)) totals.set(name, noTotals());
      change(totals.get(name)!);
    }
  };
  for (const row of figures.volumes)
    add(row.serviceId, (sum) => {
      sum.received += row.received;
      sum.approved += row.approved;
      sum.rejected += row.rejected;
      sum.withdrawn += row.withdrawn;
    });
  for (const row of figures.fees) add(row.serviceId, (sum) => void (sum.fils += row.fils));
  for (const row of figures.steps.filter((step) => step.kind === "task"))
    add(row.serviceId, (sum) => {
      sum.tasks += row.completed;
      sum.late += row.late;
    });
  const durations = new Map(figures.durations.map((row) => [row.of.kind === "all" ? key("all") : key(row.of.kind, row.of.id), row]));
  return (kind: "service" | "agency" | "all", id?: string) => ({
    ...(totals.get(key(kind, id)) ?? noTotals()),
    duration: durations.get(key(kind, id)) as DurationRow | undefined,
  });
}

interface ReportInput {
  db: Database;
  scope: ReportScope;
  services: readonly ServiceDefinition[];
  params: URLSearchParams;
  lang: Language;
  t: T;
}

/** What the page and the downloads both start from: the reader's services, their choices read, the agencies named. */
async function readReport(input: ReportInput) {
  const services = input.services.filter((service) => input.scope.services.some((one) => one.id === service.id));
  const read = readReportFilters(input.params, { today: kuwaitToday(), services: services.map((service) => service.id) });
  const agencies = new Map((await listAgencies(input.db)).map((agency) => [agency.id, displayName(agency, input.lang)]));
  return { services, read, isReadable: Object.keys(read.problems).length === 0, agencies };
}

export async function reportPage(input: ReportInput & { isAdmin: boolean }) {
  const { db, scope, lang, t } = input;
  const { services, read, isReadable, agencies } = await readReport(input);
  const problems = Object.fromEntries(Object.entries(read.problems).map(([field, problem]) => [field, t(`reports:problems.${problem}`)])) as Partial<
    Record<(typeof reportFilterFields)[number], string>
  >;
  const filters = read.filters;
  const figures = isReadable ? await reportData({ db, scope, services, filters }) : { volumes: [], durations: [], steps: [], fees: [] };
  const comments = isReadable
    ? await latestComments(db, filters.service ? [filters.service] : services.map((service) => service.id), {
        start: kuwaitMidnight(filters.from),
        end: kuwaitMidnight(addDays(filters.to, 1)),
      })
    : [];
  const shown = filters.service ? services.filter((service) => service.id === filters.service) : services;
  const totals = totalsOf(scope, figures);
  const share = (part: number, whole: number) => (whole ? formatPercent(part / whole, lang) : "—");
  const row = (kind: "service" | "agency" | "all", id: string | undefined, name: string) => {
    const sum = totals(kind, id);
    const decided = sum.duration?.decided ?? 0;
    return {
      key: `${kind}:${id ?? ""}`,
      kind,
      name,
      received: formatNumber(sum.received, lang),
      approved: formatNumber(sum.approved, lang),
      rejected: formatNumber(sum.rejected, lang),
      withdrawn: formatNumber(sum.withdrawn, lang),
      median: formatDuration(sum.duration?.medianSeconds ?? null, t),
      p90: formatDuration(sum.duration?.p90Seconds ?? null, t),
      straightThrough: share(sum.duration?.straightThrough ?? 0, decided),
      late: share(sum.late, sum.tasks),
      fees: formatMoney(sum.fils, lang),
    };
  };
  const agencyIds = [...new Set(shown.map((service) => service.agency))];
  const summary = [
    ...agencyIds.flatMap((agencyId) => [
      ...shown.filter((service) => service.agency === agencyId).map((service) => row("service", service.id, service.title[lang])),
      ...(shown.filter((service) => service.agency === agencyId).length > 1
        ? [row("agency", agencyId, t("reports:summary.agencyTotal", { agency: agencies.get(agencyId) ?? agencyId }))]
        : []),
    ]),
    ...(agencyIds.length > 1 ? [row("all", undefined, t("reports:summary.allTotal"))] : []),
  ];

  // The volumes per bucket, of the services shown, for the chart and its table.
  const starts = bucketStarts(filters);
  const perBucket = new Map(starts.map((start) => [start, { received: 0, decided: 0 }]));
  for (const volume of figures.volumes as VolumeRow[]) {
    const bucket = perBucket.get(volume.bucket);
    if (!bucket) continue;
    bucket.received += volume.received;
    bucket.decided += volume.approved + volume.rejected + volume.withdrawn;
  }
  const bucketLabel = (start: string) => formatDayMonth(new Date(`${start}T12:00:00+03:00`), lang);
  const received = starts.map((start) => perBucket.get(start)!.received);
  const decided = starts.map((start) => perBucket.get(start)!.decided);
  const volumeMarks = axisMarks(Math.max(0, ...received, ...decided));

  const stepRows = (figures.steps as StepRow[])
    .map((step) => {
      const service = services.find((one) => one.id === step.serviceId);
      return { ...step, service: service?.title[lang] ?? step.serviceId, step: service?.workflow.steps[step.stepId]?.title[lang] ?? step.stepId };
    })
    .sort((a, b) => (a.service === b.service ? b.completed - a.completed : compareText(a.service, b.service, lang)));
  const slowest = [...stepRows].sort((a, b) => b.p90Seconds - a.p90Seconds).slice(0, 12);
  const hours = (seconds: number) => Math.round((seconds / HOUR) * 10) / 10;
  const stepMarks = axisMarks(Math.max(0, ...slowest.map((step) => hours(step.p90Seconds))));
  const query = new URLSearchParams(Object.entries(read.values).filter(([, value]) => value !== "")).toString();

  const readersAgencies = [...new Set(scope.services.map((service) => service.agency))];
  return {
    title: t("reports:meta"),
    lead: input.isAdmin
      ? t("reports:lead")
      : t("reports:leadSupervisor", { agencies: readersAgencies.map((id) => agencies.get(id) ?? id).join(t("audit:what.separator")) }),
    values: read.values,
    problems,
    isReadable,
    range: t("reports:range", {
      from: formatDate(new Date(`${filters.from}T12:00:00+03:00`), lang),
      to: formatDate(new Date(`${filters.to}T12:00:00+03:00`), lang),
    }),
    serviceOptions: services.map((service) => ({ value: service.id, label: service.title[lang] })),
    summary,
    volumes: {
      title: t(filters.bucket === "day" ? "reports:volumes.titleDay" : "reports:volumes.titleWeek"),
      description: t("reports:volumes.description", {
        received: formatNumber(
          received.reduce((a, b) => a + b, 0),
          lang,
        ),
        decided: formatNumber(
          decided.reduce((a, b) => a + b, 0),
          lang,
        ),
      }),
      categories: starts.map(bucketLabel),
      series: [
        { label: t("reports:volumes.received"), values: received, shown: received.map((value) => formatNumber(value, lang)) },
        { label: t("reports:volumes.decided"), values: decided, shown: decided.map((value) => formatNumber(value, lang)) },
      ],
      ticks: volumeMarks.map((value) => ({ value, label: formatNumber(value, lang) })),
      categoryHeading: t(filters.bucket === "day" ? "reports:volumes.day" : "reports:volumes.week"),
    },
    stepTimes: {
      title: t("reports:steps.chartTitle"),
      description: t("reports:steps.chartDescription"),
      categories: slowest.map((step) => (filters.service ? step.step : `${step.step} (${step.service})`)),
      series: [
        {
          label: t("reports:steps.median"),
          values: slowest.map((step) => hours(step.medianSeconds)),
          shown: slowest.map((step) => formatDuration(step.medianSeconds, t)),
        },
        {
          label: t("reports:steps.p90"),
          values: slowest.map((step) => hours(step.p90Seconds)),
          shown: slowest.map((step) => formatDuration(step.p90Seconds, t)),
        },
      ],
      ticks: stepMarks.map((value) => ({ value, label: formatNumber(value, lang) })),
      categoryHeading: t("reports:steps.step"),
    },
    steps: stepRows.map((step) => ({
      key: `${step.serviceId}:${step.stepId}`,
      service: step.service,
      step: step.step,
      kind: t(`reports:kinds.${step.kind as "task"}`),
      completed: formatNumber(step.completed, lang),
      median: formatDuration(step.medianSeconds, t),
      p90: formatDuration(step.p90Seconds, t),
      late: step.kind === "task" ? share(step.late, step.completed) : "—",
    })),
    comments: comments.map((comment) => ({
      key: comment.applicationId,
      at: formatDate(comment.ratedAt, lang),
      service: services.find((service) => service.id === comment.serviceId)?.title[lang] ?? comment.serviceId,
      rating: t("reports:comments.rating", { rating: comment.rating }),
      comment: comment.comment ?? "",
    })),
    exports: isReadable
      ? {
          summary: `/staff/reports/export?${new URLSearchParams([...new URLSearchParams(query), ["table", "summary"]])}`,
          volumes: `/staff/reports/export?${new URLSearchParams([...new URLSearchParams(query), ["table", "volumes"]])}`,
          steps: `/staff/reports/export?${new URLSearchParams([...new URLSearchParams(query), ["table", "steps"]])}`,
        }
      : null,
  };
}

export const reportTables = ["summary", "volumes", "steps"] as const;
export type ReportTable = (typeof reportTables)[number];

/**
 * One of the report's tables as CSV, in the reader's language: raw numbers (hours to two decimals,
 * dinars to three, counts rather than shares) for a spreadsheet to work on. Null when the choices
 * cannot be read (the page says why).
 */
export async function reportCsv(input: ReportInput & { table: ReportTable }) {
  const { db, scope, lang, t } = input;
  const { services, read, isReadable, agencies } = await readReport(input);
  if (!isReadable) return null;
  const filters = read.filters;
  const figures = await reportData({ db, scope, services, filters });
  const serviceOf = new Map(services.map((service) => [service.id, service]));
  const title = (id: string) => serviceOf.get(id)?.title[lang] ?? id;
  const agencyName = (serviceId: string) => agencies.get(serviceOf.get(serviceId)?.agency ?? "") ?? "";
  const hours = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? "" : (seconds / HOUR).toFixed(2));
  const dinars = (fils: number) => (fils / 1000).toFixed(3);
  const lines: string[] = [];
  const heading = (keys: readonly string[]) => lines.push(csvLine(keys.map((key) => t(`reports:csv.${key}` as "reports:csv.service"))));
  if (input.table === "summary") {
    heading([
      "service",
      "agency",
      "received",
      "approved",
      "rejected",
      "withdrawn",
      "decided",
      "medianHours",
      "p90Hours",
      "straightThrough",
      "tasks",
      "lateTasks",
      "fees",
    ]);
    const totals = totalsOf(scope, figures);
    const shown = filters.service ? services.filter((service) => service.id === filters.service) : services;
    const line = (name: string, agency: string, sum: ReturnType<typeof totals>) =>
      lines.push(
        csvLine([
          name,
          agency,
          String(sum.received),
          String(sum.approved),
          String(sum.rejected),
          String(sum.withdrawn),
          String(sum.duration?.decided ?? 0),
          hours(sum.duration?.medianSeconds),
          hours(sum.duration?.p90Seconds),
          String(sum.duration?.straightThrough ?? 0),
          String(sum.tasks),
          String(sum.late),
          dinars(sum.fils),
        ]),
      );
    for (const service of shown) line(title(service.id), agencyName(service.id), totals("service", service.id));
    for (const agencyId of new Set(shown.map((service) => service.agency)))
      line(t("reports:summary.agencyTotal", { agency: agencies.get(agencyId) ?? agencyId }), agencies.get(agencyId) ?? agencyId, totals("agency", agencyId));
    line(t("reports:summary.allTotal"), "", totals("all"));
  } else if (input.table === "volumes") {
    heading(["bucket", "service", "agency", "received", "approved", "rejected", "withdrawn", "fees"]);
    const fees = new Map(figures.fees.map((row) => [`${row.serviceId}|${row.bucket}`, row.fils]));
    const keys = new Set([...figures.volumes.map((row) => `${row.serviceId}|${row.bucket}`), ...fees.keys()]);
    const volumes = new Map(figures.volumes.map((row) => [`${row.serviceId}|${row.bucket}`, row]));
    for (const key of [...keys].sort((a, b) => (a.split("|")[1]! === b.split("|")[1]! ? (a < b ? -1 : 1) : a.split("|")[1]! < b.split("|")[1]! ? -1 : 1))) {
      const [serviceId, bucket] = key.split("|") as [string, string];
      const volume = volumes.get(key);
      lines.push(
        csvLine([
          bucket,
          title(serviceId),
          agencyName(serviceId),
          ...[volume?.received, volume?.approved, volume?.rejected, volume?.withdrawn].map((n) => String(n ?? 0)),
          dinars(fees.get(key) ?? 0),
        ]),
      );
    }
  } else {
    heading(["service", "agency", "step", "kind", "completed", "stepMedianHours", "stepP90Hours", "late"]);
    for (const step of [...figures.steps].sort((a, b) => (a.serviceId === b.serviceId ? b.completed - a.completed : a.serviceId < b.serviceId ? -1 : 1))) {
      const name = serviceOf.get(step.serviceId)?.workflow.steps[step.stepId]?.title[lang] ?? step.stepId;
      lines.push(
        csvLine([
          title(step.serviceId),
          agencyName(step.serviceId),
          name,
          t(`reports:kinds.${step.kind as "task"}`),
          String(step.completed),
          hours(step.medianSeconds),
          hours(step.p90Seconds),
          step.kind === "task" ? String(step.late) : "",
        ]),
      );
    }
  }
  return { body: CSV_BOM + lines.join(""), name: `nafitha-report-${input.table}-${filters.from}-${filters.to}.csv` };
}
