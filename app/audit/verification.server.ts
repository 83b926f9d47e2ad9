import { desc } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditVerifications, type AuditVerificationTrigger } from "../../db/schema";
import { log } from "../log.server";
import { recordAudit, verifyAuditChain, type AuditChainReport } from "./audit.server";
import { readAuditCheckpoints, type CheckpointStore } from "./checkpoints.server";

/**
 * Verifies the whole audit log against the newest signed checkpoint, records the result for the
 * administrators, and raises a security event when it is broken. A checkpoint file with a line
 * that does not verify is itself a break (someone wrote there who holds no key).
 */
export async function verifyAuditLog(db: Database, store: CheckpointStore, trigger: AuditVerificationTrigger): Promise<AuditChainReport> {
  const checkpoints = readAuditCheckpoints(store);
  const report: AuditChainReport = checkpoints.ok
    ? await verifyAuditChain(db, { checkpoint: checkpoints.latest })
    : { intact: false, count: 0, brokenAtId: null, problem: "forged-checkpoint", checkpointLastId: null, lastIntactId: null };
  await db.transaction(async (tx) => {
    await tx.insert(auditVerifications).values({
      trigger,
      isIntact: report.intact,
      eventCount: report.count,
      brokenAtId: report.intact ? null : report.brokenAtId,
      problem: report.intact ? null : report.problem,
      checkpointLastId: report.checkpointLastId,
    });
    if (!report.intact) {
      await recordAudit(tx, {
        channel: "system",
        actorLabel: "system",
        action: "security.audit-chain-broken",
        subjectType: "audit-event",
        subjectId: report.brokenAtId === null ? null : String(report.brokenAtId),
        details: {
          problem: report.problem,
          verifiedBefore: report.count,
          lastIntactId: report.lastIntactId,
          checkpointLastId: report.checkpointLastId,
          ...(checkpoints.ok ? {} : { checkpointLine: checkpoints.badLine }),
        },
      });
    }
  });
  if (report.intact) log.info("audit chain verified", { events: report.count, checkpointLastId: report.checkpointLastId });
  else log.error("audit chain broken", { ...report });
  return report;
}

/** The newest verification, for the administrators' page. */
export async function latestAuditVerification(db: Database) {
  const [row] = await db.select().from(auditVerifications).orderBy(desc(auditVerifications.verifiedAt), desc(auditVerifications.id)).limit(1);
  return row ?? null;
}
