import type { Channel } from "../../db/schema/common";

/** Every text a service shows, in both languages, side by side (checked non-empty by the catalogue check). */
export interface Text {
  ar: string;
  en: string;
}

export type Answers = Record<string, unknown>;

/**
 * What rules see: the applicant's answers, what each exchange step returned (by step id), and
 * facts about the applicant the portal knows. Rules declare what they read (see `rule`).
 */
export interface Facts {
  answers: Answers;
  results: Record<string, unknown>;
  applicant: { personId: string; civilId: string };
  today: string;
}

/**
 * A rule is a function plus the names it reads: `answer:<fieldId>` or `result:<stepId>`. The
 * catalogue check makes sure each name exists; at run time a rule that reads an undeclared name
 * throws, so the declaration cannot drift from the code.
 */
export interface Rule<Out> {
  readonly reads: readonly string[];
  readonly evaluate: (facts: Facts) => Out;
}

// ---- the form ------------------------------------------------------------------------------

interface FieldBase {
  id: string;
  label: Text;
  hint?: Text;
  isRequired: boolean;
  /** Shown (and validated) only when this holds. */
  showIf?: Rule<boolean>;
  /** Filled from an agency's answer and shown, not asked (the applicant cannot change it). */
  prefill?: { operation: string; path: string };
  /** A check the service adds to the type's own (an IBAN's mod-97, say), with its message. */
  check?: { test: (value: unknown) => boolean; message: Text };
}

export type Field =
  | (FieldBase & { type: "text"; minLength?: number; maxLength?: number; pattern?: { regex: string; message: Text }; isMultiline?: boolean })
  | (FieldBase & { type: "number"; min?: number; max?: number; isInteger?: boolean; unit?: Text })
  | (FieldBase & { type: "date"; notBefore?: string; notAfter?: string })
  | (FieldBase & { type: "select"; options: { value: string; label: Text }[] })
  | (FieldBase & { type: "civil-id" })
  | (FieldBase & { type: "phone" })
  | (FieldBase & { type: "money"; minFils?: number; maxFils?: number })
  | (FieldBase & { type: "file"; accept: ("application/pdf" | "image/jpeg" | "image/png")[]; maxBytes: number })
  | (FieldBase & { type: "group"; fields: Exclude<Field, { type: "group" }>[]; minItems: number; maxItems: number; itemLabel: Text });

export type FieldType = Field["type"];

export interface FormPage {
  id: string;
  title: Text;
  fields: Field[];
  showIf?: Rule<boolean>;
}

// ---- the workflow --------------------------------------------------------------------------

/** Where a step goes next: another step, the join of the parallel step it runs under, or an end. */
export type Next = string;
export const JOIN = "$join";

export interface DecisionOutcome {
  outcome: string;
  /** Codes of reasons, each with its text in `reasons` of the step. */
  reasons?: string[];
}

export interface ActionDef {
  label: Text;
  next: Next;
  isCommentRequired: boolean;
  /** The application's answers may be edited before the action (fix and resubmit). */
  editsAnswers?: boolean;
}

export type Step =
  | { kind: "exchange"; title: Text; agency: string; operation: string; purpose: Text; request: Rule<Record<string, unknown>>; next: Next }
  | { kind: "parallel"; title: Text; branches: string[]; next: Next }
  | { kind: "decision"; title: Text; rule: Rule<DecisionOutcome>; outcomes: Record<string, Next>; reasons?: Record<string, Text> }
  | {
      kind: "task";
      title: Text;
      agency: string;
      position: string;
      deadlineHours: number;
      actions: Record<string, ActionDef>;
      /** What the clerk records (an inspection checklist, for example). */
      fields?: Field[];
    }
  | { kind: "applicant"; title: Text; instructions: Text; actions: Record<string, ActionDef>; fields?: Field[] }
  | { kind: "payment"; title: Text; fee: Rule<number>; next: Next }
  | { kind: "certificate"; title: Text; next: Next }
  | { kind: "end"; title: Text; outcome: "approved" | "rejected" | "withdrawn" };

export type StepKind = Step["kind"];

export interface CertificateTemplate {
  title: Text;
  /** Answers or results printed on the certificate, with their labels and how to show them. */
  fields: { label: Text; value: Rule<string | number>; format: "text" | "number" | "money" | "date" }[];
  validityDays: number | null;
  signingAgency: string;
  /** Prefix of the certificate number: FSL → FSL-2026-000123. */
  numberPrefix: string;
}

export type ApplicantKind = "citizen" | "resident" | "company-signatory";

export interface ServiceDefinition {
  id: string;
  version: number;
  agency: string;
  category: string;
  lifeEvents: string[];
  channels: Extract<Channel, "web" | "kiosk">[];
  whoMayApply: ApplicantKind[];
  title: Text;
  summary: Text;
  pages: FormPage[];
  fee?: Rule<number>;
  workflow: { start: string; steps: Record<string, Step> };
  certificate?: CertificateTemplate;
}
