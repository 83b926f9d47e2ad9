import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The figures operators scrape from every process (Prometheus, at /metrics). Counted where the
// work happens: requests, job runs, exchange calls, certificates, payments, the database handle.
// What the database holds (queues, parked work, circuits, sessions) is read when scraped, by
// database-figures.server.ts; every process reports the same figures there, so rules take max().

export type JobRunOutcome = "done" | "retry" | "failed" | "deferred" | "parked";
export type PaymentOutcome = "paid" | "declined" | "cancelled" | "duplicate" | "refunded";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestSeconds: new Histogram<"route" | "method" | "status">({
      name: "nafitha_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route (the Remix route id, static or metrics), method and status.",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobRuns: new Counter<"kind" | "outcome">({
      name: "nafitha_job_runs_total",
      help: "Jobs this process ran, by kind and outcome (done, retry, deferred, parked, failed).",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    exchangeCalls: new Counter<"agency" | "operation" | "outcome">({
      name: "nafitha_exchange_calls_total",
      help: "Calls to agencies over the exchange, by agency, operation and outcome (circuit-open and maintenance: not sent).",
      labelNames: ["agency", "operation", "outcome"],
      registers: [registry],
    }),
    exchangeCallSeconds: new Histogram<"agency" | "operation" | "outcome">({
      name: "nafitha_exchange_call_duration_seconds",
      help: "Time of the calls sent to agencies, by agency, operation and outcome.",
      labelNames: ["agency", "operation", "outcome"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    certificatesIssued: new Counter<"service">({
      name: "nafitha_certificates_issued_total",
      help: "Certificates issued, by service.",
      labelNames: ["service"],
      registers: [registry],
    }),
    payments: new Counter<"gateway" | "outcome">({
      name: "nafitha_payments_total",
      help: "Payments settled, by gateway and outcome (paid, declined, cancelled, duplicate, refunded).",
      labelNames: ["gateway", "outcome"],
      registers: [registry],
    }),
    // Filled from the database handle when scraped.
    dbPoolSize: new Gauge({ name: "nafitha_db_pool_size", help: "Database connections this process may open.", registers: [registry] }),
    dbPoolInUse: new Gauge({
      name: "nafitha_db_pool_in_use",
      help: "Database connections this process holds now (a query, or an open transaction).",
      registers: [registry],
    }),
    dbQueries: new Counter({ name: "nafitha_db_queries_total", help: "Database queries this process ran.", registers: [registry] }),
    dbQueryErrors: new Counter({ name: "nafitha_db_query_errors_total", help: "Database queries that failed.", registers: [registry] }),
  };
}

export type PortalMetrics = ReturnType<typeof createMetrics>;

// The start script and the Remix server bundle load this module separately: one set of figures
// per process, kept on globalThis like the runtime.
const METRICS = Symbol.for("nafitha.metrics");
type Holder = { [METRICS]?: PortalMetrics };

export function metrics(): PortalMetrics {
  const holder = globalThis as Holder;
  return (holder[METRICS] ??= createMetrics());
}

/** Sets a counter to a running total kept elsewhere (the database handle's counts). */
export function setCounterTotal(counter: Counter, total: number) {
  counter.reset();
  counter.inc(total);
}
