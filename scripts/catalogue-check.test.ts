import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { everythingGrants, everythingService } from "../tests/fixtures/everything-service";
import { productionCheckContext, runCatalogueCheck } from "./catalogue-check";

describe("npm run catalogue:check", () => {
  it("passes the catalogue as it is", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/catalogue-check.ts"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Catalogue check passed: \d+ service definition\(s\), no problems\./);
  });

  it("fails, listing each problem with its service, when a definition is broken", () => {
    const broken = { ...everythingService, agency: "nasa", title: { ar: "", en: "Broken" } };
    const { exitCode, report } = runCatalogueCheck([broken], { ...productionCheckContext, grants: everythingGrants });
    expect(exitCode).toBe(1);
    expect(report).toContain('  - engine-test-loan@1: unknown owning agency "nasa"');
    expect(report).toContain("  - engine-test-loan@1: missing Arabic text at title");
  });
});
