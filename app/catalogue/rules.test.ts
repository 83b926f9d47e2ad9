import { describe, expect, it } from "vitest";
import { rule, runRule, UndeclaredReadError } from "./rules";
import type { Facts } from "./types";

const facts: Facts = {
  answers: { amount: 5, months: 2 },
  lookups: {},
  results: { lookup: { found: true } },
  applicant: { personId: "p", civilId: "288020122596" },
  reference: "",
  today: "2026-11-22",
};

describe("rules", () => {
  it("see what they declare", () => {
    expect(
      runRule(
        rule(["answer:amount", "result:lookup"], (f) => [f.answers.amount, f.results.lookup]),
        facts,
      ),
    ).toEqual([5, { found: true }]);
  });

  it("cannot read an answer or a result they did not declare", () => {
    expect(() =>
      runRule(
        rule(["answer:amount"], (f) => f.answers.months),
        facts,
      ),
    ).toThrow(UndeclaredReadError);
    expect(() =>
      runRule(
        rule([], (f) => f.results.lookup),
        facts,
      ),
    ).toThrow('A rule read "result:lookup" without declaring it');
  });

  it("always see the applicant and today's date", () => {
    expect(
      runRule(
        rule([], (f) => `${f.applicant.civilId} ${f.today}`),
        facts,
      ),
    ).toBe("288020122596 2026-11-22");
  });
});
