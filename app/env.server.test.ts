import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("defaults to the embedded database with demo data", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", DEMO_DATA: true, RUN_WORKER: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("does not seed demo data into a real Postgres unless asked", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x" }).DEMO_DATA).toBe(false);
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/x", DEMO_DATA: "true" }).DEMO_DATA).toBe(true);
  });

  it("stops with a message naming each bad setting and what was given", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://x")');
      expect(message).toMatch(/PORT: .*\(got "eighty"\)/);
    }
  });

  it("needs NAFITHA_SECRET in production on a real database", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/nafitha" })).toThrow(/NAFITHA_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/nafitha", NAFITHA_SECRET: "x".repeat(32) })).not.toThrow();
  });
});

describe("the demo in production", () => {
  const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/nafitha", NAFITHA_SECRET: "x".repeat(32) };

  it("is refused at start-up with a message that says why and what to do", () => {
    expect(() => parseEnv({ ...production, DEMO_DATA: "true" })).toThrow(
      /DEMO_DATA: the demo cannot run in production .*NAFITHA_ALLOW_DEMO_IN_PRODUCTION=true/s,
    );
  });

  it("runs only when a demonstration deployment says so explicitly", () => {
    expect(parseEnv({ ...production, DEMO_DATA: "true", NAFITHA_ALLOW_DEMO_IN_PRODUCTION: "true" }).DEMO_DATA).toBe(true);
    expect(parseEnv(production).DEMO_DATA).toBe(false);
    // The embedded database (npm start) is the demo, in production mode too.
    expect(parseEnv({ NODE_ENV: "production" }).DEMO_DATA).toBe(true);
  });
});

describe("empty settings", () => {
  it("count as not set", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" })).toMatchObject({ PORT: 3000, DEMO_DATA: true });
  });
});
