import type { TFunction } from "i18next";
import type { Database } from "../../db/client";
import { buildPageView, type FieldView, type TypedValues } from "../catalogue/field-view";
import { visibleFields, type FieldProblem } from "../catalogue/form-schema";
import { rawValuesOf } from "../catalogue/form-values";
import { shownPages } from "../catalogue/pages";
import { runRule } from "../catalogue/rules";
import type { Field, ServiceDefinition, Step } from "../catalogue/types";
import { showValue } from "../certificates/render.server";
import type { Language } from "../i18n/config";
import { formatMoney } from "../i18n/format";
import type { MultipartForm } from "../uploads/multipart.server";
import { receiveFiles } from "../uploads/receive.server";
import { deleteUploads } from "../uploads/uploads.server";
import type { Actor } from "../engine/actor";
import type { getOwnApplication } from "./applicant-view.server";
import { factsOf, fieldsToFixOf } from "../engine/facts";
import { type EngineDeps, type TransitionFailure } from "../engine/run.server";
import { actAsApplicant } from "../engine/transitions.server";

// What the applicant does on their application page: the applicant steps open for them (choose a
// slot, accept terms, correct the answers a clerk named) and the fees to pay.

type OwnApplication = NonNullable<Awaited<ReturnType<typeof getOwnApplication>>>;
type ApplicantStep = Extract<Step, { kind: "applicant" }>;

export const STEP_PREFIX = "value.";
export const ANSWER_PREFIX = "answer.";

export interface ApplicantStepView {
  kind: "applicant";
  instanceId: string;
  title: string;
  instructions: string;
  shows: { label: string; value: string }[];
  fields: FieldView[];
  /** The answers to correct, when an action resubmits them: the ones the clerk named, or all. */
  correction: FieldView[] | null;
  isCorrectionNamed: boolean;
  actions: { id: string; label: string; isCommentRequired: boolean }[];
  hasFiles: boolean;
  comment: string;
  /** Why the last try was refused, when it was (a translation key of the application namespace). */
  refusal: TransitionFailure | null;
}

export interface PaymentStepView {
  kind: "payment";
  instanceId: string;
  amount: string;
  /** What the applicant should know before paying (the checks found something a clerk must decide on). */
  forewarning: { lead: string; points: string[] } | null;
}

export interface Refused {
  instanceId: string;
  reason: TransitionFailure;
  problems: Record<string, FieldProblem>;
  typed: TypedValues;
  comment: string;
}

/** The fields whose answers an applicant step lets the applicant correct. */
function correctionFields(service: ServiceDefinition, found: OwnApplication, named: string[] | null, civilId: string): Field[] {
  const facts = factsOf(found.application, civilId);
  const asked = shownPages(service, facts).flatMap((page) => visibleFields(page, facts).filter((field) => !field.prefill));
  return named ? asked.filter((field) => named.includes(field.id)) : asked;
}

