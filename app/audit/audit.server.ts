import crypto from "node:crypto";
import { asc, desc, gt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditEvents, type AuditEvent, type Channel } from "../../db/schema";

export interface AuditInput {
  actorAccountId?: string | null;
  /** Who acted, in words, for rows whose account is gone or that no account did ("system"). */
  actorLabel?: string | null;
  channel: Channel;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

// Any constant; the same in every process. Serialises appends so the chain never forks.
const AUDIT_CHAIN_LOCK = 7_240_312;

/** JSON with object keys sorted at every depth, so a hash does not depend on key order (jsonb reorders). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function hashEvent(prevHash: string | null, event: Omit<AuditEvent, "id" | "hash" | "prevHash">): string {
  const content = canonical({
    prevHash,
    occurredAt: event.occurredAt.toISOString(),
    actorAccountId: event.actorAccountId,
    actorLabel: event.actorLabel,
    channel: event.channel,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    requestId: event.requestId,
    ip: event.ip,
    details: event.details,
  });
  return crypto.createHash("sha256").update(content).digest("hex");
}

/**
 * Appends an audit event. Call it with the transaction that makes the change it records, so
 * the change and its record commit together or not at all.
 */
export async function recordAudit(db: Database, input: AuditInput): Promise<AuditEvent> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const prevHash = last?.hash ?? null;
    const event = {
      occurredAt: new Date(),
      actorAccountId: input.actorAccountId ?? null,
      actorLabel: input.actorLabel ?? null,
      channel: input.channel,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      requestId: input.requestId ?? null,
      ip: input.ip ?? null,
      details: input.details ?? {},
    };
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...event, prevHash, hash: hashEvent(prevHash, event) })
      .returning();
    return row!;
  });
}

export type AuditChainReport = { intact: true; count: number } | { intact: false; count: number; brokenAtId: number };

/** Walks the whole log in id order and recomputes every hash. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<AuditChainReport> {
  let prevHash: string | null = null;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    for (const row of rows) {
      if (row.prevHash !== prevHash || hashEvent(prevHash, row) !== row.hash) return { intact: false, count, brokenAtId: row.id };
      prevHash = row.hash;
      count++;
    }
    if (rows.length < batchSize) return { intact: true, count };
    afterId = rows[rows.length - 1]!.id;
  }
}
