import crypto from "node:crypto";
import { asc, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditEvents, type AuditEvent, type AuditHashScheme, type Channel } from "../../db/schema";
import { log } from "../log.server";
import type { AuditAction } from "./actions";
import type { AuditCheckpoint } from "./checkpoints.server";

export interface AuditInput {
  actorAccountId?: string | null;
  /** Who acted, in words, for rows whose account is gone or that no account did ("system"). */
  actorLabel?: string | null;
  channel: Channel;
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** The actor of what a person did at a kiosk without an account session: named by `details.person`. */
export const KIOSK_USER = "kiosk user";
/** The actor of what a kiosk did itself (enrolling): named by the kiosk the event is about. */
export const THE_KIOSK = "the kiosk";

// Any constant; the same in every process. Serialises appends so the chain never forks.
const AUDIT_CHAIN_LOCK = 7_240_312;

// The chain's key comes from the root secret (never from the database), installed once per process
// by startRuntime. Kept on globalThis: the start script and the Remix bundle load this module apart.
const CHAIN_KEY = Symbol.for("nafitha.audit-chain-key");
type KeyHolder = { [CHAIN_KEY]?: Buffer };

export function installAuditChainKey(key: Buffer) {
  (globalThis as KeyHolder)[CHAIN_KEY] = key;
}

function chainKey(): Buffer {
  const key = (globalThis as KeyHolder)[CHAIN_KEY];
  if (!key) throw new Error("The audit chain's key is not installed (startRuntime installs it from the root secret).");
  return key;
}

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

type HashedContent = Omit<AuditEvent, "hash" | "prevHash" | "hashScheme" | "id"> & { id?: number };

/** The row's hash: an HMAC over the previous row's hash and this row's content (`sha256`: the earlier release's, keyless). */
function hashEvent(scheme: AuditHashScheme, key: Buffer, prevHash: string | null, event: HashedContent): string {
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
  return scheme === "hmac-sha256" ? crypto.createHmac("sha256", key).update(content).digest("hex") : crypto.createHash("sha256").update(content).digest("hex");
}

/**
 * Re-keys the rows an earlier release chained with plain SHA-256 (the migration marks them), once,
 * at start-up: their keyless chain is verified first, then every row is re-hashed with the key in
 * order, in one transaction under the chain's lock. After it no keyless row is ever valid, so a
 * database-level attacker cannot pass rows off as old ones. A keyless chain found broken is left
 * as it is, for the verification to report. Returns how many rows were re-keyed.
 */
export async function rekeyLegacyAuditRows(db: Database): Promise<number> {
  const key = chainKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const legacy = await tx.select().from(auditEvents).where(eq(auditEvents.hashScheme, "sha256")).orderBy(asc(auditEvents.id));
    if (legacy.length === 0) return 0;
    const [firstKeyed] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.hashScheme, "hmac-sha256"))
      .orderBy(asc(auditEvents.id))
      .limit(1);
    let prevHash: string | null = null;
    for (const row of legacy) {
      const isIntact = (!firstKeyed || row.id < firstKeyed.id) && row.prevHash === prevHash && hashEvent("sha256", key, prevHash, row) === row.hash;
      if (!isIntact) {
        log.error("audit rows of the earlier release do not chain; left keyless for the verification to report", { brokenAtId: row.id });
        return 0;
      }
      prevHash = row.hash;
    }
    // Re-hashed in order; the first keyed row (written since) is re-linked to the new last hash.
    prevHash = null;
    for (const row of legacy) {
      const hash = hashEvent("hmac-sha256", key, prevHash, row);
      await tx.update(auditEvents).set({ prevHash, hash, hashScheme: "hmac-sha256" }).where(eq(auditEvents.id, row.id));
      prevHash = hash;
    }
    const keyed = await tx
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, legacy[legacy.length - 1]!.id))
      .orderBy(asc(auditEvents.id));
    for (const row of keyed) {
      const hash = hashEvent("hmac-sha256", key, prevHash, row);
      await tx.update(auditEvents).set({ prevHash, hash }).where(eq(auditEvents.id, row.id));
      prevHash = hash;
    }
    log.info("audit rows of the earlier release re-keyed", { rows: legacy.length });
    return legacy.length;
  });
}

