import { successors } from "./check";
import type { Field, ServiceDefinition, Step, Text } from "./types";

// What a service page says about a service, drawn from its definition: the documents its form
// asks for, and the steps of its workflow with who takes each.

export interface DocumentNeeded {
  label: Text;
  hint: Text | null;
  isAlwaysNeeded: boolean;
}

export function documentsNeeded(service: ServiceDefinition): DocumentNeeded[] {
  const files = (fields: Field[]): Extract<Field, { type: "file" }>[] =>
    fields.flatMap((field) => (field.type === "file" ? [field] : field.type === "group" ? files(field.fields) : []));
  return service.pages.flatMap((page) =>
    files(page.fields).map((field) => ({ label: field.label, hint: field.hint ?? null, isAlwaysNeeded: field.isRequired && !field.showIf && !page.showIf })),
  );
}

export type StepTakenBy = { kind: "agency"; agency: string } | { kind: "applicant" } | { kind: "portal" };

/**
 * The steps a person would recognise (not decisions, joins or ends), each once, in the order the
 * workflow takes them when everything goes well (its first branch and first action first), the
 * steps taken only when something goes wrong after.
 */
export function workflowSteps(service: ServiceDefinition): { title: Text; by: StepTakenBy }[] {
  const { steps, start } = service.workflow;
  const seen = new Set<string>();
  const titles = new Set<string>();
  const out: { title: Text; by: StepTakenBy }[] = [];
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    const step = steps[id];
    if (!step || seen.has(id)) continue;
    seen.add(id);
    const by = takenBy(service, step);
    if (by && !titles.has(step.title.en)) {
      titles.add(step.title.en);
      out.push({ title: step.title, by });
    }
    stack.push(...successors(step).reverse());
  }
  return out;
}

function takenBy(service: ServiceDefinition, step: Step): StepTakenBy | null {
  switch (step.kind) {
    case "exchange":
    case "task":
      return { kind: "agency", agency: step.agency };
    case "applicant":
    case "payment":
      return { kind: "applicant" };
    case "certificate":
      return service.certificate ? { kind: "agency", agency: service.certificate.signingAgency } : { kind: "portal" };
    default:
      return null;
  }
}
