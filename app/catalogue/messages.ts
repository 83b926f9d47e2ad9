import type { TFunction } from "i18next";
import type { Language } from "../i18n/config";
import { formatDate, formatMoney, formatNumber } from "../i18n/format";
import type { FieldProblem } from "./form-schema";
import type { Field } from "./types";

/**
 * The message for a field's problem, in the page's language, naming the field as the service
 * labels it (GOV.UK style: "Enter the marriage contract number").
 */
export function describeProblem(t: TFunction<"forms">, field: Pick<Field, "type" | "label">, problem: FieldProblem, language: Language): string {
  if (problem.code === "pattern" && problem.text) return problem.text[language];
  const label = field.label[language];
  const params = problem.params ?? {};
  // Within an English sentence a label loses its capital ("Enter the marriage contract number"), an acronym keeps it.
  const inSentence = language === "en" && /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
  const values: { label: string; inSentence: string; min?: string; max?: string; date?: string; maxMb?: string } = { label, inSentence };
  if (typeof params.min === "number") values.min = formatNumber(params.min, language);
  if (typeof params.max === "number") values.max = formatNumber(params.max, language);
  if (typeof params.minFils === "number") values.min = formatMoney(params.minFils, language);
  if (typeof params.maxFils === "number") values.max = formatMoney(params.maxFils, language);
  if (typeof params.date === "string") values.date = formatDate(new Date(`${params.date}T12:00:00+03:00`), language);
  if (typeof params.maxBytes === "number") values.maxMb = formatNumber(Math.round(params.maxBytes / (1024 * 1024)), language);
  const code =
    problem.code === "required" && field.type === "select"
      ? "required-choice"
      : problem.code === "required" && field.type === "file"
        ? "required-file"
        : problem.code;
  return t(`problems.${code}` as "problems.required", values);
}
