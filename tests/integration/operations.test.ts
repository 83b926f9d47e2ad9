import { and, eq, inArray } from "drizzle-orm";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agencyLinkEvents, agencyLinks, applications, auditEvents, jobs, statusNotices, stepInstances } from "../../db/schema";
import type { DatabaseHandle } from "../../db/client";
import { defaultCircuitPolicy, recordAnswer, recordOutage } from "../../app/exchange/circuit.server";
import { enqueueJob } from "../../app/jobs/queue.server";
import { startWorker } from "../../app/jobs/worker.server";
import { withReadOnlyGuard } from "../../app/http/app.server";
import { readOperatingMode, setOperatingMode, MODE_CACHE_MS } from "../../app/ops/operating-mode.server";
import { bannersFor, cachedStatus, componentsOfService, forgetStatusCopies, openNotices, readStatus } from "../../app/ops/status.server";
import { operationsPage, runOperationsAction, type OperationsIntent } from "../../app/administration/operations-page.server";
import { catalogue } from "../../app/catalogue/services";
import { addDays, kuwaitToday } from "../../app/i18n/dates";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";
import { createPortalAdministrator } from "../support/engine";
import { demoAgencies } from "../../db/seed/demo";
import { ensureAgency, ensurePerson } from "../../db/seed/factories";

// Operations: the status page's model (the links' open spells and the notices, day by day, read
// from a copy that a slow database cannot hold up), the notices operators post, and read-only mode
// (every change refused before it begins; the worker claims nothing).

let t: TestDatabase;
let adminId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  adminId = await createPortalAdministrator(t);
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.db.delete(statusNotices);
  await t.db.delete(agencyLinkEvents);
  await t.db.delete(agencyLinks);
  forgetStatusCopies(t.db);
});

const HOUR = 60 * 60 * 1000;
/** A query that never answers: every call on it gives itself, and awaiting it waits for ever. */
const never: unknown = new Proxy(() => {}, { get: (_target, property) => (property === "then" ? () => {} : () => never) });
const at = (day: string, time: string) => new Date(`${day}T${time}:00+03:00`);

function act(intent: OperationsIntent, fields: Record<string, string | string[]>, now = new Date()) {
  const form = new FormData();
  form.set("intent", intent);
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  return runOperationsAction(intent, {
    db: t.db,
    accountId: adminId,
    meta: { ...testRequestMeta, channel: "back-office" },
    form,
    now,
    isReadOnlyBySetting: false,
    drainPerSecond: 10,
  });
}

const incident = {
  kind: "incident",
  impact: "degraded",
  components: ["pifss"],
  titleAr: "تأخر ردود المؤسسة",
  titleEn: "PIFSS answers slowly",
  startsAt: "",
  plannedEndAt: "",
  bodyAr: "نتابع الأمر مع المؤسسة.",
  bodyEn: "We are following it up with PIFSS.",
};

