import type { Application, StepInstance } from "../../db/schema";
import { isPageShown, prefilledValue, validatePage, type FieldProblem } from "../catalogue/form-schema";
import type { Facts, FormPage, ServiceDefinition } from "../catalogue/types";
import { kuwaitToday } from "../i18n/dates";
import type { Actor } from "./actor";

// What rules see of an application, and the checks that need nothing but the definition: pure,
// so the forms, the back office and the engine use one version of each.

export function factsOf(
  application: Pick<Application, "answers" | "lookups" | "results" | "applicantPersonId" | "reference">,
  civilId: string,
  now = new Date(),
): Facts {
  return {
    answers: application.answers,
    lookups: application.lookups,
    results: application.results,
    applicant: { personId: application.applicantPersonId, civilId },
    reference: application.reference ?? "",
    today: kuwaitToday(now),
  };
}

/**
 * Validates the answers of every page that applies and returns them as the definition reads
 * them (money in fils, numbers as numbers, phones normalised). Answers to pages or fields that
 * no longer apply are dropped; prefilled fields are taken from the lookups, never from what was
 * sent.
 */
export function validateAnswers(
  service: ServiceDefinition,
  factsNow: Facts,
): { ok: true; answers: Record<string, unknown> } | { ok: false; problems: Record<string, FieldProblem> } {
  const problems: Record<string, FieldProblem> = {};
  const answers: Record<string, unknown> = {};
  for (const page of service.pages as FormPage[]) {
    if (!isPageShown(page, factsNow)) continue;
    for (const field of page.fields) {
      if (!field.prefill) continue;
      const value = prefilledValue(factsNow, field);
      if (value !== undefined && value !== null) answers[field.id] = value;
    }
    const result = validatePage(page, factsNow.answers, factsNow);
    if (result.ok) Object.assign(answers, result.values);
    else Object.assign(problems, result.problems);
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, answers };
}

/** Whether this actor may act on this task: a clerk of its agency and position, or a supervisor of the agency. */
export function mayActOnTask(actor: Actor, instance: Pick<StepInstance, "agencyId" | "position">): boolean {
  if (actor.agencyId !== instance.agencyId) return false;
  return actor.role === "supervisor" || (actor.role === "clerk" && actor.position === instance.position);
}

/** The answers a clerk named for the applicant to correct on this open step, or null when any may be. */
export function fieldsToFixOf(instance: Pick<StepInstance, "result">): string[] | null {
  const named = instance.result?.fieldsToFix;
  return Array.isArray(named) && named.length ? named.map(String) : null;
}
