import type { UploadMime } from "../../db/schema/uploads";

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

/**
 * What a file is, read from its first bytes (its name and the browser's word are not trusted):
 * PDF, PNG or JPEG, or null for anything else.
 */
export function sniffMime(bytes: Uint8Array): UploadMime | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}
