import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import type { UploadMime } from "../../db/schema/uploads";
import { watermarkedPdf } from "./watermark.server";

// A file that starts like a PDF, PNG or JPEG is not yet one. Every upload is opened when it is
// received, the way a clerk's copy will be made of it (the watermarked PDF), and an image is
// decoded to its last pixel, so that no clerk ever meets a document that does not open.

/** Images larger than this are refused as damaged: no scan of a form needs more, and decoding must stay bounded. */
const MAX_IMAGE_MEGAPIXELS = 60;

/** Width × height from a PNG's header (IHDR), read before anything is decoded. */
function pngMegapixels(bytes: Uint8Array): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 24 || view.toString("latin1", 12, 16) !== "IHDR") return Infinity;
  return (view.readUInt32BE(16) * view.readUInt32BE(20)) / 1e6;
}

export async function isReadableUpload(bytes: Uint8Array, mime: UploadMime): Promise<boolean> {
  try {
    // Decoded in full by a strict decoder first (checksums and all): pdf-lib's own PNG reader
    // never returns on some truncated files, so it must only ever see whole ones.
    if (mime === "image/png") {
      if (pngMegapixels(bytes) > MAX_IMAGE_MEGAPIXELS) return false;
      PNG.sync.read(Buffer.from(bytes));
    }
    if (mime === "image/jpeg") jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS, maxMemoryUsageInMB: 512 });
    const copy = await watermarkedPdf(bytes, mime, "nafitha-intake-check");
    return copy.byteLength > 0;
  } catch {
    return false;
  }
}