describe("the status page's model", () => {
  it("marks each day by the link's open spells (down from half an hour, degraded under it) and by the notices", async () => {
    const now = new Date();
    const today = kuwaitToday(now);
    const twoDaysAgo = addDays(today, -2);
    const yesterday = addDays(today, -1);
    await t.db.insert(agencyLinkEvents).values([
      { agencyId: "kcb", event: "opened", at: at(twoDaysAgo, "10:00") },
      { agencyId: "kcb", event: "closed", at: at(twoDaysAgo, "11:00") },
      { agencyId: "kcb", event: "opened", at: at(yesterday, "10:00") },
      { agencyId: "kcb", event: "closed", at: at(yesterday, "10:10") },
    ]);
    await t.db.insert(agencyLinks).values({ agencyId: "moj", circuitState: "open", consecutiveFailures: 5, circuitOpenedAt: new Date(now.getTime() - HOUR) });
    await t.db.insert(statusNotices).values([
      {
        kind: "incident",
        impact: "degraded",
        components: ["payments"],
        titleAr: "بطء الدفع",
        titleEn: "Slow payments",
        startsAt: new Date(now.getTime() - HOUR),
      },
      {
        kind: "maintenance",
        impact: "maintenance",
        components: ["km"],
        titleAr: "صيانة البلدية",
        titleEn: "Municipality maintenance",
        startsAt: new Date(now.getTime() + 24 * HOUR),
        plannedEndAt: new Date(now.getTime() + 26 * HOUR),
      },
    ]);

    const model = await readStatus(t.db, now);
    const byId = new Map(model.components.map((component) => [component.id, component]));
    expect(model.components.map((component) => component.id)).toEqual(["portal", "payments", "paci", "moj", "pifss", "kcb", "moci", "kff", "km"]);
    for (const component of model.components) expect(component.days).toHaveLength(30);
    const dayOf = (id: string, day: string) => byId.get(id)!.days.find((one) => one.day === day)!.status;
    expect(byId.get("kcb")!.status).toBe("operational");
    expect(dayOf("kcb", twoDaysAgo)).toBe("down");
    expect(dayOf("kcb", yesterday)).toBe("degraded");
    expect(dayOf("kcb", today)).toBe("operational");
    // Open now, with no event in the window: down now and today.
    expect(byId.get("moj")!.status).toBe("down");
    const openToday = Math.min(HOUR, now.getTime() - at(today, "00:00").getTime());
    expect(dayOf("moj", today)).toBe(openToday >= 30 * 60_000 ? "down" : "degraded");
    expect(byId.get("payments")!.status).toBe("degraded");
    expect(dayOf("payments", today)).toBe("degraded");
    // Planned, not begun: listed, and nothing is under maintenance yet.
    expect(byId.get("km")!.status).toBe("operational");
    expect(model.current.map((notice) => notice.titleEn)).toEqual(["Slow payments", "Municipality maintenance"]);
    expect(model.past).toEqual([]);
  });

  it("records when a link opens and closes, as the circuit changes", async () => {
    const policy = { ...defaultCircuitPolicy, failureThreshold: 2 };
    await recordOutage(t.db, "pifss", policy);
    expect(await t.db.select().from(agencyLinkEvents)).toEqual([]);
    await recordOutage(t.db, "pifss", policy);
    const [link] = await t.db.select().from(agencyLinks).where(eq(agencyLinks.agencyId, "pifss"));
    await recordOutage(t.db, "pifss", policy);
    await recordAnswer(t.db, "pifss", link!, policy);
    const events = await t.db.select({ event: agencyLinkEvents.event }).from(agencyLinkEvents).where(eq(agencyLinkEvents.agencyId, "pifss"));
    expect(events.map((event) => event.event)).toEqual(["opened", "closed"]);
  });

  it("is served from its last copy when the database does not answer, and says it could not be read when there is none", async () => {
    let isSlow = false;
    const flaky = new Proxy(t.db, { get: (target, property) => (isSlow && property === "select" ? () => never : Reflect.get(target, property, target)) });
    const first = await cachedStatus(flaky);
    expect(first.isStale).toBe(false);
    isSlow = true;
    // Within its age the copy is served as it is; past it, a new read is tried and given up on.
    expect((await cachedStatus(flaky)).isStale).toBe(false);
    const started = Date.now();
    const later = await cachedStatus(flaky, Date.now() + 60_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(later).toEqual({ model: first.model, isStale: true });
    // No copy at all: nothing to show, said at once.
    expect(await cachedStatus({ select: () => never } as unknown as DatabaseHandle["db"])).toEqual({ model: null, isStale: true });
  });
});

describe("notices posted by operators", () => {
  it("are refused field by field, in the problems' keys, with what was typed kept", async () => {
    const refused = await act("notice-post", {
      ...incident,
      components: [],
      titleAr: "Slow",
      kind: "maintenance",
      impact: "down",
      startsAt: "2026-12-10T10:00",
      plannedEndAt: "2026-12-10T09:00",
    });
    expect(refused).toMatchObject({
      ok: false,
      problems: { components: "noComponent", titleAr: "notArabic", impact: "impactOfKind", plannedEndAt: "endBeforeStart" },
      values: { titleEn: "PIFSS answers slowly" },
    });
    expect(await t.db.select().from(statusNotices)).toEqual([]);
  });

  it("are posted, updated and ended, each with its audit record; banners follow what a page needs", async () => {
    expect(await act("notice-post", incident)).toEqual({ ok: true, done: "notice-post" });
    const [notice] = await openNotices(t.db);
    expect(notice).toMatchObject({ kind: "incident", components: ["pifss"], updates: [{ bodyEn: "We are following it up with PIFSS." }] });
    const loan = componentsOfService(catalogue.get("social-loan")!);
    const municipal = componentsOfService(catalogue.get("municipal-licence-renewal")!);
    expect(loan.has("pifss")).toBe(true);
    expect(bannersFor([notice!], loan).map((one) => one.id)).toEqual([notice!.id]);
    expect(bannersFor([notice!], municipal)).toEqual([]);
    expect(bannersFor([notice!], "portal-only")).toEqual([]);

    expect(await act("notice-update", { noticeId: notice!.id, bodyAr: "", bodyEn: "x" })).toMatchObject({ ok: false, problems: { bodyAr: "missing" } });
    expect(await act("notice-update", { noticeId: notice!.id, bodyAr: "ما زلنا نتابع.", bodyEn: "Still following it up." })).toEqual({
      ok: true,
      done: "notice-update",
    });
    expect(await act("notice-end", { noticeId: notice!.id, bodyAr: "عادت الردود.", bodyEn: "Answers are back." })).toEqual({ ok: true, done: "notice-end" });
    // Ended once: a second end finds nothing open.
    expect(await act("notice-end", { noticeId: notice!.id, bodyAr: "عادت الردود.", bodyEn: "Answers are back." })).toMatchObject({ ok: false, notFound: true });
    expect(await openNotices(t.db)).toEqual([]);
    const model = await readStatus(t.db);
    expect(model.past.map((one) => one.updates.length)).toEqual([3]);
    const audited = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, notice!.id));
    expect(audited.map((event) => event.action)).toEqual(["status.notice-posted", "status.notice-updated", "status.notice-ended"]);
  });

  it("a planned maintenance called off before it begins leaves the page", async () => {
    const now = new Date();
    await act("notice-post", { ...incident, kind: "maintenance", impact: "maintenance", startsAt: "2030-01-01T10:00", plannedEndAt: "2030-01-01T12:00" }, now);
    const [planned] = await openNotices(t.db);
    expect(planned?.kind).toBe("maintenance");
    await act("notice-end", { noticeId: planned!.id, bodyAr: "أُلغيت الصيانة.", bodyEn: "The maintenance is called off." }, now);
    const model = await readStatus(t.db, now);
    expect([...model.current, ...model.past]).toEqual([]);
  });
});

