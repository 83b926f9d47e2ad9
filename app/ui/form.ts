import type { z } from "zod";

/** An error on one field: a translation key (in the page's namespace) and its count, if plural. */
export interface FieldError<Key extends string = string> {
  key: Key;
  count?: number;
}
export type FieldErrors<Field extends string = string, Key extends string = string> = Partial<Record<Field, FieldError<Key>>>;

/**
 * Parses form data with a schema whose messages are translation keys. The same schema serves
 * the action (server) and could serve the browser; the component translates the keys.
 */
export function parseForm<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  formData: FormData,
): { ok: true; data: z.output<Schema> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [name, value] of formData) raw[name] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= { key: issue.message };
  }
  return { ok: false, errors };
}

export const fieldId = (name: string) => `field-${name}`;
