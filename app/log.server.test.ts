import { afterEach, describe, expect, it, vi } from "vitest";
import { log, MAX_LOG_LINE_CHARS, MAX_LOG_VALUE_CHARS, setLogLevel } from "./log.server";

function captured(write: () => void): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  setLogLevel("info");
  try {
    write();
  } finally {
    spy.mockRestore();
    setLogLevel("silent");
  }
  return lines;
}

afterEach(() => setLogLevel("silent"));

describe("log lines", () => {
  it("are cut to size however large what they carry (a megabyte in a field, a thousand fields)", () => {
    const huge = "x".repeat(1024 * 1024);
    const [line] = captured(() =>
      log.info(huge, { path: huge, nested: { deeper: [huge, huge] }, ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, huge])) }),
    );
    expect(line!.length).toBeLessThanOrEqual(MAX_LOG_LINE_CHARS + 1);
    expect(() => JSON.parse(line!)).not.toThrow();
    expect(JSON.parse(line!)).toMatchObject({ level: "info" });
  });

  it("keep a long value's start and say how much was cut", () => {
    const [line] = captured(() => log.info("request", { path: `/${"a".repeat(5000)}` }));
    const { path } = JSON.parse(line!) as { path: string };
    expect(path.startsWith("/aaa")).toBe(true);
    expect(path).toContain(`[${5001 - MAX_LOG_VALUE_CHARS} more characters]`);
  });
});
