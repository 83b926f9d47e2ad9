import { joinDateParts } from "../catalogue/date-parts";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { readForm } from "../http/form.server";
import { refusal } from "../http/refusal.server";
import type { MalwareScanner, ScanVerdict } from "./scanner.server";

export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
  /** The malware scan's verdict, taken as the file came in; absent when no scanner is configured. */
  scan?: ScanVerdict;
}

export interface MultipartForm {
  form: FormData;
  /** Files received whole, by field name (an empty file input sends nothing). */
  files: Map<string, ReceivedFile>;
  /** Fields whose file was over its limit: read and thrown away, never kept. */
  tooLarge: Set<string>;
}

const decoder = new TextDecoder();
/** Text fields of a form are short; anything longer is cut off here. */
const MAX_TEXT_BYTES = 64 * 1024;

/**
 * Reads a multipart form, keeping each file only up to the limit its field allows (files for
 * fields not listed are read and dropped), and has each file scanned for malware as it comes in
 * when a scanner is configured. A form that is not multipart is read as usual.
 */
export async function readMultipartForm(request: Request, maxBytesByField: Map<string, number>, scanner: MalwareScanner | null): Promise<MultipartForm> {
  const files = new Map<string, ReceivedFile>();
  const tooLarge = new Set<string>();
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return { form: await readForm(request), files, tooLarge };
  }
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const limit = filename === undefined ? MAX_TEXT_BYTES : (maxBytesByField.get(name) ?? 0);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
    }
    if (filename === undefined) return decoder.decode(Buffer.concat(chunks));
    if (!filename || size === 0) return undefined;
    if (size > limit) tooLarge.add(name);
    else {
      const bytes = Buffer.concat(chunks);
      files.set(name, { name: filename, bytes, ...(scanner ? { scan: await scanner.scan(bytes) } : {}) });
    }
    return undefined;
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch {
    // A body cut off or malformed on the way (the HTTP layer already refused one that is too large).
    throw refusal("badForm", 400);
  }
  return { form: joinDateParts(form), files, tooLarge };
}
