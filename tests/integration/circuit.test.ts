import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { agencyLinks, exchangeMessages, jobs, stepInstances } from "../../db/schema";
import { admitCall, defaultCircuitPolicy, queueDueProbes, releaseParkedWork, type CircuitPolicy } from "../../app/exchange/circuit.server";
import { callAgency, type ExchangeCall } from "../../app/exchange/client.server";
import { applyAgencyLinks, parseAgencyLinkSettings } from "../../app/exchange/links.server";
import { getOwnApplication } from "../../app/applications/applicant-view.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";
import { addEmployment, addMarriageContract, addPaciPerson } from "../support/registries";
import { createEngineHarness, submitTestLoan, testExchangeCall, type EngineHarness } from "../support/engine";

// The agency links' circuit breakers: repeated outages open a link (no calls; the work is parked),
// one probe goes after a backoff, its answer closes the link and the parked work drains, oldest
// first, at a bounded rate. The races (many callers at a due probe) are proven on PostgreSQL.

let t: TestDatabase;
let h: EngineHarness;
const CIVIL_ID = "288020122596";
const policy: CircuitPolicy = { failureThreshold: 3, probeMs: 800, maxProbeMs: 5_000, probeLeaseMs: 5_000, drainPerSecond: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t);
  h.deps.exchange.circuit = policy;
  await addPaciPerson(t.db, { civilId: CIVIL_ID });
  await addMarriageContract(t.db, { contractNumber: "MOJ-2026-1001", husbandCivilId: CIVIL_ID });
  await addEmployment(t.db, CIVIL_ID, 1_200_000);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});
afterEach(async () => {
  h.deps.exchange.circuit = policy;
  await t.db.delete(agencyLinks);
  // A test's unfinished work must not count as the next test's outages.
  await t.db.delete(jobs).where(inArray(jobs.status, ["queued", "parked", "running"]));
});

const submit = async () => (await submitTestLoan(t, h.deps)).applicationId;

const setPaciDown = (isDown: boolean) =>
  t.db.insert(agencyLinks).values({ agencyId: "paci", isDown }).onConflictDoUpdate({ target: agencyLinks.agencyId, set: { isDown } });

const linkOf = async (agencyId: string) => (await t.db.select().from(agencyLinks).where(eq(agencyLinks.agencyId, agencyId)))[0];

const paciJobsOf = (applicationIds: string[]) =>
  t.db
    .select({
      id: jobs.id,
      status: jobs.status,
      attempts: jobs.attempts,
      runAt: jobs.runAt,
      stepInstanceId: stepInstances.id,
      applicationId: stepInstances.applicationId,
    })
    .from(jobs)
    .innerJoin(stepInstances, sql`${jobs.dedupeKey} = 'exchange:' || ${stepInstances.id}::text`)
    .where(and(eq(jobs.agencyId, "paci"), inArray(stepInstances.applicationId, applicationIds)))
    .orderBy(asc(jobs.id));

const paciCallsOf = (applicationIds: string[]) =>
  t.db
    .select({ applicationId: exchangeMessages.applicationId, outcome: exchangeMessages.outcome, createdAt: exchangeMessages.createdAt })
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.agencyId, "paci"), inArray(exchangeMessages.applicationId, applicationIds)))
    .orderBy(asc(exchangeMessages.id));

/** Runs the worker's rounds (probes due, then every due job) until `isDone` or the time runs out. */
async function runUntil(isDone: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isDone())) {
    if (Date.now() > deadline) throw new Error("the work did not finish in time");
    await queueDueProbes(t.db);
    await h.drain();
    await sleep(20);
  }
}

/** Runs the worker's rounds against a down agency until its link opens (the threshold's outages). */
async function failUntilOpen() {
  for (let round = 0; round < policy.failureThreshold; round++) {
    await h.makeJobsDue();
    await h.drain();
  }
}

