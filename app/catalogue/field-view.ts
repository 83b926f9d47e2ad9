import type { TFunction } from "i18next";
import type { Language } from "../i18n/config";
import { optionsOf, prefilledValue, visibleFields, type FieldProblem, type FileRef } from "./form-schema";
import { runRule } from "./rules";
import { answerText, fileSizeText, inputValueOf, itemFieldName } from "./form-values";
import { describeProblem } from "./messages";
import type { Facts, Field, FormPage } from "./types";

// A field as a page shows it: plain data in the reader's language (a definition holds rules,
// which stay on the server), with its current value and its error.

interface ViewBase {
  name: string;
  label: string;
  hint: string | null;
  isRequired: boolean;
  error: string | null;
  /**
   * A field shown by one choice on the same page: the choice's input name and the values that show
   * it, so that the page shows it at once when one is chosen (the server decides again on saving).
   */
  reveal: { control: string; values: string[] } | null;
  /** Not shown for the answers as they stand (a field with `reveal`, waiting for its choice). */
  isHidden: boolean;
}

export type FieldView =
  | (ViewBase & {
      type: "text";
      value: string;
      isMultiline: boolean;
      maxLength: number | null;
      /** A value in Latin letters and digits (a licence number, an IBAN): typed and read left to right, an English keyboard at a kiosk. */
      isLatin: boolean;
    })
  | (ViewBase & { type: "number" | "civil-id" | "phone" | "money" | "date"; value: string; unit: string | null })
  | (ViewBase & {
      type: "select";
      value: string;
      options: { value: string; label: string }[];
      /** A fixed single choice: a statement to confirm (a box to tick), not a choice among things held. */
      isConfirmation: boolean;
    })
  | (ViewBase & { type: "file"; accept: string[]; maxBytesText: string; file: { id: string; name: string; sizeText: string } | null })
  | (ViewBase & { type: "group"; itemLabel: string; items: FieldView[][]; minItems: number; maxItems: number });

/** A prefilled field: what an agency holds, shown and not asked. */
export interface PrefilledView {
  label: string;
  value: string;
  /** The language the value is in when it is not the page's. */
  lang: Language | null;
}

export interface PageView {
  id: string;
  title: string;
  fields: FieldView[];
  prefilled: PrefilledView[];
  hasFiles: boolean;
}

/** Typed values coming back after a refused page (so nothing typed is lost), by field name. */
export type TypedValues = Record<string, string>;