/**
 * Appends an audit event. Call it with the transaction that makes the change it records, so
 * the change and its record commit together or not at all.
 */
export async function recordAudit(db: Database, input: AuditInput): Promise<AuditEvent> {
  const key = chainKey();
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
      .values({ ...event, prevHash, hash: hashEvent("hmac-sha256", key, prevHash, event), hashScheme: "hmac-sha256" })
      .returning();
    return row!;
  });
}

/** The newest row of the chain and how many rows it has: what a checkpoint records. */
export async function auditChainHead(db: Database): Promise<{ lastId: number; hash: string | null; count: number }> {
  const [head] = await db.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  // Counted up to the head read, so a row committed meanwhile is not counted without being named.
  const [{ n } = { n: 0 }] = head
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(lte(auditEvents.id, head.id))
    : [];
  return { lastId: head?.id ?? 0, hash: head?.hash ?? null, count: Number(n) };
}

export type AuditProblem =
  /** A row's hash is not what its content and the key make: edited, reordered, or one before it removed. */
  | "altered"
  /** A row hashed without the key (rows of the earlier release are re-keyed at start-up): a downgrade. */
  | "unkeyed-row"
  /** Rows a signed checkpoint counted are gone (the newest deleted, or the table emptied). */
  | "missing-rows"
  /** The checkpoint file holds a line whose signature does not verify. */
  | "forged-checkpoint";

export type AuditChainReport =
  | { intact: true; count: number; checkpointLastId: number | null }
  | { intact: false; count: number; brokenAtId: number | null; problem: AuditProblem; checkpointLastId: number | null; lastIntactId: number | null };

/**
 * Walks the whole log in id order and recomputes every hash with the key, then holds it to the
 * newest signed checkpoint: the row it names must be there with the hash it recorded, and as many
 * rows up to it as it counted. `count` is how many rows were verified before the first bad one.
 */
export async function verifyAuditChain(db: Database, options: { checkpoint?: AuditCheckpoint | null; batchSize?: number } = {}): Promise<AuditChainReport> {
  const key = chainKey();
  const checkpoint = options.checkpoint ?? null;
  const checkpointLastId = checkpoint?.lastId ?? null;
  const batchSize = options.batchSize ?? 1000;
  let prevHash: string | null = null;
  let afterId = 0;
  let count = 0;
  let countUpToCheckpoint = 0;
  let checkpointRowHash: string | null = null;
  let lastGoodId = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    for (const row of rows) {
      // Rows of the earlier release are re-keyed at start-up: a keyless row now is one someone made.
      if (row.hashScheme !== "hmac-sha256")
        return { intact: false, count, brokenAtId: row.id, problem: "unkeyed-row", checkpointLastId, lastIntactId: lastGoodId || null };
      if (row.prevHash !== prevHash || hashEvent(row.hashScheme, key, prevHash, row) !== row.hash)
        return { intact: false, count, brokenAtId: row.id, problem: "altered", checkpointLastId, lastIntactId: lastGoodId || null };
      prevHash = row.hash;
      count++;
      lastGoodId = row.id;
      if (checkpoint && row.id <= checkpoint.lastId) countUpToCheckpoint++;
      if (checkpoint && row.id === checkpoint.lastId) checkpointRowHash = row.hash;
    }
    if (rows.length < batchSize) break;
    afterId = rows[rows.length - 1]!.id;
  }
  if (checkpoint && checkpoint.count > 0 && (checkpointRowHash !== checkpoint.hash || countUpToCheckpoint !== checkpoint.count)) {
    // The row the checkpoint recorded is gone (or not as it was): the rows after the last intact one were removed.
    return { intact: false, count, brokenAtId: checkpoint.lastId, problem: "missing-rows", checkpointLastId, lastIntactId: lastGoodId || null };
  }
  return { intact: true, count, checkpointLastId };
}
