import { and, asc, desc, eq, ne, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, stepInstances } from "../../db/schema";
import type { RoleGrant } from "../auth/permissions";

/** An applicant's drafts, last saved first (one per service: applications_one_draft_idx). */
export function listDraftsOf(db: Database, personId: string) {
  return db
    .select({ id: applications.id, serviceId: applications.serviceId, serviceVersion: applications.serviceVersion, updatedAt: applications.updatedAt })
    .from(applications)
    .where(and(eq(applications.applicantPersonId, personId), eq(applications.status, "draft")))
    .orderBy(desc(applications.updatedAt));
}

/** An applicant's submitted applications, newest first (applications_applicant_idx). */
export function listApplicationsOf(db: Database, personId: string, limit = 50) {
  return db
    .select({
      id: applications.id,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
      status: applications.status,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .where(and(eq(applications.applicantPersonId, personId), ne(applications.status, "draft")))
    .orderBy(desc(applications.createdAt))
    .limit(limit);
}

/**
 * The open task steps a member of staff may act on: their agency and position as a clerk, every
 * position as a supervisor. Soonest deadline first (step_instances_inbox_idx).
 */
export function listInbox(db: Database, roles: RoleGrant[], limit = 50) {
  const scopes = roles.flatMap((grant) =>
    grant.role === "clerk" && grant.agencyId && grant.position
      ? [and(eq(stepInstances.agencyId, grant.agencyId), eq(stepInstances.position, grant.position))]
      : grant.role === "supervisor" && grant.agencyId
        ? [eq(stepInstances.agencyId, grant.agencyId)]
        : [],
  );
  if (scopes.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: stepInstances.id,
      stepId: stepInstances.stepId,
      deadlineAt: stepInstances.deadlineAt,
      lateAt: stepInstances.lateAt,
      pausedAt: stepInstances.pausedAt,
      reference: applications.reference,
      serviceId: applications.serviceId,
      serviceVersion: applications.serviceVersion,
    })
    .from(stepInstances)
    .innerJoin(applications, eq(applications.id, stepInstances.applicationId))
    .where(and(eq(stepInstances.state, "active"), eq(stepInstances.kind, "task"), or(...scopes)))
    .orderBy(asc(stepInstances.deadlineAt), asc(stepInstances.id))
    .limit(limit);
}

