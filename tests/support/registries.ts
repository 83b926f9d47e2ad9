// Registry rows for the tests: the same factories the demo seed uses, so the two never drift.
export * from "../../db/seed/registry-factories";
