import { parseCivilId, type CivilId } from "../auth/civil-id";
import { readDay } from "../i18n/dates";
import { toWesternDigits } from "../i18n/digits";
import { auditAreas, isAuditAction, type AuditAction, type AuditArea } from "./actions";

// The audit page's search, as its form sends it (a GET query string, so that a search can be
// bookmarked and exported): who acted, about whom, which application, which action or area, and
// from which day to which day (Kuwait's days). Reading it never throws: each field that cannot be
// read names its problem, and the search then runs on nothing until it is mended.

export const auditFilterFields = ["actor", "person", "application", "action", "from", "to"] as const;
export type AuditFilterField = (typeof auditFilterFields)[number];

export interface AuditFilters {
  /** A staff member's username, or the civil ID of whoever acted. */
  actor: string | null;
  /** Whose events: as actor, or as the subject (their account, applications or certificates). */
  person: CivilId | null;
  /** An application's reference (NAF-2026-000123). */
  application: string | null;
  /** One action, or every action of an area. */
  action: AuditAction | AuditArea | null;
  /** Days in Kuwait, YYYY-MM-DD, both included. */
  from: string | null;
  to: string | null;
}

export type AuditFilterProblem =
  | "actor.format"
  | "actor.unknown"
  | "person.format"
  | "application.format"
  | "application.unknown"
  | "action.unknown"
  | "from.format"
  | "to.format"
  | "to.before-from";

export type AuditFilterProblems = Partial<Record<AuditFilterField, AuditFilterProblem>>;

export interface ReadAuditFilters {
  filters: AuditFilters;
  /** What was typed, as typed (trimmed), to show back in the form. */
  values: Record<AuditFilterField, string>;
  problems: AuditFilterProblems;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const REFERENCE = /^[A-Z]{2,5}-\d{4}-\d{1,9}$/;
const isAuditArea = (value: string): value is AuditArea => (auditAreas as readonly string[]).includes(value);

export function readAuditFilters(params: URLSearchParams): ReadAuditFilters {
  const values = Object.fromEntries(auditFilterFields.map((field) => [field, toWesternDigits((params.get(field) ?? "").trim()).slice(0, 100)])) as Record<
    AuditFilterField,
    string
  >;
  const problems: AuditFilterProblems = {};
  const filters: AuditFilters = { actor: null, person: null, application: null, action: null, from: null, to: null };

  if (values.actor) {
    const civilId = parseCivilId(values.actor);
    const username = values.actor.toLowerCase();
    if (civilId.ok) filters.actor = civilId.civilId;
    else if (USERNAME.test(username)) filters.actor = username;
    else problems.actor = "actor.format";
  }
  if (values.person) {
    const civilId = parseCivilId(values.person);
    if (civilId.ok) filters.person = civilId.civilId;
    else problems.person = "person.format";
  }
  if (values.application) {
    const reference = values.application.toUpperCase().replace(/\s+/g, "");
    if (REFERENCE.test(reference)) filters.application = reference;
    else problems.application = "application.format";
  }
  if (values.action) {
    if (isAuditAction(values.action) || isAuditArea(values.action)) filters.action = values.action;
    else problems.action = "action.unknown";
  }
  for (const field of ["from", "to"] as const) {
    if (!values[field]) continue;
    const day = readDay(values[field]);
    if (day) filters[field] = day;
    else problems[field] = `${field}.format`;
  }
  if (filters.from && filters.to && filters.to < filters.from) problems.to = "to.before-from";
  return { filters, values, problems };
}

/** The query string of a search (and of its next page, with `before`). */
export function auditSearchString(values: Record<AuditFilterField, string>, extra: Record<string, string> = {}): string {
  const kept = Object.entries(values).filter(([, value]) => value !== "");
  return new URLSearchParams([...kept, ...Object.entries(extra)]).toString();
}
