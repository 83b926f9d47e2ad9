import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { operatingMode } from "../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import { TIMED_OUT, withTimeout } from "./timeout";

// The portal's read-only (maintenance) mode. While it is on, pages are read, certificates verified
// and the status page served; every change is refused with a message before it begins, so nothing
// is left half-done (a change already under way finishes in its own transaction). The worker
// claims no new jobs. Switched by a portal administrator, or held on by READ_ONLY=true.

export type OperatingMode =
  { isReadOnly: false } | { isReadOnly: true; source: "setting" | "administrator"; since: Date | null; reasonAr: string | null; reasonEn: string | null };

/** Each process reads the mode at most this often: a switch reaches every server within it. */
export const MODE_CACHE_MS = 2_000;
const MODE_TIMEOUT_MS = 1_500;

interface Cached {
  mode: OperatingMode;
  readAt: number;
}
const CACHE = Symbol.for("nafitha.operating-mode");
type Holder = { [CACHE]?: Map<Database, Cached> };
const cacheOf = () => ((globalThis as Holder)[CACHE] ??= new Map());

/** The mode now (cached for MODE_CACHE_MS). A database that does not answer leaves the last mode read. */
export async function readOperatingMode(db: Database, isForcedBySetting: boolean, now = Date.now()): Promise<OperatingMode> {
  if (isForcedBySetting) return { isReadOnly: true, source: "setting", since: null, reasonAr: null, reasonEn: null };
  const cached = cacheOf().get(db);
  if (cached && now - cached.readAt < MODE_CACHE_MS) return cached.mode;
  try {
    // A database slower than this leaves the last mode read (the status page is served meanwhile).
    const row = await withTimeout(
      db
        .select()
        .from(operatingMode)
        .where(eq(operatingMode.id, 1))
        .then(([found]) => found ?? null),
      MODE_TIMEOUT_MS,
    );
    if (row === TIMED_OUT) return cached?.mode ?? { isReadOnly: false };
    const mode: OperatingMode = row?.readOnlySince
      ? { isReadOnly: true, source: "administrator", since: row.readOnlySince, reasonAr: row.reasonAr, reasonEn: row.reasonEn }
      : { isReadOnly: false };
    cacheOf().set(db, { mode, readAt: now });
    return mode;
  } catch (error) {
    if (cached) return cached.mode;
    throw error;
  }
}

export interface ModeChange {
  isReadOnly: boolean;
  reasonAr?: string | null;
  reasonEn?: string | null;
}

/** Switches the mode, audited in the same transaction; this process sees it at once, the others within MODE_CACHE_MS. */
export async function setOperatingMode(db: Database, change: ModeChange, by: { accountId: string; meta: RequestMeta }, now = new Date()): Promise<void> {
  const values = change.isReadOnly
    ? { readOnlySince: now, reasonAr: change.reasonAr || null, reasonEn: change.reasonEn || null }
    : { readOnlySince: null, reasonAr: null, reasonEn: null };
  await db.transaction(async (tx) => {
    await tx
      .insert(operatingMode)
      .values({ id: 1, ...values, changedBy: by.accountId, changedAt: now })
      .onConflictDoUpdate({ target: operatingMode.id, set: { ...values, changedBy: by.accountId, changedAt: now } });
    await recordAudit(tx, {
      ...auditFields(by.meta),
      actorAccountId: by.accountId,
      action: change.isReadOnly ? "operations.read-only-on" : "operations.read-only-off",
      subjectType: "portal",
      subjectId: "operating-mode",
      details: change.isReadOnly ? { reasonAr: values.reasonAr, reasonEn: values.reasonEn } : {},
    });
  });
  cacheOf().delete(db);
}
