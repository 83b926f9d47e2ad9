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
  it("carry the level by name, the time, the request id and the message", async () => {
    const { withRequestId } = await import("./log.server");
    const [line] = captured(() => withRequestId("req-42", () => log.info("request", { status: 200 })));
    expect(JSON.parse(line!)).toMatchObject({
      level: "info",
      requestId: "req-42",
      status: 200,
      msg: "request",
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it("never carry a password, a code, a token, a secret or a civil ID, at the top or one level down", () => {
    const [line] = captured(() =>
      log.info("sign-in", { password: "hunter2hunter2", civilId: "288020122596", nested: { token: "abc", code: "123456" }, status: 302 }),
    );
    expect(line).not.toMatch(/hunter2|288020122596|"abc"|123456/);
    expect(JSON.parse(line!)).toMatchObject({
      password: "[redacted]",
      civilId: "[redacted]",
      nested: { token: "[redacted]", code: "[redacted]" },
      status: 302,
    });
  });

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
