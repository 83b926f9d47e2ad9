import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencyLinkEvents, agencyLinks, jobs, type CircuitState } from "../../db/schema";

// The circuit breaker of each agency link, kept in the database so that every portal process and
// worker sees one state. After `failureThreshold` outages in a row the circuit opens: no calls, and
// the work that needs the agency is parked. After a backoff one call is let through as a probe
// (half-open); its answer closes the circuit, its failure opens it again for twice as long. When the
// circuit closes, the parked work is queued again, oldest first, spread at `drainPerSecond`.

export interface CircuitPolicy {
  /** Outages in a row (no answer, a timeout, a 5xx) that open the circuit. */
  failureThreshold: number;
  /** The first wait before a probe; it doubles after each failed probe, up to `maxProbeMs`. */
  probeMs: number;
  maxProbeMs: number;
  /** How long a probe may take before another call may probe instead (its process may have died). */
  probeLeaseMs: number;
  /** How many parked calls per second are released to an agency whose link has closed. */
  drainPerSecond: number;
}

export const defaultCircuitPolicy: CircuitPolicy = { failureThreshold: 5, probeMs: 5_000, maxProbeMs: 5 * 60_000, probeLeaseMs: 30_000, drainPerSecond: 10 };

export interface CircuitView {
  circuitState: CircuitState;
  consecutiveFailures: number;
  nextProbeAt: Date | null;
  probeStartedAt: Date | null;
}

/** Whether a call may go: the circuit is closed, or this call is the probe (it won the half-open slot). */
export type Admission = { kind: "call"; isProbe: boolean } | { kind: "wait"; until: Date | null };

/**
 * Admits a call to an agency whose link reads `link` (null: no row yet, so closed). An open circuit
 * whose probe is due lets exactly one caller through, across every process (compare-and-set on the
 * row); the others wait.
 */
export async function admitCall(db: Database, agencyId: string, link: CircuitView | null, policy: CircuitPolicy, now = new Date()): Promise<Admission> {
  if (!link || link.circuitState === "closed") return { kind: "call", isProbe: false };
  const isProbeDue = link.circuitState === "open" && link.nextProbeAt !== null && link.nextProbeAt <= now;
  const isProbeStale =
    link.circuitState === "half-open" && link.probeStartedAt !== null && link.probeStartedAt.getTime() + policy.probeLeaseMs <= now.getTime();
  if (!isProbeDue && !isProbeStale) return { kind: "wait", until: link.nextProbeAt };
  const [won] = await db
    .update(agencyLinks)
    .set({ circuitState: "half-open", probeStartedAt: sql`now()` })
    .where(
      and(
        eq(agencyLinks.agencyId, agencyId),
        or(
          and(eq(agencyLinks.circuitState, "open"), lte(agencyLinks.nextProbeAt, sql`now()`)),
          and(eq(agencyLinks.circuitState, "half-open"), lte(agencyLinks.probeStartedAt, sql`now() - make_interval(secs => ${policy.probeLeaseMs / 1000})`)),
        ),
      ),
    )
    .returning({ agencyId: agencyLinks.agencyId });
  return won ? { kind: "call", isProbe: true } : { kind: "wait", until: link.nextProbeAt };
}

/**
 * Counts an outage of the link. The threshold reached (or a failed probe) opens the circuit, with
 * the probe's wait doubled each time it fails again. Returns the state the link is left in.
 */
export async function recordOutage(db: Database, agencyId: string, policy: CircuitPolicy): Promise<CircuitState> {
  await db.insert(agencyLinks).values({ agencyId }).onConflictDoNothing({ target: agencyLinks.agencyId });
  const failures = sql`${agencyLinks.consecutiveFailures} + 1`;
  const opens = sql`(${agencyLinks.circuitState} = 'half-open' or (${agencyLinks.circuitState} = 'closed' and ${failures} >= ${policy.failureThreshold}))`;
  const backoff = sql`case when ${agencyLinks.circuitState} = 'half-open' then least(greatest(${agencyLinks.probeBackoffMs}, ${policy.probeMs}) * 2, ${policy.maxProbeMs}) else ${policy.probeMs} end`;
  const [row] = await db
    .update(agencyLinks)
    .set({
      consecutiveFailures: failures,
      circuitState: sql`case when ${opens} then 'open' else ${agencyLinks.circuitState} end`,
      circuitOpenedAt: sql`case when ${agencyLinks.circuitState} = 'closed' and ${opens} then now() else ${agencyLinks.circuitOpenedAt} end`,
      probeBackoffMs: sql`case when ${opens} then ${backoff} else ${agencyLinks.probeBackoffMs} end`,
      nextProbeAt: sql`case when ${opens} then now() + make_interval(secs => (${backoff})::float / 1000) else ${agencyLinks.nextProbeAt} end`,
      probeStartedAt: sql`case when ${opens} then null else ${agencyLinks.probeStartedAt} end`,
    })
    .where(eq(agencyLinks.agencyId, agencyId))
    // The statement's now() is what it wrote when this outage opened a closed link.
    .returning({ circuitState: agencyLinks.circuitState, isNewlyOpen: sql<boolean>`${agencyLinks.circuitOpenedAt} = now()` });
  if (row?.isNewlyOpen) await db.insert(agencyLinkEvents).values({ agencyId, event: "opened", at: sql`now()` });
  return row?.circuitState ?? "closed";
}

