import type { TFunction } from "i18next";
import type { AuthErrorKey } from "~/auth/forms";
import type { FieldError, FieldErrors } from "./form";
import type { SummaryError } from "./fields";

/** Translates auth form errors for the fields and for the summary, in field order. */
export function translateAuthErrors(t: TFunction<"auth">, errors: FieldErrors | undefined, fieldOrder: string[]) {
  const byField: Record<string, string> = {};
  const summary: SummaryError[] = [];
  for (const field of fieldOrder) {
    const error = errors?.[field] as FieldError<AuthErrorKey> | undefined;
    if (!error) continue;
    const message = error.count !== undefined || error.key === "throttled" ? t(`errors.${error.key}`, { count: error.count ?? 1 }) : t(`errors.${error.key}`);
    byField[field] = message;
    summary.push({ field, message });
  }
  return { byField, summary };
}
