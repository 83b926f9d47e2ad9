import crypto from "node:crypto";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { accountRoles, applications, certificates, stepInstances } from "../../db/schema";
import { runRule } from "../catalogue/rules";
import type { CertificateResult } from "../catalogue/types";
import { callAgency, ExchangeError, type ExchangeConfig } from "../exchange/client.server";
import { JobDeferral, JobParked } from "../jobs/queue.server";
import { kuwaitToday } from "../i18n/dates";
import { notifyPerson, notifyStaff } from "../notifications/notify.server";
import { systemActor } from "./actor";
import { formatNumber, nextNumber } from "./counters.server";
import { recordEvent } from "./history.server";
import { completeInstance, factsOfRun, HOUR_MS, loadRun, notificationParams, openInstance, recordResult, type EngineDeps, type Run } from "./run.server";
import { advance, refreshWaiting } from "./steps.server";
import { metrics } from "../ops/metrics.server";

// The work the steps start, done by jobs outside the request that entered them: calling an
// agency, issuing a certificate, and marking tasks that passed their deadline.

/** How often a step waiting on an agency under maintenance looks again, in case it ended early. */
const MAINTENANCE_RECHECK_MS = 10 * 60_000;

/**
 * Calls the agency of an exchange step (job `exchange.call`). A failure leaves the step waiting
 * with its last error and throws, so the job retries with backoff; the message log has every
 * attempt. Idempotent: a step no longer waiting is left alone.
 */
export async function runExchangeStep(db: Database, deps: EngineDeps, exchange: ExchangeConfig, stepInstanceId: string, attempt: number): Promise<void> {
  const instance = await openInstance(db, stepInstanceId);
  if (!instance || instance.state !== "waiting" || instance.kind !== "exchange") return;
  const run = await loadRun(db, deps, instance.applicationId, systemActor);
  const step = run?.service.workflow.steps[instance.stepId];
  if (!run || step?.kind !== "exchange") return;
  let answer: Awaited<ReturnType<typeof callAgency>>;
  try {
    answer = await callAgency(db, exchange, {
      operation: step.operation,
      payload: runRule(step.request, factsOfRun(run)),
      callerServiceId: run.service.id,
      purpose: step.purpose.en,
      applicationId: run.application.id,
      stepInstanceId: instance.id,
      onBehalfOfPersonId: run.application.applicantPersonId,
      onBehalfOfCivilId: run.civilId,
      attempt,
      // Every attempt of this step's call is the same call to the agency.
      idempotencyKey: `step:${instance.id}`,
    });
  } catch (error) {
    const isMaintenance = error instanceof ExchangeError && error.outcome === "maintenance";
    const isHeldBack = error instanceof ExchangeError && error.outcome === "circuit-open";
    await db
      .update(stepInstances)
      .set({ lastError: error instanceof Error ? error.message : String(error), ...(isMaintenance || isHeldBack ? {} : { attempts: attempt }) })
      .where(and(eq(stepInstances.id, instance.id), eq(stepInstances.state, "waiting")));
    // Announced maintenance is not a failure: the call is tried again at its end (or sooner, in
    // case it ends early), without using up the step's attempts.
    if (isMaintenance) {
      const soon = Date.now() + MAINTENANCE_RECHECK_MS;
      throw new JobDeferral(new Date(Math.min(error.until?.getTime() ?? soon, soon)), error.message);
    }
    // The agency's link is open: the work is parked until it answers again (a probe, then the drain).
    if (isHeldBack) throw new JobParked(error.message);
    // This failure opened the link: the work waits for the probe, not for its own backoff.
    if (error instanceof ExchangeError && error.isLinkOpen) throw new JobParked(error.message, true);
    throw error;
  }
  await db.transaction(async (tx) => {
    const txRun: Run = { ...run, tx, now: new Date(), actor: { accountId: null, role: "agency", agencyId: step.agency, channel: "system" } };
    const current = await openInstance(tx, instance.id);
    const result = answer.found ? { found: true, ...answer.data } : { found: false };
    if (!current || !(await completeInstance(txRun, { ...current, attempts: attempt }, answer.found ? "found" : "not-found", result))) return;
    const answered = await recordResult(txRun, instance.stepId, result);
    await recordEvent(
      tx,
      txRun.actor,
      {
        applicationId: run.application.id,
        stepId: instance.stepId,
        stepInstanceId: instance.id,
        action: answer.found ? "exchange-answered" : "exchange-not-found",
        details: { operation: step.operation, attempts: attempt },
      },
      txRun.now,
    );
    await refreshWaiting(await advance(answered, current, step.next));
  });
}

