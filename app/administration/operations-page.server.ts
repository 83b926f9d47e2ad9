import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencyLinks, applications, jobs, statusNoticeUpdates, statusNotices, stepInstances } from "../../db/schema";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import { releaseParkedWork } from "../exchange/circuit.server";
import { isMaintenanceNow, setSimulatedFaults } from "../exchange/links.server";
import { readOperatingMode, setOperatingMode } from "../ops/operating-mode.server";
import { exchangeAgencyIds } from "../agencies";
import { getAgencies } from "../agencies/queries.server";
import { forgetStatusCopies, openNotices, type NoticeView } from "../ops/status.server";
import { checkForm, type Problems } from "./forms";
import { ModeSchema, modeFields, NoticeSchema, noticeFields, UpdateSchema, updateFields, type OperationsProblems } from "./operations-forms";

// The operators' page: the portal's mode, each agency link (its circuit, the work parked for it,
// the faults injected into its simulated endpoint) and the notices of the status page. Each
// change commits with its audit record.

export interface LinkRow {
  agencyId: string;
  nameAr: string;
  nameEn: string;
  circuitState: "closed" | "open" | "half-open";
  consecutiveFailures: number;
  circuitOpenedAt: Date | null;
  nextProbeAt: Date | null;
  isUnderMaintenance: boolean;
  parked: number;
  queued: number;
  faults: { isDown: boolean; latencyMs: number; errorRate: number };
}

/** A case whose call to an agency is parked: shown to operators, oldest first, with a button to try it again. */
export interface ParkedCase {
  jobId: number;
  agencyId: string;
  reference: string | null;
  serviceId: string;
  serviceVersion: number;
  waitingSince: Date;
  attempts: number;
  lastError: string | null;
}

/** How many parked cases the page lists (the links' counts say how many there are in all). */
export const PARKED_LISTED = 50;

/** The oldest parked calls to the agencies, each with its application (jobs_kind_status_idx, then by key). */
export async function parkedCases(db: Database, limit = PARKED_LISTED): Promise<ParkedCase[]> {
  const rows = await db
    .select({
      jobId: jobs.id,
      agencyId: jobs.agencyId,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
      waitingSince: jobs.createdAt,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
    })
    .from(jobs)
    .innerJoin(stepInstances, eq(stepInstances.id, sql`(${jobs.payload}->>'stepInstanceId')::uuid`))
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .where(and(eq(jobs.kind, "exchange.call"), eq(jobs.status, "parked")))
    .orderBy(asc(jobs.createdAt), asc(jobs.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, agencyId: row.agencyId ?? "" }));
}

