import { describe, expect, it } from "vitest";
import { everythingGrants, everythingService } from "../../tests/fixtures/everything-service";
import { demoAgencies } from "../../db/seed/demo";
import { operations } from "../agencies";
import { loansOperation } from "../agencies/kcb/contracts";
import { personOperation } from "../agencies/paci/contracts";
import { agencyPositions } from "../agencies/positions";
import { checkCatalogue, checkService, type CheckContext } from "./check";
import { rule } from "./rules";
import type { Field, ServiceDefinition, Step } from "./types";

const context: CheckContext = { agencies: new Set(demoAgencies.map((a) => a.id)), positions: agencyPositions, operations, grants: everythingGrants };
const NAME = "engine-test-loan@1";

/** A copy of the test service with one thing changed. */
function mutate(change: (service: ServiceDefinition) => void): ServiceDefinition {
  const copy: ServiceDefinition = {
    ...everythingService,
    pages: everythingService.pages.map((page) => ({ ...page, fields: page.fields.map((field) => ({ ...field })) })),
    workflow: { ...everythingService.workflow, steps: { ...everythingService.workflow.steps } },
  };
  change(copy);
  return copy;
}
const setStep = (service: ServiceDefinition, id: string, step: Step) => {
  service.workflow.steps[id] = step;
};

