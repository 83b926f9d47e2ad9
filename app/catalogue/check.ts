import { ZodType } from "zod";
import type { OperationContract } from "../exchange/contracts";
import type { Grants } from "../exchange/grants";
import { isCategory, isLifeEvent } from "./taxonomy";
import { JOIN, type Field, type Rule, type ServiceDefinition, type Step, type Text } from "./types";

export interface CheckContext {
  agencies: ReadonlySet<string>;
  positions: Readonly<Record<string, Readonly<Record<string, Text>>>>;
  operations: ReadonlyMap<string, OperationContract>;
  grants: Grants;
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_CERTIFICATE_FIELDS = 9;

/** Successor steps of a step: a parallel step's branches, then where it goes after the join. */
export function successors(step: Step): string[] {
  switch (step.kind) {
    case "exchange":
    case "payment":
    case "certificate":
      return [step.next];
    case "parallel":
      return [...step.branches, step.next];
    case "decision":
      return Object.values(step.outcomes);
    case "task":
    case "applicant":
      return Object.values(step.actions).map((action) => action.next);
    case "end":
      return [];
  }
}

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((field) => (field.type === "group" ? [field, ...field.fields] : [field]));
}

/** Every `{ ar, en }` pair anywhere in a value, with where it was found. */
function texts(value: unknown, path: string, out: { path: string; text: Partial<Text> }[] = []) {
  // A contract's schema (an exchange answer's shape) holds no words a reader sees.
  if (!value || typeof value !== "object" || value instanceof ZodType) return out;
  if (Array.isArray(value)) {
    value.forEach((item, index) => texts(item, `${path}[${index}]`, out));
    return out;
  }
  const record = value as Record<string, unknown>;
  if ("ar" in record || "en" in record) {
    out.push({ path, text: record as Partial<Text> });
    return out;
  }
  for (const [key, child] of Object.entries(record)) if (typeof child !== "function") texts(child, path ? `${path}.${key}` : key, out);
  return out;
}

/**
 * Checks one service definition against the agencies, positions, operations and grants the
 * portal knows. Returns its problems, each naming the service and what is wrong; none means fit.
 */