describe("an agency link's circuit breaker", () => {
  it("opens after repeated outages, calls no more, parks the work, probes once after its backoff, closes, and drains the backlog oldest first at a bounded rate", async () => {
    await setPaciDown(true);
    const first = await submit();
    await failUntilOpen();
    expect(await linkOf("paci")).toMatchObject({ circuitState: "open", consecutiveFailures: policy.failureThreshold, probeBackoffMs: policy.probeMs });
    expect((await paciCallsOf([first])).map((c) => c.outcome)).toEqual(["agency-error", "agency-error", "agency-error"]);

    // While the link is open, new work is parked without a call, and without using an attempt.
    const later = [await submit(), await submit(), await submit()];
    await h.makeJobsDue();
    await h.drain();
    expect(await paciCallsOf(later)).toEqual([]);
    const parked = await paciJobsOf([first, ...later]);
    expect(parked.map((job) => job.status)).toEqual(["parked", "parked", "parked", "parked"]);
    expect(parked.slice(1).map((job) => job.attempts)).toEqual([0, 0, 0]);

    // The agency is back; the probe goes once its backoff has passed, and its answer closes the link.
    await setPaciDown(false);
    expect(await queueDueProbes(t.db)).toBe(0);
    await sleep(policy.probeMs + 50);
    const all = [first, ...later];
    await runUntil(async () => (await paciJobsOf(all)).every((job) => job.status === "succeeded"));
    expect(await linkOf("paci")).toMatchObject({ circuitState: "closed", consecutiveFailures: 0, nextProbeAt: null });

    const calls = (await paciCallsOf(all)).filter((call) => call.outcome === "ok");
    // The oldest parked call probed, alone; the rest were released after it, one a twentieth of a
    // second after another, in the order they were parked (calls due together may run together).
    expect(calls).toHaveLength(all.length);
    expect(calls[0]!.applicationId).toBe(first);
    const released = (await paciJobsOf(later)).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    expect(released.map((job) => job.applicationId)).toEqual(later);
    for (let i = 1; i < released.length; i++)
      expect(released[i]!.runAt.getTime() - released[i - 1]!.runAt.getTime()).toBeGreaterThanOrEqual(1000 / policy.drainPerSecond - 2);
  });

  it("opens again for twice as long when its probe fails", async () => {
    await setPaciDown(true);
    const applicationId = await submit();
    await failUntilOpen();
    // Its next attempt finds the link open and parks; the probe takes it back when due.
    await h.makeJobsDue();
    await h.drain();
    expect((await paciJobsOf([applicationId]))[0]!.status).toBe("parked");
    await sleep(policy.probeMs + 50);
    expect(await queueDueProbes(t.db)).toBe(1);
    await h.drain();
    const link = await linkOf("paci");
    expect(link).toMatchObject({ circuitState: "open", probeBackoffMs: policy.probeMs * 2 });
    expect(link!.nextProbeAt!.getTime()).toBeGreaterThan(Date.now() + policy.probeMs / 2);
    expect((await paciJobsOf([applicationId]))[0]!.status).toBe("parked");
    expect((await paciCallsOf([applicationId])).length).toBe(policy.failureThreshold + 1);
  });

  it("lets exactly one of many callers probe a link whose probe is due", async () => {
    await t.db.insert(agencyLinks).values({ agencyId: "moj", circuitState: "open", nextProbeAt: new Date(Date.now() - 1000), probeBackoffMs: 150 });
    const link = (await linkOf("moj"))!;
    const admissions = await Promise.all(Array.from({ length: 12 }, () => admitCall(t.db, "moj", link, policy)));
    expect(admissions.filter((a) => a.kind === "call")).toHaveLength(1);
    expect((await linkOf("moj"))!.circuitState).toBe("half-open");
  });

  it("parks, rather than fails, a call whose attempts run out, and an operator's retry queues it again", async () => {
    h.deps.exchange.circuit = { ...policy, failureThreshold: 1000 };
    await setPaciDown(true);
    const applicationId = await submit();
    const [job] = await paciJobsOf([applicationId]);
    await t.db.update(jobs).set({ maxAttempts: 2 }).where(eq(jobs.id, job!.id));
    for (let round = 0; round < 3; round++) {
      await h.makeJobsDue();
      await h.drain();
    }
    const [stuck] = await paciJobsOf([applicationId]);
    expect(stuck).toMatchObject({ status: "parked", attempts: 2 });
    expect((await linkOf("paci"))!.circuitState).toBe("closed");

    await setPaciDown(false);
    expect(await releaseParkedWork(t.db, "paci", policy.drainPerSecond, [stuck!.id])).toBe(1);
    await runUntil(async () => (await paciJobsOf([applicationId]))[0]!.status === "succeeded");
  });
});

