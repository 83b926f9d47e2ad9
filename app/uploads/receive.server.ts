import crypto from "node:crypto";
import type { Database } from "../../db/client";
import type { Channel } from "../../db/schema";
import { recordAudit } from "../audit/audit.server";
import { enqueueJob } from "../jobs/queue.server";
import type { FieldProblem, FileRef } from "../catalogue/form-schema";
import type { Field } from "../catalogue/types";
import type { MultipartForm } from "./multipart.server";
import { isReadableUpload } from "./inspect.server";
import { sniffMime } from "./sniff";
import { cleanFileName, storeUpload, UPLOAD_SCAN_ATTEMPTS } from "./uploads.server";

export interface ReceivedFiles {
  /** The file answers after this form: new files kept, the ones already attached carried on. */
  answers: Record<string, FileRef>;
  problems: Record<string, FieldProblem>;
  /** Fields whose attached file was removed. */
  cleared: string[];
  /** Uploads no longer answered (replaced or removed), to delete once the answers are saved. */
  replaced: string[];
  /** Uploads kept by this form (to delete again if what they belong to is refused). */
  stored: string[];
  /** Fields whose new file is kept but awaits its malware scan (the scanner could not be reached). */
  awaitingScan: string[];
}

/**
 * Takes the files of a form's file fields: each new one is scanned for malware before any person
 * can open it (an infected file is refused and recorded as a security event; one the scanner
 * could not reach is kept awaiting its scan, closed to clerks, and a scan job retries), checked by
 * its bytes (not its name), opened by the portal's own parsers as a clerk's copy will be made of
 * it, and held to its size, and kept; a field left empty keeps what it had; an optional one may be removed.
 * Input names are the field ids after `prefix`.
 */
export async function receiveFiles(
  db: Database,
  input: {
    ownerPersonId: string;
    applicationId: string;
    fields: Field[];
    saved: Record<string, unknown>;
    received: MultipartForm;
    prefix?: string;
    channel?: Channel;
  },
): Promise<ReceivedFiles> {
  const prefix = input.prefix ?? "";
  const out: ReceivedFiles = { answers: {}, problems: {}, cleared: [], replaced: [], stored: [], awaitingScan: [] };
  for (const field of input.fields) {
    if (field.type !== "file") continue;
    const name = prefix + field.id;
    const saved = input.saved[field.id] as FileRef | undefined;
    const file = input.received.files.get(name);
    if (input.received.tooLarge.has(name)) {
      out.problems[field.id] = { code: "file-too-large", params: { maxBytes: field.maxBytes } };
    } else if (file?.scan?.verdict === "infected") {
      out.problems[field.id] = { code: "file-infected" };
      await recordAudit(db, {
        channel: input.channel ?? "web",
        actorLabel: "malware scanner",
        action: "security.upload-infected",
        subjectType: "application",
        subjectId: input.applicationId,
        details: {
          fieldId: field.id,
          name: cleanFileName(file.name),
          size: file.bytes.byteLength,
          sha256: crypto.createHash("sha256").update(file.bytes).digest("hex"),
          signature: file.scan.signature,
          ownerPersonId: input.ownerPersonId,
        },
      });
    } else if (file) {
      const mime = sniffMime(file.bytes);
      if (!mime || !(field.accept as string[]).includes(mime)) {
        out.problems[field.id] = { code: "file-type", params: { accept: field.accept.join(", ") } };
      } else if (!(await isReadableUpload(file.bytes, mime))) {
        out.problems[field.id] = { code: "file-damaged" };
      } else {
        const scanStatus = !file.scan ? "unscanned" : file.scan.verdict === "clean" ? "clean" : "awaiting-scan";
        // The file and the job that will scan it commit together: no file waits for a scan nobody owes.
        const ref = await db.transaction(async (tx) => {
          const stored = await storeUpload(tx, {
            ownerPersonId: input.ownerPersonId,
            applicationId: input.applicationId,
            fieldId: field.id,
            name: file.name,
            mime,
            bytes: file.bytes,
            scanStatus,
          });
          if (scanStatus === "awaiting-scan")
            await enqueueJob(tx, "upload.scan", { uploadId: stored.id }, { dedupeKey: `upload.scan:${stored.id}`, maxAttempts: UPLOAD_SCAN_ATTEMPTS });
          return stored;
        });
        if (scanStatus === "awaiting-scan") out.awaitingScan.push(field.id);
        out.answers[field.id] = ref;
        out.stored.push(ref.id);
        if (saved) out.replaced.push(saved.id);
      }
    } else if (saved && input.received.form.get(`${name}.remove`) === "yes" && !field.isRequired) {
      out.cleared.push(field.id);
      out.replaced.push(saved.id);
    } else if (saved) {
      out.answers[field.id] = saved;
    }
  }
  return out;
}