/**
 * The agency answered: its link is closed, and if it was not, the work parked for it is queued
 * again. Writes nothing when the link was closed with no failures counted (the usual case).
 * Returns how many parked jobs were released.
 */
export async function recordAnswer(db: Database, agencyId: string, link: CircuitView | null, policy: CircuitPolicy): Promise<number> {
  if (!link || (link.circuitState === "closed" && link.consecutiveFailures === 0)) return 0;
  if (link.circuitState === "closed") {
    await db.update(agencyLinks).set({ consecutiveFailures: 0 }).where(eq(agencyLinks.agencyId, agencyId));
    return 0;
  }
  const [closed] = await db
    .update(agencyLinks)
    .set({ circuitState: "closed", consecutiveFailures: 0, circuitClosedAt: sql`now()`, nextProbeAt: null, probeStartedAt: null, probeBackoffMs: 0 })
    .where(and(eq(agencyLinks.agencyId, agencyId), inArray(agencyLinks.circuitState, ["open", "half-open"])))
    .returning({ agencyId: agencyLinks.agencyId });
  if (!closed) return 0;
  await db.insert(agencyLinkEvents).values({ agencyId, event: "closed", at: sql`now()` });
  return releaseParkedWork(db, agencyId, policy.drainPerSecond);
}

/**
 * Queues an agency's parked jobs again with a fresh budget of attempts, oldest first, each due
 * `1 / perSecond` seconds after the one before it, so the agency is not flooded by the backlog.
 */
export async function releaseParkedWork(db: Database, agencyId: string, perSecond: number, jobIds?: number[]): Promise<number> {
  const ranked = db.$with("ranked").as(
    db
      .select({ id: jobs.id, rank: sql<number>`row_number() over (order by ${jobs.createdAt}, ${jobs.id})`.as("rank") })
      .from(jobs)
      .where(and(eq(jobs.status, "parked"), eq(jobs.agencyId, agencyId), jobIds ? inArray(jobs.id, jobIds) : undefined)),
  );
  const released = await db
    .with(ranked)
    .update(jobs)
    .set({ status: "queued", attempts: 0, runAt: sql`now() + make_interval(secs => (${ranked.rank} - 1)::float / ${perSecond})` })
    .from(ranked)
    .where(eq(jobs.id, ranked.id))
    .returning({ id: jobs.id });
  return released.length;
}

/**
 * For each open circuit whose probe is due, queues its oldest parked job, so that a probe goes
 * even when no new work arrives for the agency (the worker runs this on each tick).
 */
export async function queueDueProbes(db: Database): Promise<number> {
  const due = await db
    .select({ agencyId: agencyLinks.agencyId })
    .from(agencyLinks)
    .where(and(eq(agencyLinks.circuitState, "open"), lte(agencyLinks.nextProbeAt, sql`now()`)));
  let queued = 0;
  for (const { agencyId } of due) {
    const oldest = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "parked"), eq(jobs.agencyId, agencyId)))
      .orderBy(asc(jobs.createdAt), asc(jobs.id))
      .limit(1);
    const rows = await db
      .update(jobs)
      .set({ status: "queued", runAt: sql`now()` })
      .where(and(inArray(jobs.id, oldest), eq(jobs.status, "parked")))
      .returning({ id: jobs.id });
    queued += rows.length;
  }
  return queued;
}

/** The outcomes of a call that say the agency is not answering (and count towards opening its circuit). */
export const isOutage = (outcome: string) => outcome === "unreachable" || outcome === "timeout" || outcome === "agency-error";
