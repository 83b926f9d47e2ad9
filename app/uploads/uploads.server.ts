import crypto from "node:crypto";
import { and, eq, exists, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { stepInstances, uploads, type UploadMime, type UploadScanStatus } from "../../db/schema";
import type { FileRef } from "../catalogue/form-schema";
import { recordAudit } from "../audit/audit.server";
import type { MalwareScanner } from "./scanner.server";

/** A file awaiting its scan is tried again for about two days (the job's backoff grows, to a cap). */
export const UPLOAD_SCAN_ATTEMPTS = 200;

/** Keeps an attachment of an application; returns the reference the answers hold. */
export async function storeUpload(
  db: Database,
  input: { ownerPersonId: string; applicationId: string; fieldId: string; name: string; mime: UploadMime; bytes: Uint8Array; scanStatus?: UploadScanStatus },
): Promise<FileRef> {
  const name = cleanFileName(input.name);
  const [row] = await db
    .insert(uploads)
    .values({
      ownerPersonId: input.ownerPersonId,
      applicationId: input.applicationId,
      fieldId: input.fieldId,
      name,
      mime: input.mime,
      size: input.bytes.byteLength,
      sha256: crypto.createHash("sha256").update(input.bytes).digest("hex"),
      content: Buffer.from(input.bytes),
      scanStatus: input.scanStatus ?? "unscanned",
      scannedAt: input.scanStatus === "clean" ? new Date() : null,
    })
    .returning({ id: uploads.id });
  return { id: row!.id, name, mime: input.mime, size: input.bytes.byteLength };
}

/** Deletes attachments that an answer no longer points at (replaced or removed), of this application only. */
export async function deleteUploads(db: Database, applicationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(uploads).where(and(eq(uploads.applicationId, applicationId), inArray(uploads.id, ids)));
}

/** An attachment with its bytes, if this person owns it. */
export async function getOwnUpload(db: Database, personId: string, uploadId: string) {
  if (!z.uuid().safeParse(uploadId).success) return null;
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.ownerPersonId, personId)));
  return row ?? null;
}

/** An attachment with its bytes, if one of these agencies has (or had) a step of its application. */
export async function getUploadForAgencies(db: Database, agencyIds: string[], uploadId: string) {
  if (!z.uuid().safeParse(uploadId).success || agencyIds.length === 0) return null;
  const [row] = await db
    .select()
    .from(uploads)
    .where(
      and(
        eq(uploads.id, uploadId),
        exists(
          db
            .select({ one: sql`1` })
            .from(stepInstances)
            .where(and(eq(stepInstances.applicationId, uploads.applicationId), inArray(stepInstances.agencyId, agencyIds))),
        ),
      ),
    );
  return row ?? null;
}

/** A file name fit to show and to send back: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(-120);
  return cleaned || "file";
}

/**
 * Scans a file that came while the scanner could not be reached (job `upload.scan`). Clean: a
 * clerk may open it. Infected: its bytes are removed, and a security event names it. Scanner
 * still away: throws, so the job tries again later. Idempotent: a file already decided is left.
 */
export async function scanWaitingUpload(db: Database, scanner: MalwareScanner | null, uploadId: string): Promise<UploadScanStatus | null> {
  const [upload] = await db
    .select({
      id: uploads.id,
      status: uploads.scanStatus,
      content: uploads.content,
      name: uploads.name,
      applicationId: uploads.applicationId,
      ownerPersonId: uploads.ownerPersonId,
      sha256: uploads.sha256,
      fieldId: uploads.fieldId,
    })
    .from(uploads)
    .where(eq(uploads.id, uploadId));
  if (!upload || upload.status !== "awaiting-scan") return upload?.status ?? null;
  if (!scanner) throw new Error("No malware scanner is configured to scan the files awaiting it (CLAMAV_URL)");
  const verdict = await scanner.scan(upload.content);
  if (verdict.verdict === "unavailable") throw new Error(`The malware scanner could not scan upload ${upload.id}: ${verdict.reason}`);
  return db.transaction(async (tx) => {
    const infected = verdict.verdict === "infected";
    const [updated] = await tx
      .update(uploads)
      .set(
        infected
          ? { scanStatus: "infected", scanSignature: verdict.signature, scannedAt: new Date(), content: Buffer.alloc(0) }
          : { scanStatus: "clean", scannedAt: new Date() },
      )
      .where(and(eq(uploads.id, upload.id), eq(uploads.scanStatus, "awaiting-scan")))
      .returning({ status: uploads.scanStatus });
    if (updated && infected) {
      await recordAudit(tx, {
        channel: "system",
        actorLabel: "malware scanner",
        action: "security.upload-infected",
        subjectType: "application",
        subjectId: upload.applicationId,
        details: {
          uploadId: upload.id,
          fieldId: upload.fieldId,
          name: upload.name,
          sha256: upload.sha256,
          signature: verdict.signature,
          ownerPersonId: upload.ownerPersonId,
          isLateScan: true,
        },
      });
    }
    return updated?.status ?? null;
  });
}

/** An application's files that the malware scan has not cleared (awaiting it, or found infected). */
export function heldUploads(db: Database, applicationId: string) {
  return db
    .select({ id: uploads.id, scanStatus: uploads.scanStatus })
    .from(uploads)
    .where(and(eq(uploads.applicationId, applicationId), inArray(uploads.scanStatus, ["awaiting-scan", "infected"])));
}

/** How many of an application's files still await their scan (uploads_awaiting_scan_idx narrows it). */
export async function countAwaitingScan(db: Database, applicationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(uploads)
    .where(and(eq(uploads.applicationId, applicationId), eq(uploads.scanStatus, "awaiting-scan")));
  return Number(row?.n ?? 0);
}