/** A pattern that admits Latin letters and digits and no Arabic letter (`^[A-Za-z]{2}-\d{4}-\d{6}$`). */
const isLatinPattern = (regex: string | undefined) => Boolean(regex) && /A-Z|a-z|\\d|0-9/.test(regex!) && !/[\u0600-\u06ff]|\\p\{|\\w/.test(regex!);

const isFileRef = (value: unknown): value is FileRef => typeof value === "object" && value !== null && typeof (value as FileRef).id === "string";

export function buildPageView(
  page: FormPage,
  facts: Facts,
  language: Language,
  t: TFunction<"forms">,
  options: { typed?: TypedValues; problems?: Record<string, FieldProblem>; itemCounts?: Record<string, number>; prefix?: string } = {},
): PageView {
  const fields = visibleFields(page, facts);
  // Inputs are named prefix + field path (two forms on one page keep apart); problems by path.
  const prefix = options.prefix ?? "";
  const choices = new Map(page.fields.flatMap((field) => (field.type === "select" && !field.prefill ? [[field.id, field] as const] : [])));
  /** Which values of a choice on this page show the field, when its condition reads that choice alone. */
  const revealOf = (field: Field): ViewBase["reveal"] => {
    const condition = field.showIf;
    const read = condition?.reads.length === 1 ? condition.reads[0]! : "";
    const choice = read.startsWith("answer:") ? choices.get(read.slice("answer:".length)) : undefined;
    if (!condition || !choice) return null;
    const values = optionsOf(choice, facts)
      .filter((option) => runRule(condition, { ...facts, answers: { ...facts.answers, [choice.id]: option.value } }))
      .map((option) => String(option.value));
    return { control: prefix + choice.id, values };
  };
  const errorOf = (name: string, field: Pick<Field, "type" | "label">) => {
    const problem = options.problems?.[name.slice(prefix.length)];
    return problem ? describeProblem(t, field, problem, language) : null;
  };
  const leaf = (field: Exclude<Field, { type: "group" }>, name: string, saved: unknown, isTopLevel = false): FieldView => {
    const base: ViewBase = {
      name,
      label: field.label[language],
      hint: field.hint?.[language] ?? null,
      isRequired: field.isRequired,
      error: errorOf(name, field),
      reveal: isTopLevel ? revealOf(field) : null,
      isHidden: isTopLevel && !fields.includes(field),
    };
    const value = options.typed && name in options.typed ? options.typed[name]! : inputValueOf(field, saved);
    switch (field.type) {
      case "text":
        return {
          ...base,
          type: "text",
          value,
          isMultiline: field.isMultiline ?? false,
          maxLength: field.maxLength ?? null,
          isLatin: isLatinPattern(field.pattern?.regex),
        };
      case "select":
        return {
          ...base,
          type: "select",
          value,
          options: optionsOf(field, facts).map((option) => ({ value: option.value, label: option.label[language] })),
          isConfirmation: Array.isArray(field.options) && field.options.length === 1,
        };
      case "file":
        return {
          ...base,
          type: "file",
          accept: field.accept,
          maxBytesText: fileSizeText(field.maxBytes, language),
          file: isFileRef(saved) ? { id: saved.id, name: saved.name, sizeText: fileSizeText(saved.size, language) } : null,
        };
      case "number":
        return { ...base, type: field.type, value, unit: field.unit?.[language] ?? null };
      case "money":
        return { ...base, type: field.type, value, unit: language === "ar" ? "د.ك." : "KWD" };
      default:
        return { ...base, type: field.type, value, unit: null };
    }
  };
  // The fields shown, and those a choice on this page would show (kept hidden until it does).
  const views: FieldView[] = page.fields
    .filter((field) => !field.prefill && (fields.includes(field) || revealOf(field)))
    .map((field) => {
      const saved = facts.answers[field.id];
      if (field.type !== "group") return leaf(field, prefix + field.id, saved, true);
      const savedItems = Array.isArray(saved) ? (saved as Record<string, unknown>[]) : [];
      const count = Math.min(field.maxItems, Math.max(options.itemCounts?.[field.id] ?? savedItems.length, field.minItems, 1));
      return {
        name: prefix + field.id,
        label: field.label[language],
        hint: field.hint?.[language] ?? null,
        isRequired: field.isRequired,
        error: errorOf(prefix + field.id, field),
        reveal: revealOf(field),
        isHidden: !fields.includes(field),
        type: "group" as const,
        itemLabel: field.itemLabel[language],
        minItems: field.minItems,
        maxItems: field.maxItems,
        items: Array.from({ length: count }, (_, index) =>
          field.fields.map((sub) => leaf(sub, prefix + itemFieldName(field.id, index, sub.id), savedItems[index]?.[sub.id])),
        ),
      };
    });
  const prefilled = fields
    .filter((field) => field.prefill)
    .map((field) => ({
      label: field.label[language],
      value: answerText(field, prefilledValue(facts, field), language, facts),
      lang: field.prefill?.language ?? null,
    }))
    .filter((view) => view.value !== "");
  return { id: page.id, title: page.title[language], fields: views, prefilled, hasFiles: fields.some((field) => field.type === "file") };
}

/** Every error of a page in the order of its fields, for the summary at the top. */
export function pageErrors(fields: FieldView[]): { field: string; message: string }[] {
  return fields.flatMap((field) => [
    ...(field.error ? [{ field: field.type === "group" ? (field.items[0]?.[0]?.name ?? field.name) : field.name, message: field.error }] : []),
    ...(field.type === "group" ? pageErrors(field.items.flat()) : []),
  ]);
}
