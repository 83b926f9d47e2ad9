import { successors } from "./check";
import { JOIN, type Field, type ServiceDefinition, type Step, type Text } from "./types";

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

/** One stage of a workflow as a person would follow it. */
export type OutlineStage<S> =
  | { kind: "step"; step: S }
  /** Ways taken at the same time (a parallel step's branches). */
  | { kind: "together"; branches: Outline<S>[] }
  /** Ways of which one is taken, by the answers or a decision; `isSkippable` when one of them goes straight on. */
  | { kind: "one-of"; paths: Outline<S>[]; isSkippable: boolean };
export type Outline<S> = OutlineStage<S>[];

export interface RecognisedStep {
  title: Text;
  by: StepTakenBy;
}

/**
 * The workflow as a person would follow it: the steps they would recognise (not decisions, joins
 * or ends), in order, with what happens together shown together and what happens instead shown
 * as alternatives. A way that ends the application (a refusal, a withdrawal) is not a way on, and
 * a step that leads back to an earlier one (a correction, checked again) is shown once.
 */
export function workflowOutline(service: ServiceDefinition): Outline<RecognisedStep> {
  const { steps, start } = service.workflow;
  const waysOn = (id: string, visited: ReadonlySet<string>) => [...new Set(successors(steps[id]!))].filter((next) => !visited.has(next));

  /** The steps from `from` when every fork takes its first way, up to an end, a join or a loop. */
  const firstWay = (from: string): string[] => {
    const way: string[] = [];
    for (let id: string | undefined = from; id && !way.includes(id);) {
      way.push(id);
      const step: Step | undefined = steps[id];
      id = !step ? undefined : step.kind === "parallel" ? step.next : successors(step)[0];
    }
    return way;
  };
  /**
   * The steps reachable from `from` without going back through `behind` (what came before), and
   * whether it goes back: a correction's way returns to an earlier step and comes round again.
   */
  const reachable = (from: string, behind: ReadonlySet<string>) => {
    const reached = new Set<string>();
    let isLoopingBack = false;
    for (const queue = [from]; queue.length;) {
      const id = queue.pop()!;
      if (behind.has(id)) isLoopingBack = true;
      if (reached.has(id) || behind.has(id)) continue;
      reached.add(id);
      if (steps[id]) queue.push(...successors(steps[id]));
    }
    return { reached, isLoopingBack };
  };

  const walk = (from: string, stopAt: ReadonlySet<string>, visited: Set<string>): Outline<RecognisedStep> => {
    const outline: Outline<RecognisedStep> = [];
    let id: string | undefined = from;
    while (id && id !== JOIN && !stopAt.has(id) && !visited.has(id) && steps[id]) {
      visited.add(id);
      const step: Step = steps[id]!;
      if (step.kind === "parallel") {
        const branches = step.branches.map((branch) => walk(branch, new Set([...stopAt, JOIN]), visited)).filter((branch) => branch.length);
        if (branches.length > 1) outline.push({ kind: "together", branches });
        else outline.push(...(branches[0] ?? []));
        id = step.next;
        continue;
      }
      const by = takenBy(service, step);
      if (by) outline.push({ kind: "step", step: { title: step.title, by } });
      const nexts = waysOn(id, visited);
      if (nexts.length <= 1) {
        id = nexts[0];
        continue;
      }
      // A fork. Its ways meet again at the first step of its first way that every other way going
      // on reaches (a way round through earlier steps meets it anywhere); a way that only ends the
      // application (a refusal) is no way on.
      const mainWay = firstWay(nexts[0]!);
      const others = nexts.slice(1).map((next) => ({ next, ...reachable(next, visited) }));
      const meeting = others.filter(({ reached }) => mainWay.some((candidate) => reached.has(candidate)));
      const goingOn = [...meeting, ...others.filter((way) => way.isLoopingBack && !meeting.includes(way))];
      const meet = goingOn.length ? mainWay.find((candidate) => meeting.every(({ reached }) => reached.has(candidate))) : undefined;
      const until = meet ? new Set([...stopAt, meet]) : stopAt;
      const walkedFrom = (next: string) => {
        const seen = new Set(visited);
        const path = walk(next, until, seen);
        return { path, seen };
      };
      const first = walkedFrom(nexts[0]!);
      const alternatives = others.map(({ next }) => ({ ...walkedFrom(next), isGoingOn: goingOn.some((way) => way.next === next) }));
      for (const { seen } of [first, ...alternatives]) for (const step of seen) visited.add(step);
      const otherWays = alternatives.filter(({ path }) => path.length).map(({ path }) => path);
      const isStraightOnAWay = alternatives.some(({ path, isGoingOn }) => isGoingOn && path.length === 0);
      if (otherWays.length === 0) outline.push(...first.path);
      else if (first.path.length === 0) outline.push({ kind: "one-of", paths: otherWays, isSkippable: true });
      else outline.push({ kind: "one-of", paths: [first.path, ...otherWays], isSkippable: isStraightOnAWay });
      id = meet;
    }
    return outline;
  };
  return walk(start, new Set(), new Set());
}

/** Every step of an outline, in order. */
export function stepsOf<S>(outline: Outline<S>): S[] {
  return outline.flatMap((stage) =>
    stage.kind === "step" ? [stage.step] : stage.kind === "together" ? stage.branches.flatMap(stepsOf) : stage.paths.flatMap(stepsOf),
  );
}

/** The same outline with each step made into another thing (a step in the reader's language). */
export function mapOutline<S, T>(outline: Outline<S>, f: (step: S) => T): Outline<T> {
  return outline.map((stage) =>
    stage.kind === "step"
      ? { kind: "step", step: f(stage.step) }
      : stage.kind === "together"
        ? { kind: "together", branches: stage.branches.map((branch) => mapOutline(branch, f)) }
        : { kind: "one-of", paths: stage.paths.map((path) => mapOutline(path, f)), isSkippable: stage.isSkippable },
  );
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
