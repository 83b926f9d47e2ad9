import fs from "node:fs";
import path from "node:path";
import { getTableName, isTable } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../db/schema";

// Agencies never read each other's tables: each simulated endpoint imports only its own agency's
// registry tables (registry_<agency>_…), and nothing else from the schema.

const agenciesDir = import.meta.dirname;
const endpoints = fs
  .readdirSync(agenciesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(agenciesDir, entry.name, "endpoint.server.ts")))
  .map((entry) => entry.name);

function schemaImports(source: string): string[] {
  const match = /import\s*\{([^}]*)\}\s*from\s*"[./]*db\/schema"/.exec(source);
  return match
    ? match[1]!
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean)
    : [];
}

describe("agency isolation", () => {
  it("finds the seven simulated agencies", () => {
    expect(endpoints.sort()).toEqual(["kcb", "kff", "km", "moci", "moj", "paci", "pifss"]);
  });

  it.each(endpoints)("has %s's endpoint read only %s's registry tables", (agency) => {
    const source = fs.readFileSync(path.join(agenciesDir, agency, "endpoint.server.ts"), "utf8");
    const imported = schemaImports(source);
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) {
      const table = (schema as Record<string, unknown>)[name];
      expect(isTable(table), `${agency} imports ${name}, which is not a table`).toBe(true);
      expect(getTableName(table as Parameters<typeof getTableName>[0]), `${agency} imports ${name}`).toMatch(new RegExp(`^registry_${agency}_`));
    }
    expect(source, `${agency} reaches the schema another way`).not.toMatch(/from\s*"[./]*db\/schema\/[^"]+"/);
  });
});
