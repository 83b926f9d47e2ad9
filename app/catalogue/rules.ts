import type { Facts, Rule } from "./types";

export class UndeclaredReadError extends Error {
  constructor(readonly name: string) {
    super(`A rule read "${name}" without declaring it in its reads`);
    this.name = "UndeclaredReadError";
  }
}

/** Declares a rule: what it reads and how it computes. */
export function rule<Out>(reads: readonly string[], evaluate: (facts: Facts) => Out): Rule<Out> {
  return { reads, evaluate };
}

/**
 * Runs a rule on facts it may only partly see: answers, lookups and results it did not declare are
 * hidden behind a guard that throws, so a rule cannot quietly depend on something undeclared.
 */
export function runRule<Out>(target: Rule<Out>, facts: Facts): Out {
  const allowedAnswers = new Set(target.reads.filter((r) => r.startsWith("answer:")).map((r) => r.slice(7)));
  const allowedResults = new Set(target.reads.filter((r) => r.startsWith("result:")).map((r) => r.slice(7)));
  const allowedLookups = new Set(target.reads.filter((r) => r.startsWith("lookup:")).map((r) => r.slice(7)));
  const guard = (source: Record<string, unknown>, allowed: Set<string>, prefix: string) =>
    new Proxy(source, {
      get(object, key) {
        if (typeof key !== "string") return undefined;
        if (!allowed.has(key)) throw new UndeclaredReadError(`${prefix}:${key}`);
        return object[key];
      },
    });
  return target.evaluate({
    ...facts,
    answers: guard(facts.answers, allowedAnswers, "answer"),
    results: guard(facts.results, allowedResults, "result"),
    lookups: guard(facts.lookups, allowedLookups, "lookup"),
  });
}

/** Rules that read a single answer, the common case for conditions. */
export const answerIs = (fieldId: string, value: unknown) => rule([`answer:${fieldId}`], (f) => f.answers[fieldId] === value);
export const answerIn = (fieldId: string, values: unknown[]) => rule([`answer:${fieldId}`], (f) => values.includes(f.answers[fieldId]));
export const always = <Out>(value: Out) => rule([], () => value);
