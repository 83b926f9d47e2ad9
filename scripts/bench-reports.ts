// npm run bench:reports — the reports against a million applications (BENCH_APPLICATIONS to change
// it) over two years, each with its history: an agency's answer, for seven in ten a staff task (one
// in eight of them late), a fee paid for the fire-safety services, and a decision. Then the report
// an administrator opens (every service, the last 30 days), one service over a year per week, and a
// supervisor's, each timed warm (median and p95 of its four queries together), beside one scan of
// the applications that no index can serve. On PGlite in memory by default; on PostgreSQL with DATABASE_URL.
import { openBenchDatabase, reportFigures, timeWarm } from "./bench-support";
import { sql } from "drizzle-orm";
import { integratedServices } from "../app/catalogue/services";
import { addDays, kuwaitToday } from "../app/i18n/dates";
import type { ReportFilters } from "../app/reports/filters";
import { reportData } from "../app/reports/report-page.server";
import { reportScopeOf } from "../app/reports/scope";

const N = Number(process.env.BENCH_APPLICATIONS ?? 1_000_000);
const RUNS = 10;

const handle = await openBenchDatabase();
try {
  const { db } = handle;
  console.log(`bench:reports on ${handle.driver}: making ${N.toLocaleString("en")} applications over two years…`);
  const started = performance.now();
  await db.execute(
    sql`insert into agencies (id, name_ar, name_en) values ('paci', 'الهيئة العامة للمعلومات المدنية', 'Public Authority for Civil Information'), ('kcb', 'بنك الائتمان الكويتي', 'Kuwait Credit Bank'), ('kff', 'قوة الإطفاء العام', 'Kuwait Fire Force'), ('km', 'بلدية الكويت', 'Kuwait Municipality') on conflict do nothing`,
  );
  await db.execute(sql`insert into people (civil_id, name_ar, name_en, nationality)
    select '2' || lpad((70000000000 + g)::text, 11, '0'), 'مقدم طلب ' || g, 'Applicant ' || g, 'KWT' from generate_series(1, ${Math.ceil(N / 4)}) g`);
  // Spread evenly over the last 730 days; decided 2 to 100 hours after submission; one in twelve still open.
  await db.execute(sql`insert into applications (reference, service_id, service_version, applicant_person_id, channel, status, submitted_at, decided_at, created_at)
    select 'NAF-' || (2000 + g / 1000000) || '-' || lpad((g % 1000000)::text, 6, '0'),
      (array['social-loan','fire-safety-licence','fire-safety-renewal','municipal-licence-renewal'])[1 + g % 4], 1, p.id, 'web',
      (case when g % 12 = 0 then 'in-progress' when g % 9 = 0 then 'rejected' when g % 23 = 0 then 'withdrawn' else 'approved' end)::application_status,
      now() - (g % 730) * interval '1 day' - (g % 24) * interval '1 hour',
      case when g % 12 = 0 then null else now() - (g % 730) * interval '1 day' - (g % 24) * interval '1 hour' + (2 + g % 99) * interval '1 hour' end,
      now() - (g % 730) * interval '1 day'
    from generate_series(1, ${N}) g
    join people p on p.civil_id = '2' || lpad((70000000000 + 1 + (g - 1) / 4)::text, 11, '0')`);
  await db.execute(sql`insert into step_instances (application_id, service_id, step_id, kind, state, agency_id, started_at, completed_at)
    select a.id, a.service_id, 'person', 'exchange', 'completed', 'paci', a.submitted_at, a.submitted_at + interval '2 seconds' from applications a`);
  await db.execute(sql`insert into step_instances (application_id, service_id, step_id, kind, state, agency_id, position, started_at, completed_at, deadline_at, late_at)
    select a.id, a.service_id, 'review', 'task', 'completed', 'kcb', 'loan-officer', a.submitted_at, a.decided_at - interval '5 minutes', a.submitted_at + interval '72 hours',
      case when hashtext(a.id::text) % 8 = 0 then a.submitted_at + interval '72 hours' end
    from applications a where a.decided_at is not null and hashtext(a.id::text) % 10 < 7`);
  await db.execute(sql`insert into payments (application_id, step_instance_id, payer_person_id, amount_fils, gateway, status, receipt_number, created_at, completed_at)
    select a.id, s.id, a.applicant_person_id, 25000, 'knet', 'paid', 'RCP-B-' || row_number() over (), a.submitted_at, a.submitted_at + interval '1 hour'
    from applications a join step_instances s on s.application_id = a.id and s.step_id = 'person'
    where a.service_id in ('fire-safety-licence', 'fire-safety-renewal') and a.decided_at is not null`);
  await db.execute(sql`analyze`);
  console.log(`  made in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const today = kuwaitToday();
  const admin = reportScopeOf([{ role: "admin", agencyId: null, position: null }], integratedServices)!;
  const supervisor = reportScopeOf([{ role: "supervisor", agencyId: "kff", position: null }], integratedServices)!;
  const month: ReportFilters = { from: addDays(today, -29), to: today, service: null, bucket: "day" };
  const cases: [string, () => Promise<unknown>][] = [
    ["every service, 30 days, per day", () => reportData({ db, scope: admin, services: integratedServices, filters: month })],
    [
      "one service, a year, per week",
      () =>
        reportData({
          db,
          scope: admin,
          services: integratedServices,
          filters: { from: addDays(today, -364), to: today, service: "social-loan", bucket: "week" },
        }),
    ],
    [
      "a supervisor's services, 90 days",
      () => reportData({ db, scope: supervisor, services: integratedServices, filters: { ...month, from: addDays(today, -89) } }),
    ],
  ];
  console.log("  report (its four queries), warm:                median      p95");
  const timed: { name: string; p95: number }[] = [];
  for (const [name, run] of cases) {
    const { median, p95 } = await timeWarm(run, RUNS, 2);
    timed.push({ name, p95 });
    console.log(`    ${name.padEnd(44)} ${median.toFixed(1).padStart(7)} ms ${p95.toFixed(1).padStart(8)} ms`);
  }
  const t0 = performance.now();
  await db.execute(
    sql`select count(*) from applications where (service_id || '') = 'social-loan' and submitted_at + interval '0 s' > now() - interval '30 days'`,
  );
  const scan = performance.now() - t0;
  console.log(`    baseline: one full scan of applications ${scan.toFixed(1).padStart(12)} ms`);
  reportFigures(
    "reports",
    timed.map(({ name, p95 }) => ({ figure: `${name}, p95`, value: p95, unit: "ms", baseline: { label: "one unindexed scan", value: scan } })),
    { applications: N, driver: handle.driver },
  );
} finally {
  await handle.close();
}