describe("the agency links on the operations page", () => {
  it("sends an agency's parked work again, oldest first, and clears its simulated faults, each audited", async () => {
    const parked = [];
    for (let i = 0; i < 3; i++) {
      const job = await enqueueJob(t.db, "audit.verify-chain", {}, { dedupeKey: `parked-${i}`, agencyId: "pifss" });
      parked.push(job!.id);
    }
    await t.db.update(jobs).set({ status: "parked" }).where(inArray(jobs.id, parked));
    await t.db.insert(agencyLinks).values({ agencyId: "pifss", isDown: true, latencyMs: 2_000, errorRate: 0.5 });

    const page = await operationsPage(t.db, false);
    const pifss = page.links.find((link) => link.agencyId === "pifss")!;
    expect(pifss).toMatchObject({ parked: 3, faults: { isDown: true, latencyMs: 2_000, errorRate: 0.5 } });

    expect(await act("release-parked", { agencyId: "pifss" })).toEqual({ ok: true, done: "release-parked", count: 3 });
    const released = await t.db.select({ id: jobs.id, status: jobs.status, runAt: jobs.runAt }).from(jobs).where(inArray(jobs.id, parked)).orderBy(jobs.id);
    expect(released.map((job) => job.status)).toEqual(["queued", "queued", "queued"]);
    expect(released[2]!.runAt.getTime()).toBeGreaterThan(released[0]!.runAt.getTime());
    expect(await act("clear-faults", { agencyId: "pifss" })).toEqual({ ok: true, done: "clear-faults" });
    expect((await operationsPage(t.db, false)).links.find((link) => link.agencyId === "pifss")).toMatchObject({
      parked: 0,
      queued: 3,
      faults: { isDown: false, latencyMs: 0, errorRate: 0 },
    });
    // An agency that is not on the exchange is not found.
    expect(await act("release-parked", { agencyId: "nowhere" })).toMatchObject({ ok: false, notFound: true });
    const audited = await t.db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.subjectId, "pifss"));
    expect(audited.map((event) => event.action)).toEqual(["operations.parked-released", "operations.faults-cleared"]);
    expect(audited[0]!.details).toMatchObject({ released: 3 });
    await t.db.delete(jobs).where(inArray(jobs.id, parked));
  });
});

