import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, certificates, jobs, stepInstances } from "../../db/schema";
import type { Catalogue } from "../catalogue/registry";
import type { DecisionResult, Text } from "../catalogue/types";
import { linkConditionsOf } from "../exchange/links.server";

/** Why a step is still waiting on its agency, as its applicant is told. */
export type AgencyWait = { kind: "maintenance"; until: Date | null } | { kind: "not-answering" } | { kind: "retrying" };

// What the applicant sees of their own application: its steps still open (who has them, since
// when, until when), the reasons of its decisions, and its certificate. Another person's
// application is not found.

export async function getOwnApplication(db: Database, catalogue: Catalogue, personId: string, applicationId: string) {
  if (!z.uuid().safeParse(applicationId).success) return null;
  const [application] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.applicantPersonId, personId)));
  if (!application) return null;
  const service = catalogue.get(application.serviceId, application.serviceVersion) ?? null;
  const [open, issued] = await Promise.all([
    db
      .select({
        id: stepInstances.id,
        stepId: stepInstances.stepId,
        kind: stepInstances.kind,
        agencyId: stepInstances.agencyId,
        startedAt: stepInstances.startedAt,
        deadlineAt: stepInstances.deadlineAt,
        pausedAt: stepInstances.pausedAt,
        lateAt: stepInstances.lateAt,
        result: stepInstances.result,
        attempts: stepInstances.attempts,
        lastError: stepInstances.lastError,
      })
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, application.id), inArray(stepInstances.state, ["active", "waiting"])))
      .orderBy(asc(stepInstances.startedAt)),
    db.select({ number: certificates.number, status: certificates.status }).from(certificates).where(eq(certificates.applicationId, application.id)),
  ]);
  const steps = service?.workflow.steps ?? {};
  // An exchange step waiting on an agency: the applicant is told why when it is under announced
  // maintenance (and until when), not answering (its link is open, or the call is parked), or
  // being asked again after a failure.
  const exchangeSteps = open.filter((step) => step.kind === "exchange");
  const [links, parked] = await Promise.all([
    linkConditionsOf(db, [...new Set(exchangeSteps.flatMap((step) => (step.agencyId ? [step.agencyId] : [])))]),
    exchangeSteps.length
      ? db
          .select({ dedupeKey: jobs.dedupeKey })
          .from(jobs)
          .where(
            and(
              inArray(
                jobs.dedupeKey,
                exchangeSteps.map((step) => `exchange:${step.id}`),
              ),
              eq(jobs.status, "parked"),
            ),
          )
      : [],
  ]);
  const parkedKeys = new Set(parked.map((row) => row.dedupeKey));
  const waitOf = (step: (typeof open)[number]): AgencyWait | null => {
    if (step.kind !== "exchange" || !step.agencyId) return null;
    const link = links.get(step.agencyId);
    if (link?.maintenance) return { kind: "maintenance", until: link.maintenance.until };
    if (link?.isNotAnswering || parkedKeys.has(`exchange:${step.id}`)) return { kind: "not-answering" };
    if (step.attempts > 0 && step.lastError) return { kind: "retrying" };
    return null;
  };
  // Reasons of the decisions that ended or turned the case, in the service's words.
  const reasons: Text[] = Object.entries(application.results).flatMap(([stepId, result]) => {
    const step = steps[stepId];
    if (step?.kind !== "decision" || !step.reasons) return [];
    return ((result as DecisionResult).reasons ?? []).flatMap((code) => (step.reasons![code] ? [step.reasons![code]!] : []));
  });
  return {
    application,
    service,
    openSteps: open
      .filter((step) => step.kind !== "parallel")
      .map((step) => {
        const definition = steps[step.stepId];
        return {
          ...step,
          title: definition?.title ?? { ar: step.stepId, en: step.stepId },
          isYours: step.kind === "applicant" || step.kind === "payment",
          instructions: definition?.kind === "applicant" ? definition.instructions : null,
          definition: definition ?? null,
          wait: waitOf(step),
        };
      }),
    reasons,
    certificate: issued[0] ?? null,
  };
}
