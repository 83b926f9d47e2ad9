import crypto from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { kiosks, type Kiosk, type PaperStatus, type PrinterStatus } from "../../db/schema";

// Kiosk terminals: registered by an administrator, enrolled once by their browser with a one-time
// code, then known by a device credential until revoked. Codes and credentials are kept as hashes.

const ENROLMENT_HOURS = 24;
/** A kiosk not heard from for this long is flagged on the administrators' page. */
export const SILENT_AFTER_MS = 2 * 60_000;

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
/** 10 characters a technician reads and types without confusion (no 0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from(crypto.randomBytes(10), (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");

export const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
export const formatCode = (code: string) => code.replace(/(.{5})(?=.)/g, "$1-");

export interface KioskInput {
  nameAr: string;
  nameEn: string;
  governorate: string;
  locationAr: string;
  locationEn: string;
}

/** Registers a kiosk; returns the enrolment code, shown once. */
export async function registerKiosk(db: Database, input: KioskInput, now = new Date()) {
  const code = newCode();
  const [kiosk] = await db
    .insert(kiosks)
    .values({ ...input, enrolmentCodeHash: sha256(code), enrolmentExpiresAt: new Date(now.getTime() + ENROLMENT_HOURS * 3600_000) })
    .returning();
  return { kiosk: kiosk!, code };
}

/** A new enrolment code for a kiosk (a replaced device); the old credential stops working. */
export async function reissueEnrolment(db: Database, kioskId: string, now = new Date()): Promise<string | null> {
  if (!z.uuid().safeParse(kioskId).success) return null;
  const code = newCode();
  const rows = await db
    .update(kiosks)
    .set({
      enrolmentCodeHash: sha256(code),
      enrolmentExpiresAt: new Date(now.getTime() + ENROLMENT_HOURS * 3600_000),
      credentialHash: null,
      enrolledAt: null,
      revokedAt: null,
    })
    .where(eq(kiosks.id, kioskId))
    .returning({ id: kiosks.id });
  return rows.length ? code : null;
}

/** Enrols the browser that typed a valid code: returns its device credential (kept in a cookie). */
export async function enrolKiosk(db: Database, code: string, now = new Date()): Promise<{ kiosk: Kiosk; credential: string } | null> {
  const credential = crypto.randomBytes(32).toString("base64url");
  const [kiosk] = await db
    .update(kiosks)
    // A new credential is a new bridge key: the bridge's numbering starts again with it.
    .set({ credentialHash: sha256(credential), enrolledAt: now, enrolmentCodeHash: null, enrolmentExpiresAt: null, lastSeenAt: now, bridgeSequence: null })
    .where(and(eq(kiosks.enrolmentCodeHash, sha256(normaliseCode(code))), gt(kiosks.enrolmentExpiresAt, now), isNull(kiosks.revokedAt)))
    .returning();
  return kiosk ? { kiosk, credential } : null;
}

/** The kiosk a device credential belongs to, if it is enrolled and not revoked. */
export async function kioskOfCredential(db: Database, credential: string | null): Promise<Kiosk | null> {
  if (!credential) return null;
  const [kiosk] = await db
    .select()
    .from(kiosks)
    .where(and(eq(kiosks.credentialHash, sha256(credential)), isNull(kiosks.revokedAt)));
  return kiosk ?? null;
}

/** Revokes a kiosk: its credential stops working at its next request. */
export async function revokeKiosk(db: Database, kioskId: string, now = new Date()): Promise<boolean> {
  if (!z.uuid().safeParse(kioskId).success) return false;
  const rows = await db
    .update(kiosks)
    .set({ revokedAt: now, credentialHash: null, enrolmentCodeHash: null })
    .where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt)))
    .returning({ id: kiosks.id });
  return rows.length === 1;
}

/** A heartbeat: the kiosk is online; the printer and paper as reported (left as they were when not). */
export async function recordHeartbeat(
  db: Database,
  kioskId: string,
  status: { printer?: PrinterStatus; paper?: PaperStatus },
  now = new Date(),
): Promise<void> {
  await db
    .update(kiosks)
    .set({ lastSeenAt: now, ...(status.printer ? { printerStatus: status.printer } : {}), ...(status.paper ? { paperStatus: status.paper } : {}) })
    .where(eq(kiosks.id, kioskId));
}

/** Every kiosk for the administrators, by governorate and name. */
export function listKiosks(db: Database) {
  return db.select().from(kiosks).orderBy(asc(kiosks.governorate), asc(kiosks.nameAr));
}

export type KioskState = "awaiting-enrolment" | "online" | "silent" | "revoked";

export function kioskState(kiosk: Pick<Kiosk, "revokedAt" | "enrolledAt" | "lastSeenAt">, now = new Date()): KioskState {
  if (kiosk.revokedAt) return "revoked";
  if (!kiosk.enrolledAt) return "awaiting-enrolment";
  return kiosk.lastSeenAt && now.getTime() - kiosk.lastSeenAt.getTime() <= SILENT_AFTER_MS ? "online" : "silent";
}

/** A kiosk by id, if it is enrolled and not revoked (the card-reader bridge names its kiosk). */
export async function kioskById(db: Database, kioskId: string): Promise<Kiosk | null> {
  if (!z.uuid().safeParse(kioskId).success) return null;
  const [kiosk] = await db
    .select()
    .from(kiosks)
    .where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt)));
  return kiosk ?? null;
}
