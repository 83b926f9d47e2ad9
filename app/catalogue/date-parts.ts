import { toWesternDigits } from "../i18n/digits";

// A date is asked as three boxes, day, month and year (as GOV.UK asks it), not the browser's
// date picker with its "mm/dd/yyyy": the boxes are named `<field>[day]`, `<field>[month]` and
// `<field>[year]`, and the form readers join them into the field's one value, `YYYY-MM-DD`.

export const datePartNames = ["day", "month", "year"] as const;
export type DatePart = (typeof datePartNames)[number];

export const datePartName = (field: string, part: DatePart) => `${field}[${part}]`;

/** The three boxes of a date as the page shows them again: from `YYYY-MM-DD`, or what was typed. */
export function datePartsOf(value: string): Record<DatePart, string> {
  const [year = "", month = "", day = ""] = value.split("-");
  return { day, month, year };
}

const PART = /^(.+)\[(day|month|year)\]$/;

/**
 * Joins each date's boxes into its field (`2026-03-07`, Arabic-Indic digits made Western, a day
 * or month of one digit padded). A date left empty is empty; one half typed keeps what was typed,
 * for the field's check to refuse as not a date. The boxes themselves are dropped.
 */
export function joinDateParts<Form extends FormData | URLSearchParams>(form: Form): Form {
  const dates = new Map<string, Partial<Record<DatePart, string>>>();
  for (const [name, value] of [...form.entries()]) {
    const part = PART.exec(name);
    if (!part || typeof value !== "string") continue;
    dates.set(part[1]!, { ...dates.get(part[1]!), [part[2] as DatePart]: toWesternDigits(value).trim() });
  }
  for (const [field, { day = "", month = "", year = "" }] of dates) {
    for (const part of datePartNames) form.delete(datePartName(field, part));
    const pad = (text: string) => (/^\d$/.test(text) ? `0${text}` : text);
    form.set(field, day || month || year ? `${year}-${pad(month)}-${pad(day)}` : "");
  }
  return form;
}
