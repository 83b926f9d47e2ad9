import type { z } from "zod";
import type { OperationContract } from "../exchange/contracts";
import type { Facts, Found, ResultsByKind } from "./types";

// How a service's rules read what steps and lookups left, typed: a definition declares, once,
// which operation's answer each exchange step and lookup holds and what kind of step each other
// result comes from; `resultOf(facts, "licence")` is then typed from the operation's zod
// contract, so changing a contract breaks the build where a definition reads it. The catalogue
// check holds the declaration to the workflow (the step is of that kind and calls that
// operation), and the exchange client checks every answer against the contract, so the one
// cast below states what both have made true.

/** What a result is declared as: the operation an exchange step calls, or the kind of any other step. */
export type ResultType = OperationContract | Exclude<keyof ResultsByKind, "exchange">;

export type AnswerOf<Op extends OperationContract> = Found<z.infer<Op["response"]>>;
export type ResultOfType<T extends ResultType> = T extends OperationContract ? AnswerOf<T> : T extends keyof ResultsByKind ? ResultsByKind[T] : never;

export interface FactTypes {
  results: Readonly<Record<string, ResultType>>;
  lookups: Readonly<Record<string, OperationContract>>;
}

/** A rule read a result its step has not left yet, or a lookup that could not be made. */
export class MissingFactError extends Error {
  constructor(readonly read: `result:${string}` | `lookup:${string}`) {
    super(`A rule read "${read}", which is not there (the step has not run, or the lookup could not be made)`);
    this.name = "MissingFactError";
  }
}

/** The typed readers of one service's results and lookups. */
export function factTypes<
  const Results extends Record<string, ResultType> = Record<never, ResultType>,
  const Lookups extends Record<string, OperationContract> = Record<never, OperationContract>,
>(declared: { results?: Results; lookups?: Lookups }) {
  const types: FactTypes = { results: declared.results ?? {}, lookups: declared.lookups ?? {} };
  const earlierResultOf = <Id extends keyof Results & string>(facts: Facts, stepId: Id) => facts.results[stepId] as ResultOfType<Results[Id]> | undefined;
  return {
    types,
    /** What a step left; throws when it has not run (a rule that can run before it reads `earlierResultOf`). */
    resultOf<Id extends keyof Results & string>(facts: Facts, stepId: Id): ResultOfType<Results[Id]> {
      const result = earlierResultOf(facts, stepId);
      if (result === undefined) throw new MissingFactError(`result:${stepId}`);
      return result;
    },
    /** What a step left the last time it ran, if it has (a step that can come round again). */
    earlierResultOf,
    /** What a lookup found before the form; throws when it could not be made (its agency did not answer). */
    lookupOf<Id extends keyof Lookups & string>(facts: Facts, lookupId: Id): AnswerOf<Lookups[Id]> {
      const found = facts.lookups[lookupId] as AnswerOf<Lookups[Id]> | undefined;
      if (found === undefined) throw new MissingFactError(`lookup:${lookupId}`);
      return found;
    },
  };
}

/** The answer of a step or lookup that an earlier step made sure of (a decision refused the case when nothing was found). */
export function found<T>(answer: Found<T>): { found: true } & T {
  if (!answer.found) throw new Error("A rule read an agency's answer as found, but the agency found nothing");
  return answer;
}

/** An answer as one of a record's keys (a select's value): the form only accepts its options. */
export function keyAmong<K extends string>(record: Readonly<Record<K, unknown>>, value: unknown): K {
  if (typeof value !== "string" || !Object.hasOwn(record, value)) throw new Error(`"${String(value)}" is not one of ${Object.keys(record).join(", ")}`);
  return value as K;
}
