import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { queryRows, type DatabaseHandle } from "../../db/client";
import { circuitStates } from "../../db/schema";
import { KIOSK_IDLE_SECONDS } from "../kiosk/sessions.server";
import { metrics, setCounterTotal, type PortalMetrics } from "./metrics.server";
import { TIMED_OUT, withTimeout } from "./timeout";

// What the database holds, read when the metrics are scraped: the job queues, parked work, the
// agency links' circuits, and who is signed in. Each read is one grouped query on an index; the
// whole scrape gives up after a short timeout so a slow database cannot hold Prometheus up (the
// figures then say the database did not answer).

const SCRAPE_TIMEOUT_MS = 2_000;

function createFigures(registry: PortalMetrics["registry"]) {
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames: [...labelNames], registers: [registry] });
  return {
    up: gauge("nafitha_database_up", "1 when the database answered this scrape, 0 when it did not (within 2 s)."),
    scrapeSeconds: gauge("nafitha_database_scrape_duration_seconds", "Time the database took to give this scrape its figures."),
    jobs: gauge("nafitha_jobs", "Jobs in the queue by kind and status (queued, running, parked, failed).", ["kind", "status"]),
    oldestDue: gauge("nafitha_jobs_oldest_due_seconds", "How long the oldest queued job that is due has waited for a worker, by kind.", ["kind"]),
    oldestAge: gauge("nafitha_jobs_oldest_age_seconds", "Age of the oldest job not yet done (queued or parked), by kind.", ["kind"]),
    parked: gauge("nafitha_jobs_parked", "Jobs parked until their agency answers, by agency.", ["agency"]),
    circuit: gauge("nafitha_agency_link_circuit", "1 for each agency link's circuit state (closed, open, half-open), 0 for the others.", ["agency", "state"]),
    failures: gauge("nafitha_agency_link_consecutive_failures", "Outages in a row on each agency link.", ["agency"]),
    maintenance: gauge("nafitha_agency_link_under_maintenance", "1 while an agency link is under announced maintenance.", ["agency"]),
    sessions: gauge("nafitha_sessions_active", "Live signed-in sessions, by account kind (citizen, staff).", ["kind"]),
    kioskSessions: gauge("nafitha_kiosk_sessions_active", "People signed in at a kiosk now."),
  };
}

type Figures = ReturnType<typeof createFigures>;
const FIGURES = Symbol.for("nafitha.metrics.database");
type Holder = { [FIGURES]?: Figures };

function figures(): Figures {
  const holder = globalThis as Holder;
  return (holder[FIGURES] ??= createFigures(metrics().registry));
}

/** The metrics as Prometheus reads them, with this process's database figures brought up to date. */
export async function scrapeMetrics(database: DatabaseHandle): Promise<{ contentType: string; body: string }> {
  const all = metrics();
  all.dbPoolSize.set(database.usage.poolSize);
  all.dbPoolInUse.set(database.usage.inUse);
  setCounterTotal(all.dbQueries, database.usage.queries);
  setCounterTotal(all.dbQueryErrors, database.usage.errors);
  await refreshDatabaseFigures(database);
  return { contentType: all.registry.contentType, body: await all.registry.metrics() };
}

async function refreshDatabaseFigures(database: DatabaseHandle) {
  const gauges = figures();
  const started = performance.now();
  try {
    const rows = await withTimeout(readFigures(database), SCRAPE_TIMEOUT_MS);
    if (rows === TIMED_OUT) throw new Error("the database did not answer in time");
    for (const gauge of [gauges.jobs, gauges.oldestDue, gauges.oldestAge, gauges.parked, gauges.circuit, gauges.failures, gauges.maintenance, gauges.sessions])
      gauge.reset();
    for (const row of rows.jobs) {
      gauges.jobs.set({ kind: row.kind, status: row.status }, Number(row.n));
      if (row.status === "queued") gauges.oldestDue.set({ kind: row.kind }, Math.max(0, Number(row.oldest_due_seconds ?? 0)));
    }
    for (const row of rows.ages) gauges.oldestAge.set({ kind: row.kind }, Math.max(0, Number(row.oldest_seconds)));
    for (const row of rows.parked) gauges.parked.set({ agency: row.agency_id }, Number(row.n));
    for (const link of rows.links) {
      for (const state of circuitStates) gauges.circuit.set({ agency: link.agency_id, state }, link.circuit_state === state ? 1 : 0);
      gauges.failures.set({ agency: link.agency_id }, Number(link.consecutive_failures));
      gauges.maintenance.set({ agency: link.agency_id }, link.is_under_maintenance ? 1 : 0);
    }
    for (const row of rows.sessions) gauges.sessions.set({ kind: row.kind }, Number(row.n));
    gauges.kioskSessions.set(Number(rows.kioskSessions[0]?.n ?? 0));
    gauges.up.set(1);
  } catch {
    gauges.up.set(0);
  } finally {
    gauges.scrapeSeconds.set((performance.now() - started) / 1000);
  }
}

async function readFigures({ db }: DatabaseHandle) {
  // One after the other: PGlite runs one query at a time, and a pool should not be drained by a scrape.
  const jobs = await queryRows<{ kind: string; status: string; n: string; oldest_due_seconds: string | null }>(
    db,
    sql`select kind, status, count(*) as n,
          extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now())) as oldest_due_seconds
        from jobs where status in ('queued', 'running', 'parked', 'failed') group by kind, status`,
  );
  const ages = await queryRows<{ kind: string; oldest_seconds: string }>(
    db,
    sql`select kind, extract(epoch from now() - min(created_at)) as oldest_seconds from jobs where status in ('queued', 'parked') group by kind`,
  );
  const parked = await queryRows<{ agency_id: string; n: string }>(
    db,
    sql`select agency_id, count(*) as n from jobs where agency_id is not null and status = 'parked' group by agency_id`,
  );
  const links = await queryRows<{ agency_id: string; circuit_state: string; consecutive_failures: number; is_under_maintenance: boolean }>(
    db,
    sql`select agency_id, circuit_state, consecutive_failures,
          (maintenance_since is not null and maintenance_since <= now() and (maintenance_until is null or maintenance_until > now())) as is_under_maintenance
        from agency_links`,
  );
  const sessions = await queryRows<{ kind: string; n: string }>(
    db,
    sql`select a.kind, count(*) as n from sessions s join accounts a on a.id = s.account_id
        where s.expires_at > now() and s.revoked_at is null and s.stage = 'active'
          and s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > now()
        group by a.kind`,
  );
  const kioskSessions = await queryRows<{ n: string }>(
    db,
    sql`select count(*) as n from kiosk_sessions where ended_at is null and last_seen_at > now() - make_interval(secs => ${KIOSK_IDLE_SECONDS})`,
  );
  return { jobs, ages, parked, links, sessions, kioskSessions };
}
