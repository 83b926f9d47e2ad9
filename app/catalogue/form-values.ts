import { isolateTyped } from "../i18n/bidi";
import type { Language } from "../i18n/config";
import { formatDate, formatMoney, formatNumber } from "../i18n/format";
import { optionsOf, prefilledValue, visibleFields, type FileRef } from "./form-schema";
import { shownPages } from "./pages";
import type { Facts, Field, ServiceDefinition } from "./types";

// Isomorphic: how a page's fields travel as form data, come back into their inputs, and read
// as text on the check-your-answers page and the application page.

type Leaf = Exclude<Field, { type: "group" }>;

/** A repeatable group's sub-field is named `group.index.field` in the form. */
export const itemFieldName = (groupId: string, index: number, fieldId: string) => `${groupId}.${index}.${fieldId}`;

/**
 * The raw values of a page's fields from the form, the way validatePage reads them. Files are
 * not read here (the route stores them first and puts their references in).
 */
export function rawValuesOf(fields: Field[], data: { get(name: string): unknown; keys(): Iterable<string> }, prefix = ""): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const form = { get: (name: string) => data.get(prefix + name) };
  const names = [...data.keys()].flatMap((name) => (name.startsWith(prefix) ? [name.slice(prefix.length)] : []));
  for (const field of fields) {
    if (field.prefill || field.type === "file") continue;
    if (field.type !== "group") {
      const value = form.get(field.id);
      if (typeof value === "string") raw[field.id] = value;
      continue;
    }
    const indexes = [...new Set(names.flatMap((name) => (name.startsWith(`${field.id}.`) ? [Number(name.split(".")[1])] : [])))]
      .filter(Number.isInteger)
      .sort((a, b) => a - b);
    raw[field.id] = indexes.map((index) =>
      Object.fromEntries(
        field.fields.flatMap((sub) => {
          const value = form.get(itemFieldName(field.id, index, sub.id));
          return typeof value === "string" ? [[sub.id, value]] : [];
        }),
      ),
    );
  }
  return raw;
}

/** A saved answer as its input shows it again (money back in dinars, numbers as typed). */
export function inputValueOf(field: Leaf, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (field.type === "money" && typeof value === "number") return (value / 1000).toFixed(3).replace(/\.?0+$/, "");
  if (field.type === "phone" && typeof value === "string") return value.replace(/^\+965/, "");
  if (typeof value === "object") return "";
  return String(value);
}

const isFileRef = (value: unknown): value is FileRef => typeof value === "object" && value !== null && typeof (value as FileRef).id === "string";

/** A file's size as people read it (KB below a megabyte). */
export function fileSizeText(bytes: number, language: Language): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1
    ? `${formatNumber(Math.round(megabytes * 10) / 10, language)} ${language === "ar" ? "ميغابايت" : "MB"}`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), language)} ${language === "ar" ? "كيلوبايت" : "KB"}`;
}

/** An answer as text, in the reader's language; an empty string when it was not given. */
export function answerText(field: Field, value: unknown, language: Language, facts: Facts): string {
  if (value === undefined || value === null || value === "") return "";
  switch (field.type) {
    case "select":
      return optionsOf(field, facts).find((option) => option.value === value)?.label[language] ?? String(value);
    case "money":
      return typeof value === "number" ? formatMoney(value, language) : String(value);
    case "number":
      return typeof value === "number" ? [formatNumber(value, language), field.unit?.[language]].filter(Boolean).join(" ") : String(value);
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(new Date(`${value}T12:00:00+03:00`), language) : String(value);
    case "phone":
      return String(value).replace(/^\+965/, "");
    case "file":
      // The file's name as it was chosen, isolated: it may be in either script, or read left to right.
      return isFileRef(value) ? `${isolateTyped(value.name)} (${fileSizeText(value.size, language)})` : "";
    case "group":
      return Array.isArray(value)
        ? value
            .map((item: Record<string, unknown>) =>
              field.fields
                .map((sub) => answerText(sub, item[sub.id], language, facts))
                .filter(Boolean)
                .join(language === "ar" ? "، " : ", "),
            )
            .join(" · ")
        : "";
    default:
      // A registry's name held in both languages (an area prefilled from PACI).
      return isText(value) ? value[language] : String(value);
  }
}

const isText = (value: unknown): value is Record<Language, string> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Record<string, unknown>).ar === "string" &&
  typeof (value as Record<string, unknown>).en === "string";

export interface AnswerRow {
  fieldId: string;
  label: string;
  /** The answer as text; empty when it was not given. */
  value: string;
  /** Taken from an agency's records, not asked. */
  isPrefilled: boolean;
  /** The language the value is in when it is not the page's (a name in English, prefilled on an Arabic page). */
  lang: Language | null;
  /** The attachment's id, for a file field that has one. */
  fileId: string | null;
}

/** Every answer of an application or draft, page by page as its applicant went through them, in a language. */
export function answersByPage(service: ServiceDefinition, facts: Facts, language: Language): { pageId: string; title: string; rows: AnswerRow[] }[] {
  return shownPages(service, facts).map((page) => ({
    pageId: page.id,
    title: page.title[language],
    rows: visibleFields(page, facts).map((field) => {
      const value = field.prefill ? prefilledValue(facts, field) : facts.answers[field.id];
      return {
        fieldId: field.id,
        label: field.label[language],
        value: answerText(field, value, language, facts),
        isPrefilled: Boolean(field.prefill),
        lang: field.prefill?.language ?? null,
        fileId: field.type === "file" && isFileRef(value) ? value.id : null,
      };
    }),
  }));
}
