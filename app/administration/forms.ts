import type { z } from "zod";

// One way to read an administration form: the fields it has, as text, checked by its schema; a
// refusal names, per field, the locale key of what is wrong, and keeps what was typed.

export type Problems<F extends string> = Partial<Record<F, string>>;

export type Checked<F extends string, T> = { ok: true; data: T } | { ok: false; problems: Problems<F>; values: Record<F, string> };

/**
 * Each issue's message is the problem's key; its path names the field (or the message does, as
 * `field.key`, for a check across fields).
 */
export function checkForm<F extends string, S extends z.ZodType>(schema: S, fields: readonly F[], form: FormData): Checked<F, z.output<S>> {
  return checkValues(schema, fields, Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? "")])) as Record<F, string>);
}

/** The same check over values given as text (a row of an imported file); a missing field reads as empty. */
export function checkValues<F extends string, S extends z.ZodType>(
  schema: S,
  fields: readonly F[],
  given: Partial<Record<F, string>>,
): Checked<F, z.output<S>> {
  const values = Object.fromEntries(fields.map((field) => [field, given[field] ?? ""])) as Record<F, string>;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems: Problems<F> = {};
  for (const issue of parsed.error.issues) {
    const [named, key] = issue.message.includes(".") ? issue.message.split(".") : [String(issue.path[0]), issue.message];
    const field = named as F;
    problems[field] ??= key;
  }
  return { ok: false, problems, values };
}

export const isHttpsAddress = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
};
