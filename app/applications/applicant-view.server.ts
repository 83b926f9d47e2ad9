import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { applications, certificates, stepInstances } from "../../db/schema";
import type { Catalogue } from "../catalogue/registry";
import type { DecisionResult, Text } from "../catalogue/types";
import { agenciesUnderMaintenance } from "../exchange/links.server";

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
      })
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, application.id), inArray(stepInstances.state, ["active", "waiting"])))
      .orderBy(asc(stepInstances.startedAt)),
    db.select({ number: certificates.number, status: certificates.status }).from(certificates).where(eq(certificates.applicationId, application.id)),
  ]);
  const steps = service?.workflow.steps ?? {};
  // An exchange step waiting on an agency under announced maintenance: the applicant is told so, and until when.
  const maintenance = await agenciesUnderMaintenance(db, [
    ...new Set(open.flatMap((step) => (step.kind === "exchange" && step.agencyId ? [step.agencyId] : []))),
  ]);
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
          maintenance: step.kind === "exchange" && step.agencyId && maintenance.has(step.agencyId) ? { until: maintenance.get(step.agencyId) ?? null } : null,
        };
      }),
    reasons,
    certificate: issued[0] ?? null,
  };
}