describe("the applicant waiting on an agency", () => {
  it("is told it is being asked again after a failure, then that it is not answering once its link opens", async () => {
    await setPaciDown(true);
    const { person, ...result } = await submitTestLoan(t, h.deps);
    const waitOf = async () =>
      (await getOwnApplication(t.db, h.deps.catalogue, person.id, result.applicationId))!.openSteps.find((step) => step.stepId === "lookup-person")!.wait;
    expect(await waitOf()).toBeNull();
    await h.drain();
    expect(await waitOf()).toEqual({ kind: "retrying" });
    for (let round = 1; round < policy.failureThreshold; round++) {
      await h.makeJobsDue();
      await h.drain();
    }
    expect(await waitOf()).toEqual({ kind: "not-answering" });
  });
});

describe("faults injected by AGENCY_FAULTS", () => {
  it("follow the setting: an agency no longer named answers normally again after a restart", async () => {
    await applyAgencyLinks(t.db, parseAgencyLinkSettings(undefined, "paci:down;moj:latency=50;pifss:errors=0.5"));
    expect((await linkOf("paci"))!.isDown).toBe(true);
    // Restarted with only moj's latency left in the setting.
    await applyAgencyLinks(t.db, parseAgencyLinkSettings(undefined, "moj:latency=50"));
    expect(await linkOf("paci")).toMatchObject({ isDown: false, latencyMs: 0, errorRate: 0 });
    expect(await linkOf("pifss")).toMatchObject({ isDown: false, latencyMs: 0, errorRate: 0 });
    expect(await linkOf("moj")).toMatchObject({ isDown: false, latencyMs: 50 });
    // Restarted with no setting at all.
    await applyAgencyLinks(t.db, parseAgencyLinkSettings(undefined, undefined));
    expect((await linkOf("moj"))!.latencyMs).toBe(0);
  });
});

describe("a call repeated after a crash", () => {
  const call = (overrides: Partial<ExchangeCall> = {}) =>
    testExchangeCall(CIVIL_ID, { operation: "pifss.employment", idempotencyKey: `step:${crypto.randomUUID()}`, ...overrides });

  it("carries the same idempotency key, is answered once by the agency, and is logged as a repeat", async () => {
    const first = call();
    const answer = await callAgency(t.db, { ...h.deps.exchange, circuit: defaultCircuitPolicy }, first);
    expect(answer.found).toBe(true);
    // The registry changes before the portal asks again: the agency still gives its first answer.
    await addEmployment(t.db, { civilId: CIVIL_ID, monthlySalaryFils: 2_500_000, employerAr: "وزارة الصحة", employerEn: "Ministry of Health" });
    const again = await callAgency(t.db, h.deps.exchange, { ...first, attempt: 2 });
    expect(again).toEqual(answer);
    const logged = await t.db
      .select({ attempt: exchangeMessages.attempt, isRepeat: exchangeMessages.isRepeat, requestId: exchangeMessages.requestId })
      .from(exchangeMessages)
      .where(eq(exchangeMessages.idempotencyKey, first.idempotencyKey!))
      .orderBy(asc(exchangeMessages.id));
    expect(logged.map(({ attempt, isRepeat }) => ({ attempt, isRepeat }))).toEqual([
      { attempt: 1, isRepeat: false },
      { attempt: 2, isRepeat: true },
    ]);
    // Two requests (each signed and answered once), one call.
    expect(new Set(logged.map((row) => row.requestId)).size).toBe(2);
    const fresh = await callAgency(t.db, h.deps.exchange, call());
    expect(fresh).not.toEqual(answer);
  });

  it.runIf(testDriver === "postgres")("has one answer when two processes repeat it at the same moment", async () => {
    const same = call();
    const answers = await Promise.all([callAgency(t.db, h.deps.exchange, same), callAgency(t.db, h.deps.exchange, { ...same, attempt: 2 })]);
    expect(answers[0]).toEqual(answers[1]);
  });
});
