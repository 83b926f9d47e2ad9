import type { Channel } from "../../db/schema/common";
import type { FactTypes } from "./fact-types";

/** Every text a service shows, in both languages, side by side (checked non-empty by the catalogue check). */
export interface Text {
  ar: string;
  en: string;
}

export type Answers = Record<string, unknown>;

/**
 * What rules see: the applicant's answers, what the service's lookups found before the form (by
 * lookup id), what each step produced (by step id: an agency's answer, a decision, a clerk's or
 * the applicant's action, a payment, a certificate), and facts about the applicant the portal
 * knows. Rules declare what they read (see `rule`).
 */
export interface Facts {
  answers: Answers;
  lookups: Record<string, unknown>;
  results: Record<string, unknown>;
  applicant: { personId: string; civilId: string };
  /** The application's reference (NAF-2026-000123); empty before it is submitted. */
  reference: string;
  today: string;
}

/**
 * What a task or applicant step leaves in the results: the action taken, what was recorded with
 * it, the Kuwait date, and how many times each action has been taken on this step so far (a step
 * can come round again: a second inspection, a second review).
 */
export interface ActionResult {
  action: string;
  values: Record<string, unknown>;
  on: string;
  counts: Record<string, number>;
}

/** What a certificate step leaves in the results. */
export interface CertificateResult {
  number: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** What a payment step leaves in the results: the amount paid, the gateway's reference, the Kuwait date. */
export interface PaymentResult {
  amountFils: number;
  reference: string;
  on: string;
}

/**
 * An agency's answer as an exchange step or a lookup leaves it: what the operation's contract
 * says it answers, or that it holds nothing (`found: false`).
 */
export type Found<T> = ({ found: true } & T) | { found: false };

/** What each kind of step leaves in the results (parallel and end steps leave nothing). */
export interface ResultsByKind {
  exchange: Found<Record<string, unknown>>;
  decision: DecisionResult;
  task: ActionResult;
  applicant: ActionResult;
  payment: PaymentResult;
  certificate: CertificateResult;
}

/** A step's result: the union over the kinds of step that leave one. */
export type StepResult = ResultsByKind[keyof ResultsByKind];

/**
 * A rule is a function plus the names it reads: `answer:<fieldId>`, `lookup:<lookupId>` or
 * `result:<stepId>`. The catalogue check makes sure each name exists; at run time a rule that
 * reads an undeclared name throws, so the declaration cannot drift from the code.
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
  /** Filled from what a lookup found and shown, not asked (the applicant cannot change it). */
  /** Shown from what a lookup found, not asked; `language` when the value is always in one (a name in English). */
  prefill?: { lookup: string; path: string; language?: "ar" | "en" };
  /** A check the service adds to the type's own (an IBAN's mod-97, say), with its message. */
  check?: { test: (value: unknown) => boolean; message: Text };
}

export type Field =
  | (FieldBase & { type: "text"; minLength?: number; maxLength?: number; pattern?: { regex: string; message: Text }; isMultiline?: boolean })
  | (FieldBase & { type: "number"; min?: number; max?: number; isInteger?: boolean; unit?: Text })
  | (FieldBase & { type: "date"; notBefore?: string; notAfter?: string })
  | (FieldBase & { type: "select"; options: readonly SelectOption[] | Rule<SelectOption[]> })
  | (FieldBase & { type: "civil-id" })
  | (FieldBase & { type: "phone" })
  | (FieldBase & { type: "money"; minFils?: number; maxFils?: number })
  | (FieldBase & { type: "file"; accept: ("application/pdf" | "image/jpeg" | "image/png")[]; maxBytes: number })
  | (FieldBase & { type: "group"; fields: Exclude<Field, { type: "group" }>[]; minItems: number; maxItems: number; itemLabel: Text });

/** A choice of a select field. Options made by a rule (from what an agency holds) may carry their own texts. */
export interface SelectOption {
  value: string;
  label: Text;
}

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

/** What a decision step leaves in the results; `counts` says how often each outcome came out so far. */
export interface DecisionResult {
  outcome: string;
  reasons: string[];
  counts: Record<string, number>;
}

export interface ActionDef {
  label: Text;
  next: Next;
  isCommentRequired: boolean;
  /** The application's answers may be edited before the action (fix and resubmit). */
  editsAnswers?: boolean;
  /** The action records none of the step's fields (withdraw, decline), so they are not asked. */
  ignoresFields?: boolean;
  /** The clerk names the answers the applicant must correct (return to the applicant); only those are then asked again. */
  namesFieldsToFix?: boolean;
}

/** A value shown with its label: printed on a certificate, or shown to an applicant deciding (loan terms). */
export interface ShownValue {
  label: Text;
  value: Rule<string | number | Text>;
  format: "text" | "number" | "money" | "date";
}

/** Said before a payment: why the application will not go straight through, and what follows. */
export interface Forewarning {
  lead: Text;
  points: Text[];
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
      /** The figures the clerk's decision rests on, worked out from the answers and the agencies' (an instalment as a share of the salary). */
      shows?: ShownValue[];
    }
  | {
      kind: "applicant";
      title: Text;
      instructions: Text;
      actions: Record<string, ActionDef>;
      fields?: Field[];
      /** What the applicant decides on, shown with the step (a loan's amount and instalments). */
      shows?: ShownValue[];
    }
  | {
      kind: "payment";
      title: Text;
      fee: Rule<number>;
      next: Next;
      /**
       * What the applicant is told before paying, when what the agencies answered already shows the
       * application will not go straight through (a violation to pay first, a clerk to decide).
       */
      forewarning?: Rule<Forewarning | null>;
    }
  | { kind: "certificate"; title: Text; next: Next }
  | { kind: "end"; title: Text; outcome: "approved" | "rejected" | "withdrawn" };

export type StepKind = Step["kind"];

export interface CertificateTemplate {
  title: Text;
  /** Answers or results printed on the certificate, with their labels and how to show them (a text may differ by language). */
  fields: ShownValue[];
  /** How long it is valid from issue; or `expiresOn`, a rule giving the last day (a renewal runs on from the old expiry). */
  validityDays: number | null;
  expiresOn?: Rule<string>;
  signingAgency: string;
  /** Prefix of the certificate number: FSL → FSL-2026-000123. */
  numberPrefix: string;
}

export type ApplicantKind = "citizen" | "resident" | "company-signatory";

/**
 * What the portal asks agencies before the form, on the applicant's behalf (their record at PACI,
 * the companies they sign for at MOCI, …): run in order, each request may read the lookups before
 * it. Fields are prefilled from them and choices offered from them; the workflow still checks
 * with the agencies after submission.
 */
export interface Lookup {
  id: string;
  operation: string;
  purpose: Text;
  request: Rule<Record<string, unknown>>;
}

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
  /** What it costs, as the service page says it (the fee rule computes each case). */
  fees: Text;
  /** How long it usually takes, from submission to the certificate. */
  expectedTime: Text;
  lookups?: Lookup[];
  /** What the definition's rules read results and lookups as (see factTypes); the catalogue check holds them to the workflow. */
  factTypes?: FactTypes;
  pages: FormPage[];
  fee?: Rule<number>;
  workflow: { start: string; steps: Record<string, Step> };
  certificate?: CertificateTemplate;
}
