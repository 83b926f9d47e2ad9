import { and, desc, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import { applications, certificates } from "../../db/schema";

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

/** The valid certificates a person holds, newest first (certificates_holder_idx). */
export function listCertificatesOf(db: Database, personId: string, limit = 50) {
  return db
    .select({ number: certificates.number, serviceId: certificates.serviceId, issuedAt: certificates.issuedAt, expiresAt: certificates.expiresAt })
    .from(certificates)
    .where(and(eq(certificates.holderPersonId, personId), eq(certificates.status, "valid")))
    .orderBy(desc(certificates.issuedAt))
    .limit(limit);
}