describe("parked cases", () => {
  it("lists each parked call with its application, oldest first, and tries one again now, audited", async () => {
    const person = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد عبدالله العنزي", nameEn: "Ahmad Abdullah Al-Enezi" });
    const parked: number[] = [];
    for (const [i, agencyId] of (["pifss", "moj"] as const).entries()) {
      const [application] = await t.db
        .insert(applications)
        .values({
          reference: `NAF-2026-80000${i}`,
          serviceId: "social-loan",
          serviceVersion: 1,
          applicantPersonId: person.id,
          channel: "web",
          status: "in-progress",
          submittedAt: new Date(),
        })
        .returning({ id: applications.id });
      const [instance] = await t.db
        .insert(stepInstances)
        .values({
          applicationId: application!.id,
          stepId: "salary",
          kind: "exchange",
          state: "waiting",
          agencyId,
          serviceId: "social-loan",
        } as typeof stepInstances.$inferInsert)
        .returning({ id: stepInstances.id });
      const job = await enqueueJob(
        t.db,
        "exchange.call",
        { stepInstanceId: instance!.id },
        { dedupeKey: `exchange:${instance!.id}`, agencyId, maxAttempts: 50 },
      );
      parked.push(job!.id);
    }
    await t.db.update(jobs).set({ status: "parked", attempts: 50, lastError: "AgencyError: 500 from the agency" }).where(inArray(jobs.id, parked));
    // Other work that is parked is not a case (it has no application).
    const other = await enqueueJob(t.db, "audit.verify-chain", {}, { dedupeKey: "parked-other", agencyId: "pifss" });
    await t.db.update(jobs).set({ status: "parked" }).where(eq(jobs.id, other!.id));

    const page = await operationsPage(t.db, false);
    expect(page.parked.map(({ reference, agencyId, attempts, lastError }) => ({ reference, agencyId, attempts, lastError }))).toEqual([
      { reference: "NAF-2026-800000", agencyId: "pifss", attempts: 50, lastError: "AgencyError: 500 from the agency" },
      { reference: "NAF-2026-800001", agencyId: "moj", attempts: 50, lastError: "AgencyError: 500 from the agency" },
    ]);

    expect(await act("retry-parked", { jobId: String(parked[1]) })).toEqual({ ok: true, done: "retry-parked", count: 1 });
    const after = await t.db.select({ id: jobs.id, status: jobs.status, attempts: jobs.attempts }).from(jobs).where(inArray(jobs.id, parked)).orderBy(jobs.id);
    expect(after).toEqual([
      { id: parked[0], status: "parked", attempts: 50 },
      { id: parked[1], status: "queued", attempts: 0 },
    ]);
    const [audited] = await t.db.select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.subjectId, "moj"));
    expect(audited!.details).toMatchObject({ released: 1, jobId: parked[1] });
    // A job that is no longer parked, or none, is not found.
    expect(await act("retry-parked", { jobId: String(parked[1]) })).toMatchObject({ ok: false, notFound: true });
    expect(await act("retry-parked", { jobId: "not-a-number" })).toMatchObject({ ok: false, notFound: true });
    await t.db.delete(jobs).where(inArray(jobs.id, [...parked, other!.id]));
  });
});