describe("the catalogue check", () => {
  it("passes the test service, which uses every field type and step kind", () => {
    expect(checkService(everythingService, context)).toEqual([]);
  });

  it.each<[string, (s: ServiceDefinition) => void, string]>([
    ["an unknown owning agency", (s) => (s.agency = "nasa"), `${NAME}: unknown owning agency "nasa"`],
    ["an unknown category", (s) => (s.category = "space"), `${NAME}: unknown category "space"`],
    [
      "a certificate with more fields than the page holds",
      (s) => (s.certificate!.fields = Array.from({ length: 10 }, () => everythingService.certificate!.fields[0]!)),
      `${NAME}: the certificate prints 10 fields; it has room for 9`,
    ],
    ["an unknown life event", (s) => (s.lifeEvents = ["moon-landing"]), `${NAME}: unknown life event "moon-landing"`],
    [
      "an exchange with an unknown operation",
      (s) =>
        setStep(s, "lookup-person", {
          ...(everythingService.workflow.steps["lookup-person"] as Extract<Step, { kind: "exchange" }>),
          operation: "paci.teleport",
        }),
      `${NAME}: step "lookup-person" calls unknown operation "paci.teleport"`,
    ],
    [
      "an operation of another agency",
      (s) =>
        setStep(s, "lookup-person", { ...(everythingService.workflow.steps["lookup-person"] as Extract<Step, { kind: "exchange" }>), operation: "kcb.loans" }),
      `${NAME}: step "lookup-person": operation "kcb.loans" belongs to kcb, not paci`,
    ],
    [
      "a task for an unknown role",
      (s) => setStep(s, "review", { ...(everythingService.workflow.steps.review as Extract<Step, { kind: "task" }>), position: "astronaut" }),
      `${NAME}: step "review" names unknown role "astronaut" of kcb`,
    ],
    [
      "a step nothing leads to",
      (s) => setStep(s, "orphan", { kind: "end", title: { ar: "يتيم", en: "Orphan" }, outcome: "approved" }),
      `${NAME}: step "orphan" cannot be reached from the start`,
    ],
    [
      "a loop that never ends",
      (s) =>
        setStep(s, "fix", {
          ...(everythingService.workflow.steps.fix as Extract<Step, { kind: "applicant" }>),
          actions: { again: { label: { ar: "مرة أخرى", en: "Again" }, next: "fix", isCommentRequired: false } },
        }),
      `${NAME}: step "fix" cannot reach an end`,
    ],
    ["a missing Arabic text", (s) => (s.title = { ar: "", en: "Loan" }), `${NAME}: missing Arabic text at title`],
    ["an Arabic text in English", (s) => (s.summary = { ar: "Loan", en: "Loan" }), `${NAME}: the Arabic text at summary has no Arabic in it: "Loan"`],
    ["a missing English text", (s) => (s.pages[0]!.fields[1]!.label = { ar: "رقم", en: " " }), `${NAME}: missing English text at pages[0].fields[1].label`],
    [
      "a rule that reads a field the form never asks",
      (s) => (s.fee = rule(["answer:salary"], () => 1)),
      `${NAME}: the fee rule reads "salary", which the form never asks`,
    ],
    [
      "a rule that reads the result of a step that leaves none",
      (s) => (s.fee = rule(["result:checks"], () => 1)),
      `${NAME}: the fee rule reads the result of "checks", which is not a step that leaves one`,
    ],
    [
      "a rule that reads an unknown lookup",
      (s) => (s.fee = rule(["lookup:salary"], () => 1)),
      `${NAME}: the fee rule reads the lookup "salary", which the service does not define`,
    ],
    [
      "a field prefilled from an unknown lookup",
      (s) => (s.pages[0]!.fields[0]!.prefill = { lookup: "passport", path: "name" }),
      `${NAME}: field "fullName" is prefilled from unknown lookup "passport"`,
    ],
    [
      "a lookup that reads an answer",
      (s) => (s.lookups = [{ ...everythingService.lookups![0]!, request: rule(["answer:amount"], () => ({})) }]),
      `${NAME}: lookup "person" request reads "answer:amount": a lookup may read only the lookups before it`,
    ],
    [
      "a select whose options read what does not exist",
      (s) => (s.pages[0]!.fields[5] = { ...(s.pages[0]!.fields[5] as Extract<Field, { type: "select" }>), options: rule(["lookup:companies"], () => []) }),
      `${NAME}: field "reason" options reads the lookup "companies", which the service does not define`,
    ],
    [
      "a step that leads nowhere",
      (s) => setStep(s, "pay", { ...(everythingService.workflow.steps.pay as Extract<Step, { kind: "payment" }>), next: "nowhere" }),
      `${NAME}: step "pay" leads to unknown step "nowhere"`,
    ],
    [
      "a result typed as another operation's answer",
      (s) => (s.factTypes = { results: { "lookup-person": loansOperation }, lookups: {} }),
      `${NAME}: the result of "lookup-person" is typed as the answer of "kcb.loans", but the step calls "paci.person"`,
    ],
    [
      "a result typed as an answer, of a step that calls no agency",
      (s) => (s.factTypes = { results: { pay: personOperation }, lookups: {} }),
      `${NAME}: the result of "pay" is typed as the answer of "paci.person", but "pay" is a payment step`,
    ],
    [
      "a result typed as another kind of step's",
      (s) => (s.factTypes = { results: { review: "decision" }, lookups: {} }),
      `${NAME}: the result of "review" is typed as a decision step's, but "review" is a task step`,
    ],
    [
      "a typed result of no step",
      (s) => (s.factTypes = { results: { gone: "task" }, lookups: {} }),
      `${NAME}: the result of "gone" is typed, but there is no such step`,
    ],
    [
      "a lookup typed as another operation's answer",
      (s) => (s.factTypes = { results: {}, lookups: { person: loansOperation } }),
      `${NAME}: the lookup "person" is typed as the answer of "kcb.loans", but it calls "paci.person"`,
    ],
  ])("refuses %s, naming the service and the problem", (_what, change, message) => {
    expect(checkService(mutate(change), context)).toContain(message);
  });

  it("refuses an operation the service is not granted", () => {
    expect(checkService(everythingService, { ...context, grants: {} })).toContain(`${NAME}: step "lookup-person": the service is not granted "paci.person"`);
    expect(checkService(everythingService, { ...context, grants: {} })).toContain(`${NAME}: lookup "person": the service is not granted "paci.person"`);
  });

  it("refuses the same service and version twice", () => {
    expect(checkCatalogue([everythingService, everythingService], context)).toContain(`${NAME}: defined twice`);
  });
});
