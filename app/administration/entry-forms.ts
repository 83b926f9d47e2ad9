import { z } from "zod";
import { isCategory, isLifeEvent, type CategoryId, type LifeEventId } from "../catalogue/taxonomy";
import { agencyChannels, type EntryData } from "../catalogue/entry";
import { checkValues, isHttpsAddress, type Problems } from "./forms";

// An information-only entry as an administrator writes it, on the entry's page or as a row of an
// imported file: the same fields, the same checks, the same words for what is wrong. Both languages
// are required, each in its own script, as the locales are checked.

export const entryFields = ["id", "agency", "category", "lifeEvents", "channels", "titleAr", "titleEn", "summaryAr", "summaryEn", "url"] as const;
export type EntryField = (typeof entryFields)[number];

/** Ids the administrators' pages use as addresses beside the entries', and so no entry may take. */
const RESERVED_IDS = new Set(["new", "import", "export", "services"]);
const ARABIC_LETTER = /[\u0600-\u06FF]/;

/** A list in one cell: "a; b", "a, b" or "a b"; the form sends its boxes joined the same way. */
export const listOf = (value: string) => [...new Set(value.split(/[;,\s]+/).filter(Boolean))];

/** Text in Arabic, of a length: "missing", "short", "long" and "not-arabic" name what is wrong. */
export const arabic = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "missing")
    .min(min, "short")
    .max(max, "long")
    .refine((value) => ARABIC_LETTER.test(value), "not-arabic");

/** Text in English, of a length: "missing", "short", "long" and "arabic-in-english" name what is wrong. */
export const english = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "missing")
    .min(min, "short")
    .max(max, "long")
    .refine((value) => !ARABIC_LETTER.test(value), "arabic-in-english");

/** The entry's schema; `agencyIds` and `integratedIds` are what its agency and id are checked against. */
export function entrySchema(agencyIds: ReadonlySet<string>, integratedIds: ReadonlySet<string>) {
  return z.object({
    id: z
      .string()
      .trim()
      .min(1, "missing")
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "invalid")
      .max(80, "long")
      .refine((id) => !RESERVED_IDS.has(id), "reserved")
      .refine((id) => !integratedIds.has(id), "integrated"),
    agency: z
      .string()
      .trim()
      .min(1, "missing")
      .refine((id) => agencyIds.has(id), "unknown"),
    category: z
      .string()
      .trim()
      .min(1, "missing")
      .refine(isCategory, "unknown")
      .transform((value) => value as CategoryId),
    lifeEvents: z
      .string()
      .transform(listOf)
      .refine((events) => events.every(isLifeEvent), "unknown")
      .transform((events) => events as LifeEventId[]),
    channels: z
      .string()
      .transform(listOf)
      .refine((channels) => channels.length > 0, "missing")
      .refine((channels) => channels.every((channel) => (agencyChannels as readonly string[]).includes(channel)), "unknown")
      .transform((channels) => agencyChannels.filter((channel) => channels.includes(channel))),
    titleAr: arabic(3, 140),
    titleEn: english(3, 140),
    summaryAr: arabic(20, 1_000),
    summaryEn: english(20, 1_000),
    url: z.string().trim().min(1, "missing").max(300, "long").refine(isHttpsAddress, "invalid"),
  }) satisfies z.ZodType<EntryData, Record<EntryField, string>>;
}

/** Every problem an entry can have, by field: each has its words in `staff:catalogue.problems`. */
const problemsByField = {
  id: ["missing", "invalid", "long", "reserved", "integrated", "taken"],
  agency: ["missing", "unknown"],
  category: ["missing", "unknown"],
  lifeEvents: ["unknown"],
  channels: ["missing", "unknown"],
  titleAr: ["missing", "short", "long", "not-arabic"],
  titleEn: ["missing", "short", "long", "arabic-in-english"],
  summaryAr: ["missing", "short", "long", "not-arabic"],
  summaryEn: ["missing", "short", "long", "arabic-in-english"],
  url: ["missing", "long", "invalid"],
} as const satisfies Record<EntryField, readonly string[]>;

export type EntryProblem = { [F in EntryField]: `${F}.${(typeof problemsByField)[F][number]}` }[EntryField];
export type EntryProblems = Partial<Record<EntryField, EntryProblem>>;

/** The problems as the pages name them; a field's unknown problem reads as its first. */
export function entryProblems(problems: Problems<string>): EntryProblems {
  const named: EntryProblems = {};
  for (const field of entryFields) {
    const problem = problems[field];
    if (!problem) continue;
    const known: readonly string[] = problemsByField[field];
    named[field] = `${field}.${known.includes(problem) ? problem : known[0]}` as EntryProblem;
  }
  return named;
}

export type CheckedEntry = { ok: true; entry: EntryData } | { ok: false; problems: EntryProblems; values: Record<EntryField, string> };

/** Checks an entry given as text, one value per field (lists as one text, see `listOf`). */
export function checkEntry(values: Partial<Record<EntryField, string>>, agencyIds: ReadonlySet<string>, integratedIds: ReadonlySet<string>): CheckedEntry {
  const checked = checkValues(entrySchema(agencyIds, integratedIds), entryFields, values);
  return checked.ok ? { ok: true, entry: checked.data } : { ok: false, problems: entryProblems(checked.problems), values: checked.values };
}

/** The entry's values as its form sends them: the boxes of life events and channels joined as one list. */
export function entryValuesOf(form: FormData): Record<EntryField, string> {
  const values = Object.fromEntries(entryFields.map((field) => [field, String(form.get(field) ?? "")])) as Record<EntryField, string>;
  values.lifeEvents = form.getAll("lifeEvents").map(String).join(";");
  values.channels = form.getAll("channels").map(String).join(";");
  return values;
}
