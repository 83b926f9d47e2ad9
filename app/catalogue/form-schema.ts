import { z } from "zod";
import { parseCivilId } from "../auth/civil-id";
import { toWesternDigits } from "../i18n/digits";
import { parseDinarsToFils } from "../i18n/format";
import { runRule } from "./rules";
import type { Facts, Field, FormPage, SelectOption, Text } from "./types";

// Isomorphic: no server imports, so the browser can validate with the very same schemas.

export type ProblemCode =
  | "required"
  | "too-short"
  | "too-long"
  | "pattern"
  | "not-a-number"
  | "not-an-integer"
  | "too-small"
  | "too-large"
  | "not-a-date"
  | "too-early"
  | "too-late"
  | "not-an-option"
  | "civil-id-format"
  | "civil-id-birth-date"
  | "civil-id-check-digit"
  | "phone-format"
  | "money-format"
  | "file-type"
  | "file-damaged"
  | "file-infected"
  | "file-too-large"
  | "too-few-items"
  | "too-many-items";

export interface FieldProblem {
  code: ProblemCode;
  params?: Record<string, string | number>;
  /** A message the service itself wrote (for its own patterns). */
  text?: Text;
}

export interface FileRef {
  id: string;
  name: string;
  mime: string;
  size: number;
}

const problem = (ctx: z.RefinementCtx, code: ProblemCode, params?: FieldProblem["params"], text?: Text) => {
  ctx.addIssue({ code: "custom", message: code, params: { problem: { code, params, text } satisfies FieldProblem } });
  return z.NEVER;
};

const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");
const clean = (value: unknown) => (typeof value === "string" ? toWesternDigits(value).trim() : value);

/** Kuwaiti numbers: 8 digits (mobiles start 5, 6 or 9; landlines 2), with or without +965. */
export function normalisePhone(input: string): string | null {
  const digits = toWesternDigits(input)
    .replace(/[\s\-()]/g, "")
    .replace(/^(\+|00)965/, "");
  return /^[2569]\d{7}$/.test(digits) ? `+965${digits}` : null;
}

/** The choices of a select field: its own list, or what its rule makes of the facts. */
export function optionsOf(field: Extract<Field, { type: "select" }>, facts: Facts): readonly SelectOption[] {
  return Array.isArray(field.options) ? field.options : runRule(field.options as Exclude<typeof field.options, readonly SelectOption[]>, facts);
}

// `optional()` first: a key that was not sent still reaches the transform, which decides
// whether its absence is a problem (zod 4 would otherwise refuse the missing key by itself).
function valueSchema(field: Exclude<Field, { type: "group" }>, facts: Facts): z.ZodType<unknown> {
  const typed = typedValueSchema(field, facts);
  if (!field.check) return typed;
  const { test, message } = field.check;
  return typed.transform((value, ctx) => (value === undefined || test(value) ? value : problem(ctx, "pattern", undefined, message)));
}