export function checkService(service: ServiceDefinition, context: CheckContext): string[] {
  const problems: string[] = [];
  const name = `${service.id}@${service.version}`;
  const problem = (message: string) => problems.push(`${name}: ${message}`);
  const steps = service.workflow.steps;

  if (!KEBAB.test(service.id)) problem(`the id "${service.id}" must be kebab-case`);
  if (!Number.isInteger(service.version) || service.version < 1) problem(`the version must be a whole number from 1`);
  if (!context.agencies.has(service.agency)) problem(`unknown owning agency "${service.agency}"`);
  if (!isCategory(service.category)) problem(`unknown category "${service.category}"`);
  for (const event of service.lifeEvents) if (!isLifeEvent(event)) problem(`unknown life event "${event}"`);
  // Beside the holder, the dates and the number, the A4 certificate has room for nine fields.
  if (service.certificate && service.certificate.fields.length > MAX_CERTIFICATE_FIELDS) {
    problem(`the certificate prints ${service.certificate.fields.length} fields; it has room for ${MAX_CERTIFICATE_FIELDS}`);
  }
  if (service.certificate && !context.agencies.has(service.certificate.signingAgency)) {
    problem(`unknown certificate signing agency "${service.certificate.signingAgency}"`);
  }

  // Texts: both languages, the Arabic one in Arabic.
  for (const { path, text } of texts(service, "")) {
    if (!text.ar?.trim()) problem(`missing Arabic text at ${path}`);
    else if (!ARABIC_LETTER.test(text.ar)) problem(`the Arabic text at ${path} has no Arabic in it: "${text.ar}"`);
    if (!text.en?.trim()) problem(`missing English text at ${path}`);
  }

  // Lookups: known, granted operations; each request reads only the lookups before it.
  const lookupIds = new Set<string>();
  for (const lookup of service.lookups ?? []) {
    const where = `lookup "${lookup.id}"`;
    if (lookupIds.has(lookup.id)) problem(`${where} is defined twice`);
    if (!context.operations.has(lookup.operation)) problem(`${where} calls unknown operation "${lookup.operation}"`);
    else if (!context.grants[service.id]?.includes(lookup.operation)) problem(`${where}: the service is not granted "${lookup.operation}"`);
    for (const read of lookup.request.reads) {
      const [kind, id = ""] = read.split(/:(.*)/s);
      if (kind !== "lookup" || !lookupIds.has(id)) problem(`${where} request reads "${read}": a lookup may read only the lookups before it`);
    }
    lookupIds.add(lookup.id);
  }

  // The types the rules read results and lookups as: each names a step of that kind, an exchange
  // step or lookup that calls that very operation.
  for (const [stepId, type] of Object.entries(service.factTypes?.results ?? {})) {
    const step = steps[stepId];
    const where = `the result of "${stepId}"`;
    if (!step) problem(`${where} is typed, but there is no such step`);
    else if (typeof type === "string") {
      if (step.kind !== type) problem(`${where} is typed as a ${type} step's, but "${stepId}" is a ${step.kind} step`);
    } else if (step.kind !== "exchange") problem(`${where} is typed as the answer of "${type.name}", but "${stepId}" is a ${step.kind} step`);
    else if (step.operation !== type.name) problem(`${where} is typed as the answer of "${type.name}", but the step calls "${step.operation}"`);
  }
  for (const [lookupId, operation] of Object.entries(service.factTypes?.lookups ?? {})) {
    const lookup = service.lookups?.find((candidate) => candidate.id === lookupId);
    if (!lookup) problem(`the lookup "${lookupId}" is typed, but the service has no such lookup`);
    else if (lookup.operation !== operation.name)
      problem(`the lookup "${lookupId}" is typed as the answer of "${operation.name}", but it calls "${lookup.operation}"`);
  }

  // Fields and what rules read.
  const fieldIds = new Set<string>();
  for (const page of service.pages) {
    for (const field of allFields(page.fields)) {
      if (fieldIds.has(field.id)) problem(`the field "${field.id}" is defined twice`);
      fieldIds.add(field.id);
      if (field.prefill && !lookupIds.has(field.prefill.lookup)) problem(`field "${field.id}" is prefilled from unknown lookup "${field.prefill.lookup}"`);
      if (field.type === "select" && Array.isArray(field.options) && field.options.length === 0) problem(`select field "${field.id}" has no options`);
    }
  }
  const resultSteps = new Set(
    Object.entries(steps)
      .filter(([, step]) => step.kind !== "parallel" && step.kind !== "end")
      .map(([id]) => id),
  );
  const checkReads = (where: string, target: Rule<unknown> | undefined, extraFields: Set<string> = new Set()) => {
    for (const read of target?.reads ?? []) {
      const [kind, id = ""] = read.split(/:(.*)/s);
      if (kind === "answer" && !fieldIds.has(id) && !extraFields.has(id)) problem(`${where} reads "${id}", which the form never asks`);
      else if (kind === "lookup" && !lookupIds.has(id)) problem(`${where} reads the lookup "${id}", which the service does not define`);
      else if (kind === "result" && !resultSteps.has(id)) problem(`${where} reads the result of "${id}", which is not a step that leaves one`);
      else if (kind !== "answer" && kind !== "result" && kind !== "lookup")
        problem(`${where} reads "${read}": reads are answer:<field>, lookup:<lookup> or result:<step>`);
    }
  };
  for (const page of service.pages) {
    checkReads(`page "${page.id}" condition`, page.showIf);
    for (const field of allFields(page.fields)) {
      checkReads(`field "${field.id}" condition`, field.showIf);
      if (field.type === "select" && !Array.isArray(field.options)) checkReads(`field "${field.id}" options`, field.options as Rule<unknown>);
    }
  }
  checkReads("the fee rule", service.fee);
  service.certificate?.fields.forEach((field, index) => checkReads(`certificate field ${index + 1}`, field.value));

  function checkStepFields(where: string, fields: Field[] | undefined) {
    for (const field of allFields(fields ?? [])) {
      if (field.type !== "select") continue;
      if (Array.isArray(field.options)) {
        if (field.options.length === 0) problem(`${where}: select field "${field.id}" has no options`);
      } else checkReads(`${where} field "${field.id}" options`, field.options as Rule<unknown>);
    }
  }

  // Steps: what they name must exist.
  if (!steps[service.workflow.start]) problem(`the workflow starts at unknown step "${service.workflow.start}"`);
  for (const [id, step] of Object.entries(steps)) {
    const where = `step "${id}"`;
    for (const next of successors(step)) if (next !== JOIN && !steps[next]) problem(`${where} leads to unknown step "${next}"`);
    switch (step.kind) {
      case "exchange": {
        const operation = context.operations.get(step.operation);
        if (!context.agencies.has(step.agency)) problem(`${where} calls unknown agency "${step.agency}"`);
        if (!operation) problem(`${where} calls unknown operation "${step.operation}"`);
        else if (operation.agency !== step.agency) problem(`${where}: operation "${step.operation}" belongs to ${operation.agency}, not ${step.agency}`);
        if (!context.grants[service.id]?.includes(step.operation)) problem(`${where}: the service is not granted "${step.operation}"`);
        checkReads(`${where} request`, step.request);
        break;
      }
      case "task": {
        if (!context.agencies.has(step.agency)) problem(`${where} is assigned to unknown agency "${step.agency}"`);
        else if (!context.positions[step.agency]?.[step.position]) problem(`${where} names unknown role "${step.position}" of ${step.agency}`);
        if (Object.keys(step.actions).length === 0) problem(`${where} has no actions`);
        if (!(step.deadlineHours > 0)) problem(`${where} needs a deadline`);
        checkStepFields(where, step.fields);
        step.shows?.forEach((shown, index) => checkReads(`${where} shown value ${index + 1}`, shown.value));
        break;
      }
      case "applicant":
        if (Object.keys(step.actions).length === 0) problem(`${where} has no actions`);
        checkStepFields(where, step.fields);
        step.shows?.forEach((shown, index) => checkReads(`${where} shown value ${index + 1}`, shown.value));
        break;
      case "decision":
        checkReads(`${where} rule`, step.rule);
        if (Object.keys(step.outcomes).length === 0) problem(`${where} has no outcomes`);
        break;
      case "payment":
        checkReads(`${where} fee`, step.fee);
        if (step.forewarning) checkReads(`${where} forewarning`, step.forewarning);
        break;
      case "certificate":
        if (!service.certificate) problem(`${where} issues a certificate, but the service has no certificate template`);
        break;
      case "parallel":
        if (step.branches.length < 2) problem(`${where} needs at least two branches`);
        break;
      case "end":
        break;
    }
  }

  // Parallel branches: which parallel step each branch step runs under.
  const parentOf = new Map<string, string>();
  for (const [id, step] of Object.entries(steps)) {
    if (step.kind !== "parallel") continue;
    const queue = [...step.branches];
    while (queue.length) {
      const current = queue.shift()!;
      if (current === JOIN || parentOf.has(current) || !steps[current]) continue;
      parentOf.set(current, id);
      // A branch may also end the whole case (a rejection, a withdrawal): its end step is shared.
      if (steps[current]!.kind !== "end") queue.push(...successors(steps[current]!).filter((next) => next !== step.next));
    }
  }
  for (const [id, step] of Object.entries(steps)) {
    if (successorsWithJoin(step).includes(JOIN) && !parentOf.has(id)) problem(`step "${id}" joins, but it is not in a parallel branch`);
  }

  // Reachable from the start; able to reach an end.
  const reachable = new Set<string>();
  const stack = [service.workflow.start];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id) || !steps[id]) continue;
    reachable.add(id);
    stack.push(...successors(steps[id]!));
  }
  for (const id of Object.keys(steps)) if (!reachable.has(id)) problem(`step "${id}" cannot be reached from the start`);

  const canEnd = new Set(
    Object.entries(steps)
      .filter(([, step]) => step.kind === "end")
      .map(([id]) => id),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, step] of Object.entries(steps)) {
      if (canEnd.has(id)) continue;
      const nexts = successorsWithJoin(step).map((next) => (next === JOIN ? nextOfParent(id) : next));
      const viaParallel = step.kind === "parallel" ? [step.next] : nexts;
      if (viaParallel.some((next) => next !== undefined && canEnd.has(next))) {
        canEnd.add(id);
        changed = true;
      }
    }
  }
  function nextOfParent(id: string) {
    const parent = parentOf.get(id);
    const step = parent ? steps[parent] : undefined;
    return step?.kind === "parallel" ? step.next : undefined;
  }
  for (const id of Object.keys(steps)) if (!canEnd.has(id) && reachable.has(id)) problem(`step "${id}" cannot reach an end`);

  return problems;
}

function successorsWithJoin(step: Step): string[] {
  return step.kind === "parallel" ? [step.next] : successors(step);
}

export function checkCatalogue(services: readonly ServiceDefinition[], context: CheckContext): string[] {
  const problems = services.flatMap((service) => checkService(service, context));
  const seen = new Set<string>();
  for (const service of services) {
    const key = `${service.id}@${service.version}`;
    if (seen.has(key)) problems.push(`${key}: defined twice`);
    seen.add(key);
  }
  return problems;
}