describe("read-only mode", () => {
  afterAll(() => setOperatingMode(t.db, { isReadOnly: false }, { accountId: adminId, meta: testRequestMeta }));

  it("is switched by an administrator with its reason, audited, and seen at once by the process that switched it", async () => {
    expect(await readOperatingMode(t.db, false)).toEqual({ isReadOnly: false });
    expect(await act("read-only-on", { reasonAr: "ترحيل قاعدة البيانات", reasonEn: "Moving the database" })).toEqual({ ok: true, done: "read-only-on" });
    expect(await readOperatingMode(t.db, false)).toMatchObject({ isReadOnly: true, source: "administrator", reasonEn: "Moving the database" });
    // The setting holds it on whatever is switched, and the page cannot switch it.
    expect(await readOperatingMode(t.db, true)).toMatchObject({ isReadOnly: true, source: "setting" });
    expect(await act("read-only-off", {})).toEqual({ ok: true, done: "read-only-off" });
    expect(await readOperatingMode(t.db, false)).toEqual({ isReadOnly: false });
    const audited = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, "operating-mode"));
    expect(audited.map((event) => event.action)).toEqual(["operations.read-only-on", "operations.read-only-off"]);
  });

  it("reaches another process within the cache's time", async () => {
    const elsewhere = Date.now();
    expect((await readOperatingMode(t.db, false, elsewhere)).isReadOnly).toBe(false);
    // Another server switches it (this process's copy is not told).
    const { operatingMode } = await import("../../db/schema");
    await t.db.update(operatingMode).set({ readOnlySince: new Date() }).where(eq(operatingMode.id, 1));
    expect((await readOperatingMode(t.db, false, elsewhere + 10)).isReadOnly).toBe(false);
    expect((await readOperatingMode(t.db, false, elsewhere + MODE_CACHE_MS + 1)).isReadOnly).toBe(true);
    await t.db.update(operatingMode).set({ readOnlySince: null }).where(eq(operatingMode.id, 1));
  });

  it("is read within a short time: a database that does not answer leaves the last mode read", async () => {
    const silent = { select: () => never } as unknown as DatabaseHandle["db"];
    const started = Date.now();
    expect(await readOperatingMode(silent, false)).toEqual({ isReadOnly: false });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses every action before it begins, except the routes open then", async () => {
    let isReadOnly = true;
    const ran: string[] = [];
    const route = (id: string, handle?: object) => ({
      id,
      path: id,
      module: { handle, action: async () => (ran.push(id), new Response("done")) },
    });
    const build = { routes: { apply: route("apply"), signIn: route("signIn", { isOpenWhenReadOnly: true }) } } as unknown as ServerBuild;
    const guarded = withReadOnlyGuard(build, async () => isReadOnly);
    const call = (id: string) =>
      (guarded.routes[id]!.module as unknown as { action: (args: unknown) => Promise<Response> }).action({
        request: new Request("http://x/", { method: "POST" }),
        params: {},
        context: {},
      });
    const refused = await call("apply").catch((thrown: unknown) => thrown as Response);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ refusal: "readOnly" });
    expect((await call("signIn")).status).toBe(200);
    expect(ran).toEqual(["signIn"]);
    isReadOnly = false;
    expect((await call("apply")).status).toBe(200);
    expect(ran).toEqual(["signIn", "apply"]);
  });

  it("pauses the worker: nothing is claimed until the mode ends", async () => {
    let isPaused = true;
    const done: number[] = [];
    const job = await enqueueJob(t.db, "audit.verify-chain", {}, { dedupeKey: "read-only-worker" });
    const worker = startWorker(t.db, {
      pollIntervalMs: 30,
      isPaused: async () => isPaused,
      handlers: { "audit.verify-chain": async () => void done.push(job!.id) } as never,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toEqual([]);
      expect((await t.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, job!.id)))[0]?.status).toBe("queued");
      isPaused = false;
      const deadline = Date.now() + 5_000;
      while (done.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 30));
      expect(done).toEqual([job!.id]);
      expect(
        (
          await t.db
            .select({ status: jobs.status })
            .from(jobs)
            .where(and(eq(jobs.id, job!.id)))
        )[0]?.status,
      ).toBe("succeeded");
    } finally {
      await worker.stop();
    }
  });
});