function typedValueSchema(field: Exclude<Field, { type: "group" }>, facts: Facts): z.ZodType<unknown> {
  return z
    .unknown()
    .optional()
    .transform((raw, ctx) => {
      const value = clean(raw);
      if (blank(value)) return field.isRequired ? problem(ctx, "required") : undefined;
      switch (field.type) {
        case "text": {
          const text = String(value);
          if (field.minLength !== undefined && text.length < field.minLength) return problem(ctx, "too-short", { min: field.minLength });
          if (field.maxLength !== undefined && text.length > field.maxLength) return problem(ctx, "too-long", { max: field.maxLength });
          if (field.pattern && !new RegExp(field.pattern.regex).test(text)) return problem(ctx, "pattern", undefined, field.pattern.message);
          return text;
        }
        case "number": {
          const number = typeof value === "number" ? value : Number(String(value).replace(/[,٬]/g, "").replace("٫", "."));
          if (!Number.isFinite(number)) return problem(ctx, "not-a-number");
          if (field.isInteger && !Number.isInteger(number)) return problem(ctx, "not-an-integer");
          if (field.min !== undefined && number < field.min) return problem(ctx, "too-small", { min: field.min });
          if (field.max !== undefined && number > field.max) return problem(ctx, "too-large", { max: field.max });
          return number;
        }
        case "date": {
          const text = String(value);
          const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
          if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return problem(ctx, "not-a-date");
          if (field.notBefore && text < field.notBefore) return problem(ctx, "too-early", { date: field.notBefore });
          if (field.notAfter && text > field.notAfter) return problem(ctx, "too-late", { date: field.notAfter });
          return text;
        }
        case "select": {
          const text = String(value);
          return optionsOf(field, facts).some((option) => option.value === text) ? text : problem(ctx, "not-an-option");
        }
        case "civil-id": {
          const parsed = parseCivilId(String(value));
          if (parsed.ok) return parsed.civilId;
          const codes = {
            required: "required",
            format: "civil-id-format",
            "birth-date": "civil-id-birth-date",
            "check-digit": "civil-id-check-digit",
          } as const;
          return problem(ctx, codes[parsed.problem]);
        }
        case "phone":
          return normalisePhone(String(value)) ?? problem(ctx, "phone-format");
        case "money": {
          const fils = typeof value === "number" ? value : parseDinarsToFils(String(value).replace(/[,٬]/g, ""));
          if (fils === null || !Number.isSafeInteger(fils)) return problem(ctx, "money-format");
          if (field.minFils !== undefined && fils < field.minFils) return problem(ctx, "too-small", { minFils: field.minFils });
          if (field.maxFils !== undefined && fils > field.maxFils) return problem(ctx, "too-large", { maxFils: field.maxFils });
          return fils;
        }
        case "file": {
          const file = value as Partial<FileRef>;
          if (typeof file !== "object" || typeof file.id !== "string" || typeof file.size !== "number" || typeof file.mime !== "string") {
            return field.isRequired ? problem(ctx, "required") : undefined;
          }
          if (!(field.accept as string[]).includes(file.mime)) return problem(ctx, "file-type", { accept: field.accept.join(", ") });
          if (file.size > field.maxBytes) return problem(ctx, "file-too-large", { maxBytes: field.maxBytes });
          return { id: file.id, name: String(file.name ?? ""), mime: file.mime, size: file.size } satisfies FileRef;
        }
      }
    });
}

function fieldSchema(field: Field, facts: Facts): z.ZodType<unknown> {
  if (field.type !== "group") return valueSchema(field, facts);
  const item = z.object(Object.fromEntries(field.fields.map((sub) => [sub.id, valueSchema(sub, facts)])));
  return z
    .unknown()
    .optional()
    .transform((raw, ctx) => {
      const items = Array.isArray(raw) ? raw : [];
      if (items.length < field.minItems) return problem(ctx, items.length === 0 && field.isRequired ? "required" : "too-few-items", { min: field.minItems });
      if (items.length > field.maxItems) return problem(ctx, "too-many-items", { max: field.maxItems });
      const parsed: unknown[] = [];
      items.forEach((entry, index) => {
        const result = item.safeParse(entry ?? {});
        if (result.success) parsed.push(result.data);
        else for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [index, ...issue.path] } as z.core.$ZodRawIssue);
      });
      return parsed;
    });
}

/** What a prefilled field holds: the value its lookup found (never what a browser sent). */
export function prefilledValue(facts: Facts, field: Field): unknown {
  if (!field.prefill) return undefined;
  return field.prefill.path
    .split(".")
    .reduce<unknown>(
      (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
      facts.lookups[field.prefill.lookup],
    );
}

/** The fields of a page that apply, given what has been answered so far. */
export function visibleFields(page: FormPage, facts: Facts): Field[] {
  return page.fields.filter((field) => !field.showIf || runRule(field.showIf, facts));
}

export function isPageShown(page: FormPage, facts: Facts): boolean {
  return !page.showIf || runRule(page.showIf, facts);
}

/** The schema of one page: its visible fields only, and none of what is prefilled (that is not asked). */
export function pageSchema(page: FormPage, facts: Facts) {
  const asked = visibleFields(page, facts).filter((field) => !field.prefill);
  return z.object(Object.fromEntries(asked.map((field) => [field.id, fieldSchema(field, facts)])));
}

export type PageResult = { ok: true; values: Record<string, unknown> } | { ok: false; problems: Record<string, FieldProblem> };

/** Validates a page's submitted values. Problems are keyed by field path (`children.0.name`). */
export function validatePage(page: FormPage, raw: Record<string, unknown>, facts: Facts): PageResult {
  const result = pageSchema(page, facts).safeParse(raw);
  if (result.success) {
    const values = Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined));
    return { ok: true, values };
  }
  const problems: Record<string, FieldProblem> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    const described = (issue as { params?: { problem?: FieldProblem } }).params?.problem;
    problems[key] ??= described ?? { code: "required" };
  }
  return { ok: false, problems };
}
