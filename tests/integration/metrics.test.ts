import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { completePayment, startPayment } from "../../app/payments/payments.server";
import { createSession } from "../../app/auth/session.server";
import { catalogue } from "../../app/catalogue/services";
import { enqueueJob } from "../../app/jobs/queue.server";
import { scrapeMetrics } from "../../app/ops/database-figures.server";
import { agencyLinks } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson } from "../../db/seed/factories";
import type { DatabaseHandle } from "../../db/client";
import { testDriver } from "../setup/database";
import { repoRoot } from "../setup/server-process";
import { awaitingFireRenewalFee, knetAnswer, useJourneys } from "../support/journeys";

// The operators' metrics move when work happens: counted where it is done (payments, job runs,
// exchange calls, certificates, queries), read from the database when scraped (queues, circuits,
// sessions), and still served when the database does not answer.

const ctx = useJourneys();

/** The sum of a metric's samples whose labels include these, from Prometheus's text format. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) total += Number(match[3]);
  }
  return total;
}

const scrape = async (handle: DatabaseHandle = ctx.t.handle) => (await scrapeMetrics(handle)).body;

describe("the operators' metrics", () => {
  it("count payments, job runs, exchange calls, certificates and queries as the work happens", async () => {
    const journey = await awaitingFireRenewalFee(ctx);
    const before = await scrape();
    const personId = journey.actor.personId!;

    const declined = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!declined.ok) throw new Error(declined.reason);
    await completePayment(ctx.t.db, { catalogue }, knetAnswer(declined.payment.id, declined.payment.amountFils, "declined"));
    const paid = await startPayment(ctx.t.db, { applicationId: journey.applicationId, personId, gateway: "knet" });
    if (!paid.ok) throw new Error(paid.reason);
    const answer = knetAnswer(paid.payment.id, paid.payment.amountFils, "paid");
    await completePayment(ctx.t.db, { catalogue }, answer);
    // The same answer again settles nothing new, and is not counted again.
    await completePayment(ctx.t.db, { catalogue }, answer);
    await ctx.j.settle();
    await expect(ctx.t.db.execute(sql`select 1 / 0`)).rejects.toThrow();
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved("nafitha_payments_total", { gateway: "knet", outcome: "declined" })).toBe(1);
    expect(moved("nafitha_payments_total", { gateway: "knet", outcome: "paid" })).toBe(1);
    expect(moved("nafitha_certificates_issued_total", { service: "fire-safety-renewal" })).toBe(1);
    expect(moved("nafitha_job_runs_total", { kind: "certificate.issue", outcome: "done" })).toBe(1);
    expect(moved("nafitha_db_query_errors_total")).toBe(1);
    expect(moved("nafitha_db_queries_total")).toBeGreaterThan(20);
    expect(valueOf(after, "nafitha_db_pool_size")).toBe(ctx.t.driver === "postgres" ? 5 : 1);
    // Nothing holds a connection between scrapes.
    expect(valueOf(after, "nafitha_db_pool_in_use")).toBe(0);
    // The lookups of the application went over the exchange, each timed.
    expect(valueOf(after, "nafitha_exchange_calls_total", { outcome: "ok" })).toBeGreaterThan(0);
    expect(valueOf(after, "nafitha_exchange_call_duration_seconds_count")).toBeGreaterThanOrEqual(
      valueOf(after, "nafitha_exchange_calls_total", { outcome: "ok" }),
    );
    expect(valueOf(after, "nafitha_database_up")).toBe(1);
    // prom-client's process figures are there too.
    expect(after).toContain("process_resident_memory_bytes");
  });

  it("read the queues, parked work, circuits and live sessions from the database", async () => {
    await enqueueJob(ctx.t.db, "audit.verify-chain", {}, { dedupeKey: "metrics-test-due", runAt: new Date(Date.now() - 90_000) });
    await ctx.t.db
      .insert(agencyLinks)
      .values({ agencyId: "pifss", circuitState: "open", consecutiveFailures: 6, circuitOpenedAt: new Date(), nextProbeAt: new Date(Date.now() + 60_000) })
      .onConflictDoUpdate({ target: agencyLinks.agencyId, set: { circuitState: "open", consecutiveFailures: 6 } });
    const civilId = await ctx.person();
    const person = await ensurePerson(ctx.t.db, { civilId, nameAr: "مراقب", nameEn: "Watcher" });
    const account = await ensureCitizenAccount(ctx.t.db, person, "a long enough password 123");
    const before = valueOf(await scrape(), "nafitha_sessions_active", { kind: "citizen" });
    await createSession(ctx.t.db, { accountId: account.id, stage: "active", channel: "web", idleTimeoutSeconds: 1800, ip: null, userAgent: null });

    // Work parked for two minutes: the oldest not yet done, by kind.
    const parked = await enqueueJob(ctx.t.db, "audit.verify-chain", {}, { dedupeKey: "metrics-test-parked", agencyId: "pifss" });
    await ctx.t.db.execute(sql`update jobs set status = 'parked', created_at = now() - interval '120 seconds' where id = ${parked!.id}`);

    const text = await scrape();
    expect(valueOf(text, "nafitha_jobs_oldest_age_seconds", { kind: "audit.verify-chain" })).toBeGreaterThanOrEqual(119);
    expect(valueOf(text, "nafitha_jobs", { kind: "audit.verify-chain", status: "queued" })).toBe(1);
    expect(valueOf(text, "nafitha_jobs_oldest_due_seconds", { kind: "audit.verify-chain" })).toBeGreaterThanOrEqual(89);
    expect(valueOf(text, "nafitha_agency_link_circuit", { agency: "pifss", state: "open" })).toBe(1);
    expect(valueOf(text, "nafitha_agency_link_circuit", { agency: "pifss", state: "closed" })).toBe(0);
    expect(valueOf(text, "nafitha_agency_link_consecutive_failures", { agency: "pifss" })).toBe(6);
    expect(valueOf(text, "nafitha_sessions_active", { kind: "citizen" })).toBe(before + 1);
  });

  // PGlite has one connection: a scrape behind an open transaction waits for it (and says the database did not answer).
  it.runIf(testDriver === "postgres")("show the connections held by open transactions and queries", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holders = [1, 2].map(() =>
      ctx.t.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await gate;
      }),
    );
    // drizzle runs a query when it is awaited: `then` starts it.
    const sleeping = ctx.t.db.execute(sql`select pg_sleep(0.5)`).then(() => {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ctx.t.handle.usage.inUse).toBe(3);
    expect(valueOf(await scrape(), "nafitha_db_pool_in_use")).toBeGreaterThanOrEqual(3);
    release();
    await Promise.all([...holders, sleeping]);
    expect(ctx.t.handle.usage.inUse).toBe(0);
  });

  it("are served when the database does not answer, saying so", async () => {
    const silent: DatabaseHandle = {
      ...ctx.t.handle,
      db: { execute: () => new Promise(() => {}) } as unknown as DatabaseHandle["db"],
    };
    const started = Date.now();
    const text = await scrape(silent);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(valueOf(text, "nafitha_database_up")).toBe(0);
    expect(text).toContain("nafitha_http_request_duration_seconds");
  });

  it("are the ones the shipped Prometheus rules name", async () => {
    const rules = parseYaml(fs.readFileSync(path.join(repoRoot, "scripts", "prometheus-rules.yml"), "utf8")) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const text = await scrape();
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.length).toBeGreaterThan(5);
    for (const { alert, expr } of alerts) {
      const names = [...new Set(expr.match(/\bnafitha_\w+/g) ?? [])];
      expect(names.length, alert).toBeGreaterThan(0);
      for (const name of names) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        expect(text.includes(`# TYPE ${name} `) || text.includes(`# TYPE ${base} histogram`), `${alert}: ${name}`).toBe(true);
      }
    }
  });
});