export async function operationsPage(db: Database, isReadOnlyBySetting: boolean, now = new Date()) {
  const mode = await readOperatingMode(db, isReadOnlyBySetting);
  const ids = [...exchangeAgencyIds];
  const names = await getAgencies(db, ids);
  const links = await db.select().from(agencyLinks).where(inArray(agencyLinks.agencyId, ids));
  const counts = await db
    .select({ agencyId: jobs.agencyId, status: jobs.status, n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(inArray(jobs.agencyId, ids), inArray(jobs.status, ["parked", "queued"])))
    .groupBy(jobs.agencyId, jobs.status);
  const countOf = (agencyId: string, status: string) => Number(counts.find((row) => row.agencyId === agencyId && row.status === status)?.n ?? 0);
  const rows: LinkRow[] = ids.map((agencyId) => {
    const link = links.find((row) => row.agencyId === agencyId);
    const name = names.find((row) => row.id === agencyId);
    return {
      agencyId,
      nameAr: name?.nameAr ?? agencyId,
      nameEn: name?.nameEn ?? agencyId,
      circuitState: link?.circuitState ?? "closed",
      consecutiveFailures: link?.consecutiveFailures ?? 0,
      circuitOpenedAt: link?.circuitState === "closed" ? null : (link?.circuitOpenedAt ?? null),
      nextProbeAt: link?.circuitState === "open" ? link.nextProbeAt : null,
      isUnderMaintenance: link ? isMaintenanceNow(link, now) : false,
      parked: countOf(agencyId, "parked"),
      queued: countOf(agencyId, "queued"),
      faults: { isDown: link?.isDown ?? false, latencyMs: link?.latencyMs ?? 0, errorRate: link?.errorRate ?? 0 },
    };
  });
  return { mode, links: rows, parked: await parkedCases(db), notices: await openNotices(db) };
}

export const operationsIntents = [
  "read-only-on",
  "read-only-off",
  "release-parked",
  "retry-parked",
  "clear-faults",
  "notice-post",
  "notice-update",
  "notice-end",
] as const;
export type OperationsIntent = (typeof operationsIntents)[number];

export type OperationsActionResult =
  | { ok: true; done: OperationsIntent; count?: number }
  | { ok: false; intent: OperationsIntent; problems: OperationsProblems; values: Record<string, string> }
  | { ok: false; intent: OperationsIntent; notFound: true }
  | { ok: false; intent: OperationsIntent; forcedBySetting: true };

export interface OperationsContext {
  db: Database;
  accountId: string;
  meta: RequestMeta;
  form: FormData;
  now: Date;
  isReadOnlyBySetting: boolean;
  drainPerSecond: number;
}

const audit = (tx: Database, context: OperationsContext, action: AuditAction, subject: { type: string; id: string }, details: Record<string, unknown>) =>
  recordAudit(tx, { ...auditFields(context.meta), actorAccountId: context.accountId, action, subjectType: subject.type, subjectId: subject.id, details });

/** Does what one of the page's forms asks; the change and its audit record commit together. */
export async function runOperationsAction(intent: OperationsIntent, context: OperationsContext): Promise<OperationsActionResult> {
  const { db, form, now } = context;
  const refused = (problems: Problems<string>, values: Record<string, string>): OperationsActionResult => ({ ok: false, intent, problems, values });
  const notFound: OperationsActionResult = { ok: false, intent, notFound: true };
  const agencyId = String(form.get("agencyId") ?? "");
  const noticeId = String(form.get("noticeId") ?? "");
  switch (intent) {
    case "read-only-on":
    case "read-only-off": {
      if (context.isReadOnlyBySetting) return { ok: false, intent, forcedBySetting: true };
      const checked = checkForm(ModeSchema, modeFields, form);
      if (!checked.ok) return refused(checked.problems, checked.values);
      await setOperatingMode(db, { isReadOnly: intent === "read-only-on", ...checked.data }, { accountId: context.accountId, meta: context.meta }, now);
      return { ok: true, done: intent };
    }
    case "release-parked": {
      if (!exchangeAgencyIds.includes(agencyId)) return notFound;
      const released = await db.transaction(async (tx) => {
        const count = await releaseParkedWork(tx, agencyId, context.drainPerSecond);
        await audit(tx, context, "operations.parked-released", { type: "agency", id: agencyId }, { released: count });
        return count;
      });
      return { ok: true, done: intent, count: released };
    }
    case "retry-parked": {
      // One case tried again now (its agency's pace still applies to the rest).
      const jobId = Number(form.get("jobId"));
      const [job] = Number.isSafeInteger(jobId)
        ? await db
            .select({ agencyId: jobs.agencyId })
            .from(jobs)
            .where(and(eq(jobs.id, jobId), eq(jobs.status, "parked")))
        : [];
      if (!job?.agencyId) return notFound;
      await db.transaction(async (tx) => {
        const count = await releaseParkedWork(tx, job.agencyId!, context.drainPerSecond, [jobId]);
        await audit(tx, context, "operations.parked-released", { type: "agency", id: job.agencyId! }, { released: count, jobId });
      });
      return { ok: true, done: intent, count: 1 };
    }
    case "clear-faults": {
      if (!exchangeAgencyIds.includes(agencyId)) return notFound;
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ isDown: agencyLinks.isDown, latencyMs: agencyLinks.latencyMs, errorRate: agencyLinks.errorRate })
          .from(agencyLinks)
          .where(eq(agencyLinks.agencyId, agencyId))
          .for("update");
        if (!before) return;
        await setSimulatedFaults(tx, agencyId, { isDown: false, latencyMs: 0, errorRate: 0 });
        await audit(tx, context, "operations.faults-cleared", { type: "agency", id: agencyId }, { before });
      });
      return { ok: true, done: intent };
    }
    case "notice-post": {
      const given = new FormData();
      for (const field of noticeFields) given.set(field, String(form.get(field) ?? ""));
      given.set("components", form.getAll("components").map(String).join(","));
      const checked = checkForm(NoticeSchema, noticeFields, given);
      if (!checked.ok) return refused(checked.problems, checked.values);
      const { bodyAr, bodyEn, startsAt, ...notice } = checked.data;
      await db.transaction(async (tx) => {
        const [posted] = await tx
          .insert(statusNotices)
          .values({ ...notice, startsAt: startsAt ?? now, createdBy: context.accountId, createdAt: now })
          .returning({ id: statusNotices.id });
        await tx.insert(statusNoticeUpdates).values({ noticeId: posted!.id, bodyAr, bodyEn, postedBy: context.accountId, postedAt: now });
        await audit(
          tx,
          context,
          "status.notice-posted",
          { type: "status-notice", id: posted!.id },
          { titleAr: notice.titleAr, titleEn: notice.titleEn, kind: notice.kind },
        );
      });
      forgetStatusCopies(db);
      return { ok: true, done: intent };
    }
    case "notice-update":
    case "notice-end": {
      if (!/^[0-9a-f-]{36}$/.test(noticeId)) return notFound;
      const checked = checkForm(UpdateSchema, updateFields, form);
      if (!checked.ok) return refused(checked.problems, { ...checked.values, noticeId });
      const found = await db.transaction(async (tx) => {
        const [notice] = await tx
          .select()
          .from(statusNotices)
          .where(and(eq(statusNotices.id, noticeId), isNull(statusNotices.endedAt)))
          .for("update");
        if (!notice) return false;
        await tx.insert(statusNoticeUpdates).values({ noticeId, ...checked.data, postedBy: context.accountId, postedAt: now });
        if (intent === "notice-end") {
          // Maintenance called off before it began ends where it would have begun: it took no time.
          const endedAt = notice.startsAt > now ? notice.startsAt : now;
          await tx.update(statusNotices).set({ endedAt }).where(eq(statusNotices.id, noticeId));
        }
        await audit(
          tx,
          context,
          intent === "notice-end" ? "status.notice-ended" : "status.notice-updated",
          { type: "status-notice", id: noticeId },
          {
            titleAr: notice.titleAr,
            titleEn: notice.titleEn,
          },
        );
        return true;
      });
      forgetStatusCopies(db);
      return found ? { ok: true, done: intent } : notFound;
    }
  }
}

export type { NoticeView };
