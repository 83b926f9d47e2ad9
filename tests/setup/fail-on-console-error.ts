import { afterEach, vi } from "vitest";

// A test that logs console.error has hit something unexpected: it fails, with what was logged.
let errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  const logged = errors;
  errors = [];
  if (logged.length) throw new Error(`console.error was called:\n${logged.map((a) => a.map(String).join(" ")).join("\n")}`);
});

vi.stubEnv("LOG_LEVEL", "silent");