/** Issues the certificate of a certificate step (job `certificate.issue`): numbered, with a verification code. */
export async function issueCertificateStep(db: Database, deps: EngineDeps, stepInstanceId: string): Promise<void> {
  const issuedFor = await db.transaction(async (tx): Promise<string | null> => {
    const instance = await openInstance(tx, stepInstanceId);
    if (!instance || instance.state !== "waiting" || instance.kind !== "certificate") return null;
    const run = await loadRun(tx, deps, instance.applicationId, systemActor);
    const step = run?.service.workflow.steps[instance.stepId];
    const template = run?.service.certificate;
    if (!run || step?.kind !== "certificate" || !template) return null;
    const year = Number(kuwaitToday(run.now).slice(0, 4));
    const number = formatNumber(template.numberPrefix, year, await nextNumber(tx, template.numberPrefix, year));
    const current = factsOfRun(run);
    const fields = template.fields.map((field) => ({ label: field.label, format: field.format, value: runRule(field.value, current) }));
    if (!(await completeInstance(run, instance, "issued", { number }))) return null;
    const expiresAt = template.expiresOn
      ? new Date(`${runRule(template.expiresOn, current)}T23:59:59+03:00`)
      : template.validityDays
        ? new Date(run.now.getTime() + template.validityDays * 24 * HOUR_MS)
        : null;
    await tx.insert(certificates).values({
      applicationId: run.application.id,
      serviceId: run.service.id,
      number,
      verificationCode: crypto.randomBytes(15).toString("base64url"),
      holderPersonId: run.application.applicantPersonId,
      signingAgencyId: template.signingAgency,
      data: { title: template.title, fields },
      issuedAt: run.now,
      expiresAt,
    });
    await recordEvent(
      tx,
      { accountId: null, role: "agency", agencyId: template.signingAgency, channel: "system" },
      { applicationId: run.application.id, stepId: instance.stepId, stepInstanceId: instance.id, action: "certificate-issued", details: { number } },
      run.now,
    );
    const issued: CertificateResult = { number, issuedOn: kuwaitToday(run.now), expiresOn: expiresAt ? kuwaitToday(expiresAt) : null };
    const recorded = await recordResult(run, instance.stepId, issued);
    await notifyPerson(tx, run.application.applicantPersonId, "certificate-ready", notificationParams(run), run.application.id);
    await refreshWaiting(await advance(recorded, instance, step.next));
    return run.service.id;
  });
  if (issuedFor) metrics().certificatesIssued.inc({ service: issuedFor });
}

/**
 * Marks agency tasks past their deadline (job `deadlines.mark-late`) and tells the agency's
 * supervisors. Paused tasks (the case waits on the applicant) are not late.
 */
export async function markLateSteps(db: Database, deps: EngineDeps, now = new Date(), batch = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const late = await tx
      .update(stepInstances)
      .set({ lateAt: now })
      .where(
        inArray(
          stepInstances.id,
          tx
            .select({ id: stepInstances.id })
            .from(stepInstances)
            .where(and(eq(stepInstances.state, "active"), isNull(stepInstances.lateAt), isNull(stepInstances.pausedAt), lt(stepInstances.deadlineAt, now)))
            .limit(batch),
        ),
      )
      .returning();
    if (late.length === 0) return 0;
    const agencyIds = [...new Set(late.map((step) => step.agencyId).filter((id): id is string => id !== null))];
    const supervisors = agencyIds.length
      ? await tx
          .select({ accountId: accountRoles.accountId, agencyId: accountRoles.agencyId })
          .from(accountRoles)
          .where(and(eq(accountRoles.role, "supervisor"), inArray(accountRoles.agencyId, agencyIds)))
      : [];
    const applicationRows = await tx
      .select({ id: applications.id, reference: applications.reference, serviceId: applications.serviceId, serviceVersion: applications.serviceVersion })
      .from(applications)
      .where(inArray(applications.id, [...new Set(late.map((step) => step.applicationId))]));
    for (const step of late) {
      const application = applicationRows.find((row) => row.id === step.applicationId)!;
      const service = deps.catalogue.get(application.serviceId, application.serviceVersion);
      await recordEvent(tx, systemActor, { applicationId: step.applicationId, stepId: step.stepId, stepInstanceId: step.id, action: "deadline-passed" }, now);
      if (!service) continue;
      await notifyStaff(
        tx,
        supervisors.filter((s) => s.agencyId === step.agencyId).map((s) => s.accountId),
        "step-late",
        { reference: application.reference ?? "", service: service.title, step: service.workflow.steps[step.stepId]?.title },
        step.applicationId,
      );
    }
    return late.length;
  });
}