export function applicantStepViews(
  found: OwnApplication,
  civilId: string,
  lang: Language,
  tForms: TFunction<"forms">,
  refused?: Refused,
): (ApplicantStepView | PaymentStepView)[] {
  const { service, application } = found;
  if (!service) return [];
  const facts = factsOf(application, civilId);
  return found.openSteps.flatMap((open): (ApplicantStepView | PaymentStepView)[] => {
    if (open.kind === "payment") {
      const amountFils = Number(open.result?.amountFils);
      const warned = open.definition?.kind === "payment" && open.definition.forewarning ? runRule(open.definition.forewarning, facts) : null;
      const forewarning = warned ? { lead: warned.lead[lang], points: warned.points.map((point) => point[lang]) } : null;
      return Number.isSafeInteger(amountFils) ? [{ kind: "payment", instanceId: open.id, amount: formatMoney(amountFils, lang), forewarning }] : [];
    }
    if (open.kind !== "applicant" || open.definition?.kind !== "applicant") return [];
    const step: ApplicantStep = open.definition;
    const mine = refused?.instanceId === open.id ? refused : undefined;
    const options = { typed: mine?.typed, problems: mine?.problems };
    const edits = Object.values(step.actions).some((action) => action.editsAnswers);
    const named = fieldsToFixOf(open);
    const correctionDefs = edits ? correctionFields(service, found, named, civilId) : [];
    const stepPage = { id: open.stepId, title: step.title, fields: step.fields ?? [] };
    const fields = buildPageView(stepPage, facts, lang, tForms, { ...options, prefix: STEP_PREFIX }).fields;
    const correction = edits
      ? buildPageView({ id: "correction", title: step.title, fields: correctionDefs }, facts, lang, tForms, { ...options, prefix: ANSWER_PREFIX }).fields
      : null;
    return [
      {
        kind: "applicant",
        instanceId: open.id,
        title: step.title[lang],
        instructions: step.instructions[lang],
        shows: (step.shows ?? []).map((shown) => ({
          label: shown.label[lang],
          value: showValue({ format: shown.format, value: runRule(shown.value, facts) } as Parameters<typeof showValue>[0], lang),
        })),
        fields,
        correction,
        isCorrectionNamed: named !== null,
        actions: Object.entries(step.actions).map(([id, action]) => ({ id, label: action.label[lang], isCommentRequired: action.isCommentRequired })),
        hasFiles: [...(step.fields ?? []), ...correctionDefs].some((field) => field.type === "file"),
        comment: mine?.comment ?? "",
        refusal: mine?.reason ?? null,
      },
    ];
  });
}

/**
 * The applicant acts on an open step of their application from the page's form: the step's own
 * fields, and the corrected answers (with their files) when the action resubmits them.
 */
export async function actFromForm(
  db: Database,
  deps: EngineDeps,
  input: { found: OwnApplication; civilId: string; actor: Actor; received: MultipartForm },
): Promise<{ ok: true } | ({ ok: false } & Refused)> {
  const { found, received } = input;
  const form = received.form;
  const instanceId = String(form.get("stepInstanceId") ?? "");
  const action = String(form.get("action") ?? "");
  const comment = String(form.get("comment") ?? "");
  const open = found.openSteps.find((step) => step.id === instanceId);
  const typed: TypedValues = {};
  for (const [name, value] of form) if (typeof value === "string") typed[name] = value;
  const refuse = (reason: TransitionFailure, problems: Record<string, FieldProblem> = {}) => ({
    ok: false as const,
    instanceId,
    reason,
    problems,
    typed,
    comment,
  });
  if (!open || open.definition?.kind !== "applicant" || !found.service) return refuse("already-decided");
  const step = open.definition;
  const definition = step.actions[action];
  if (!definition) return refuse("unknown-action");
  const values = rawValuesOf(step.fields ?? [], form, STEP_PREFIX);
  let answers: Record<string, unknown> | undefined;
  let stored: string[] = [];
  let replaced: string[] = [];
  if (definition.editsAnswers) {
    const fields = correctionFields(found.service, found, fieldsToFixOf(open), input.civilId);
    const files = await receiveFiles(db, {
      ownerPersonId: found.application.applicantPersonId,
      applicationId: found.application.id,
      fields,
      saved: found.application.answers,
      received,
      prefix: ANSWER_PREFIX,
    });
    if (Object.keys(files.problems).length) {
      await deleteUploads(db, found.application.id, files.stored);
      return refuse("invalid-answers", files.problems);
    }
    ({ stored, replaced } = files);
    answers = { ...found.application.answers, ...rawValuesOf(fields, form, ANSWER_PREFIX), ...files.answers };
    for (const id of files.cleared) delete answers[id];
  }
  const result = await actAsApplicant(db, deps, { stepInstanceId: instanceId, action, comment, values, answers, actor: input.actor });
  if (!result.ok) {
    await deleteUploads(db, found.application.id, stored);
    return refuse(result.reason, result.problems);
  }
  await deleteUploads(db, found.application.id, replaced);
  return { ok: true };
}
