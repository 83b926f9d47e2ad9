import { and, count, desc, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditEvents, uploads } from "../../db/schema";

/** The audit actions that are security events, shown to administrators (audit_events_action_idx serves the list). */
export const securityEventActions = ["security.upload-infected", "security.audit-chain-broken"] as const;
export type SecurityEventAction = (typeof securityEventActions)[number];

export const SECURITY_EVENTS_PAGE = 25;

/** Security events, newest first, a page at a time (keyset: the events before `beforeId`). */
export function listSecurityEvents(db: Database, beforeId?: number) {
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(inArray(auditEvents.action, [...securityEventActions]), beforeId ? lt(auditEvents.id, beforeId) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(SECURITY_EVENTS_PAGE + 1);
}

/** How many uploads, over every application, still await their malware scan (uploads_awaiting_scan_idx). */
export async function countUploadsAwaitingScan(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(uploads).where(eq(uploads.scanStatus, "awaiting-scan"));
  return Number(row?.n ?? 0);
}
