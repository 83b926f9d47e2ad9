// npm run bench:inbox — the back office's inbox against a large case load: N applications (200,000
// by default; BENCH_APPLICATIONS=1000000 for a million) spread over the four services, each with a
// finished history and, for one in ten, an open task step of some agency. Then the inbox a loan
// officer opens (first page, a later page, a filter, a search by civil ID, the counts), timed
// warm: median and p95 of each, beside the time of one unindexed scan of the same steps, and the
// query plans' index use. On PGlite in memory by default; on PostgreSQL with DATABASE_URL.
import { openBenchDatabase, timeWarm } from "./bench-support";
import { sql } from "drizzle-orm";
import { listInboxPage } from "../app/back-office/inbox.server";

const N = Number(process.env.BENCH_APPLICATIONS ?? 200_000);
const RUNS = 30;

const handle = await openBenchDatabase();
try {
  const { db } = handle;
  console.log(`bench:inbox on ${handle.driver}: making ${N.toLocaleString("en")} applications…`);
  const started = performance.now();
  await db.execute(
    sql`insert into agencies (id, name_ar, name_en) values ('paci', 'الهيئة العامة للمعلومات المدنية', 'Public Authority for Civil Information'), ('kcb', 'بنك الائتمان الكويتي', 'Kuwait Credit Bank'), ('kff', 'قوة الإطفاء العام', 'Kuwait Fire Force'), ('km', 'بلدية الكويت', 'Kuwait Municipality') on conflict do nothing`,
  );
  // People: one per 4 applications, civil IDs of the right shape (the check digit does not matter here).
  await db.execute(sql`insert into people (civil_id, name_ar, name_en, nationality)
    select '2' || lpad((90000000000 + g)::text, 11, '0'), 'مقدم طلب ' || g, 'Applicant ' || g, 'KWT' from generate_series(1, ${Math.ceil(N / 4)}) g`);
  await db.execute(sql`insert into applications (reference, service_id, service_version, applicant_person_id, channel, status, submitted_at, created_at)
    select 'NAF-' || (2000 + g / 1000000) || '-' || lpad((g % 1000000)::text, 6, '0'),
      (array['social-loan','fire-safety-licence','fire-safety-renewal','municipal-licence-renewal'])[1 + g % 4], 1,
      p.id, 'web', case when g % 10 = 0 then 'in-progress' else 'approved' end::application_status,
      now() - (g % 700) * interval '1 hour', now() - (g % 700) * interval '1 hour'
    from generate_series(1, ${N}) g
    join people p on p.civil_id = '2' || lpad((90000000000 + 1 + (g - 1) / 4)::text, 11, '0')`);
  // Every application's history: three completed steps; one in ten also has an open task.
  await db.execute(sql`insert into step_instances (application_id, service_id, step_id, kind, state, agency_id, position, deadline_at, started_at, completed_at)
    select a.id, a.service_id, s.step, s.kind::step_kind, 'completed', s.agency, s.position, null, a.created_at, a.created_at + interval '2 hours'
    from applications a cross join (values ('person','exchange','paci',null), ('eligibility','decision',null,null), ('review','task','kcb','loan-officer')) as s(step, kind, agency, position)`);
  await db.execute(sql`insert into step_instances (application_id, service_id, step_id, kind, state, agency_id, position, deadline_at, started_at)
    select a.id, a.service_id, case a.service_id when 'social-loan' then 'review' when 'municipal-licence-renewal' then 'review' else 'inspection' end, 'task', 'active',
      case a.service_id when 'social-loan' then 'kcb' when 'municipal-licence-renewal' then 'km' else 'kff' end,
      case a.service_id when 'social-loan' then 'loan-officer' when 'municipal-licence-renewal' then 'licensing-clerk' else 'inspector' end,
      a.created_at + interval '72 hours', a.created_at
    from applications a where a.status = 'in-progress'`);
  await db.execute(sql`analyze`);
  console.log(`  made in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const officer = { accountId: "00000000-0000-4000-8000-000000000000", roles: [{ role: "clerk" as const, agencyId: "kcb", position: "loan-officer" }] };
  const first = await listInboxPage(db, officer, {}, null);
  const someone = first.rows[first.rows.length - 1]!;
  const cases: [string, () => Promise<unknown>][] = [
    ["first page", () => listInboxPage(db, officer, {}, null)],
    ["a later page", () => listInboxPage(db, officer, {}, first.next)],
    ["late only", () => listInboxPage(db, officer, { lateness: "late" }, null)],
    ["search by civil ID", () => listInboxPage(db, officer, { search: someone.civilId }, null)],
    ["search by reference", () => listInboxPage(db, officer, { search: someone.reference! }, null)],
  ];
  console.log(`  open steps for KCB's loan officers: ${first.counts.total.toLocaleString("en")} (of ${N.toLocaleString("en")} applications)`);
  console.log("  inbox (page of 20 + counts), warm:         median     p95");
  for (const [name, run] of cases) {
    const { median, p95 } = await timeWarm(run, RUNS);
    console.log(`    ${name.padEnd(38)} ${median.toFixed(1).padStart(6)} ms ${p95.toFixed(1).padStart(7)} ms`);
  }
  // Beside it: the same steps found by a scan that no index can serve.
  const t0 = performance.now();
  await db.execute(sql`select count(*) from step_instances where (state::text || '') = 'active' and (agency_id || '') = 'kcb'`);
  console.log(`    baseline: one full scan of step_instances ${(performance.now() - t0).toFixed(1).padStart(6)} ms`);
  const plan = await db.execute(
    sql`explain select id from step_instances where state = 'active' and kind = 'task' and agency_id = 'kcb' and position = 'loan-officer' order by deadline_at, id limit 21`,
  );
  const lines = ((plan as unknown as { rows?: Record<string, string>[] }).rows ?? (plan as unknown as Record<string, string>[])).map(
    (row) => Object.values(row)[0],
  );
  console.log(`  plan of the first page: ${lines.find((line) => /Index/.test(line ?? ""))?.trim() ?? lines[0]}`);
} finally {
  await handle.close();
}
