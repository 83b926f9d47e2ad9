import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, jobs, stepInstances } from "../../db/schema";
import { runLookups } from "../engine/lookups.server";
import { submitApplication } from "../engine/transitions.server";
import type { JobDeps } from "../jobs/handlers.server";

// Drills on a demo deployment (npm run drill): an agency's simulated endpoint put down, a stream
// of applications that need it submitted, the fault lifted, and the backlog followed until it has
// drained. The applicants come from the demo's drill kit (db/seed/drill.ts, given by the start
// script), so that only the agency the drill puts down holds them up.

export interface DrillApplicant {
  personId: string;
  civilId: string;
  answers: Record<string, unknown>;
}

export interface DrillKit {
  /** The service a drill of this agency submits: one that asks it after submission (null: none). */
  serviceFor(agencyId: string): string | null;
  applicant(db: Database, serviceId: string): Promise<DrillApplicant>;
}

/**
 * A drill applicant with the form filled in, as a person who began before the outage: the form's
 * lookups made (they may ask the very agency the drill puts down), not yet submitted.
 */
export interface PreparedDrillApplication {
  agencyId: string;
  serviceId: string;
  applicant: DrillApplicant;
  lookups: Awaited<ReturnType<typeof runLookups>>["lookups"];
}

/** Makes a new drill applicant for the agency's drill service and fills in their form (its lookups made now). */
export async function prepareDrillApplication(db: Database, deps: JobDeps, kit: DrillKit, agencyId: string): Promise<PreparedDrillApplication> {
  const serviceId = kit.serviceFor(agencyId);
  const service = serviceId ? deps.catalogue.get(serviceId) : undefined;
  if (!serviceId || !service) throw new Error(`No drill service asks ${agencyId}`);
  const applicant = await kit.applicant(db, serviceId);
  const { lookups, unavailable } = await runLookups(db, deps.exchange, service, { personId: applicant.personId, civilId: applicant.civilId });
  if (unavailable.length > 0) throw new Error(`The lookups of ${serviceId} could not be made: ${unavailable.join(", ")}`);
  return { agencyId, serviceId, applicant, lookups };
}

/** Submits a prepared drill application (or one prepared now); gives its id. */
export async function submitDrillApplication(
  db: Database,
  deps: JobDeps,
  kit: DrillKit,
  agencyId: string,
  prepared?: PreparedDrillApplication,
): Promise<string> {
  const { serviceId, applicant, lookups } = prepared ?? (await prepareDrillApplication(db, deps, kit, agencyId));
  const submitted = await submitApplication(db, deps, {
    serviceId,
    applicantPersonId: applicant.personId,
    applicantAccountId: null,
    answers: applicant.answers,
    lookups,
    actor: { accountId: null, role: "applicant", personId: applicant.personId, channel: "web" },
  });
  if (!submitted.ok) throw new Error(`The drill application was refused: ${JSON.stringify(submitted)}`);
  return submitted.applicationId;
}

export interface DrillReport {
  submitted: number;
  /** Still waiting on the agency (its step open). */
  waiting: number;
  /** Past every step of the agency. */
  completed: number;
  /** Whose call to the agency failed for good (a job out of attempts): must be none. */
  failed: number;
}

/** Where the drill's applications stand with the agency. */
export async function drillReport(db: Database, agencyId: string, applicationIds: string[]): Promise<DrillReport> {
  if (applicationIds.length === 0) return { submitted: 0, waiting: 0, completed: 0, failed: 0 };
  const found = await db.select({ id: applications.id }).from(applications).where(inArray(applications.id, applicationIds));
  // Past the agency: its step answered, and none of its steps open again.
  const past = await db
    .select({ applicationId: stepInstances.applicationId })
    .from(stepInstances)
    .where(and(inArray(stepInstances.applicationId, applicationIds), eq(stepInstances.kind, "exchange"), eq(stepInstances.agencyId, agencyId)))
    .groupBy(stepInstances.applicationId)
    .having(sql`bool_and(${stepInstances.state} in ('completed', 'cancelled')) and bool_or(${stepInstances.state} = 'completed')`);
  const failed = await db
    .selectDistinct({ applicationId: stepInstances.applicationId })
    .from(stepInstances)
    .innerJoin(jobs, sql`${jobs.dedupeKey} = 'exchange:' || ${stepInstances.id}::text`)
    .where(and(inArray(stepInstances.applicationId, applicationIds), eq(jobs.status, "failed")));
  return {
    submitted: found.length,
    waiting: found.length - past.length - failed.length,
    completed: past.length,
    failed: failed.length,
  };
}
