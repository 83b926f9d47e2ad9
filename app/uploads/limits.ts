import type { Field, ServiceDefinition } from "../catalogue/types";

/** Room for a form's text fields and the multipart framing around its parts. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The most a form's files can add up to: each file field at its limit, a repeatable group at its most items. */
function fileBytes(fields: readonly Field[]): number {
  return fields.reduce(
    (sum, field) => sum + (field.type === "file" ? field.maxBytes : field.type === "group" ? field.maxItems * fileBytes(field.fields) : 0),
    0,
  );
}

/**
 * The largest body a form post with uploads may have, over every service: all of a service's
 * files at once (a correction may ask for files from several pages), plus its text. The HTTP
 * layer refuses a larger body before reading it; each file is then held to its own field's limit.
 */
export function uploadsMaxBytes(services: readonly ServiceDefinition[]): number {
  const largest = Math.max(0, ...services.map((service) => fileBytes(service.pages.flatMap((page) => page.fields))));
  return largest + FORM_OVERHEAD_BYTES;
}
