import crypto from "node:crypto";
import { and, eq, exists, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { stepInstances, uploads, type UploadMime } from "../../db/schema";
import type { FileRef } from "../catalogue/form-schema";

/** Keeps an attachment of an application; returns the reference the answers hold. */
export async function storeUpload(
  db: Database,
  input: { ownerPersonId: string; applicationId: string; fieldId: string; name: string; mime: UploadMime; bytes: Uint8Array },
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
        exists(db.select({ one: sql`1` }).from(stepInstances).where(and(eq(stepInstances.applicationId, uploads.applicationId), inArray(stepInstances.agencyId, agencyIds)))),
      ),
    );
  return row ?? null;
}

/** A file name fit to show and to send back: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-120);
  return cleaned || "file";
}
