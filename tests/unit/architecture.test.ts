import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The walls between modules are written once, in .dependency-cruiser.cjs; this runs them over the
// project, and over a small made-up project that breaks each one, so a rule that stopped matching
// would be noticed here rather than by the next engineer.

const root = path.resolve(import.meta.dirname, "../..");
const config = path.join(root, ".dependency-cruiser.cjs");
const depcruise = path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function cruise(cwd: string, targets: string[]): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [depcruise, "--config", config, "--output-type", "json", "--no-progress", ...targets], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe("the walls between modules", () => {
  it("hold in the project", { timeout: 60_000 }, async () => {
    const violations = await cruise(root, ["app", "db", "scripts"]);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-walls-"));
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));
  const files: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler", baseUrl: ".", paths: { "~/*": ["./app/*"] } } }),
    "app/agencies/kcb/endpoint.server.ts": [
      'import { licence } from "../kff/contracts";',
      'import { kffLicences } from "../../../db/schema/registries/kff";',
      'import { kcbLoans } from "../../../db/schema/registries/kcb";',
      'import { applications } from "../../../db/schema/applications";',
      'import { advance } from "~/engine/engine.server";',
      'import { listAgencies } from "../queries.server";',
      'import { requireStaff } from "~/auth/guards.server";',
      'import { premises } from "../premises";',
      "export const all = [licence, kffLicences, kcbLoans, applications, advance, listAgencies, requireStaff, premises];",
    ].join("\n"),
    "app/agencies/kff/contracts.ts": "export const licence = 1;",
    "app/agencies/queries.server.ts": "export const listAgencies = 1;",
    "app/auth/guards.server.ts": "export const requireStaff = 1;",
    "app/agencies/premises.ts": 'import { kind } from "~/catalogue/types";\nexport const premises = kind;',
    "app/catalogue/types.ts": "export const kind = 1;",
    "db/schema/registries/kff.ts": "export const kffLicences = 1;",
    "db/schema/registries/kcb.ts": "export const kcbLoans = 1;",
    "db/schema/applications.ts": "export const applications = 1;",
    "db/seed/factories.ts": "export const ensurePerson = 1;",
    "app/engine/engine.server.ts": 'import { inbox } from "../back-office/inbox.server";\nexport const advance = inbox;',
    "app/back-office/inbox.server.ts": 'import type { Page } from "../routes/staff.inbox";\nexport const inbox = 1 as unknown as Page;',
    "app/routes/staff.inbox.tsx": "export type Page = number;",
    "app/kiosk/sessions.server.ts":
      'import { ensurePerson } from "../../db/seed/factories";\nimport { helper } from "../../tests/support/engine";\nexport const s = [ensurePerson, helper];',
    "app/kiosk/sessions.server.test.ts": 'import { ensurePerson } from "../../db/seed/factories";\nexport const t = ensurePerson;',
    "tests/support/engine.ts": "export const helper = 1;",
    "scripts/start.ts":
      'import { ensurePerson } from "../db/seed/factories";\nimport { gone } from "../app/moved-away";\nexport const s = [ensurePerson, gone];',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(fixture, name)), { recursive: true });
    fs.writeFileSync(path.join(fixture, name), text);
  }

  it("stop each kind of crossing", { timeout: 60_000 }, async () => {
    const found = (await cruise(fixture, ["app", "db", "scripts"])).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        "agency-imports-another-agency: app/agencies/kcb/endpoint.server.ts → app/agencies/kff/contracts.ts",
        "agency-reads-another-register: app/agencies/kcb/endpoint.server.ts → db/schema/registries/kff.ts",
        "agency-reads-another-register: app/agencies/kcb/endpoint.server.ts → db/schema/applications.ts",
        "agency-imports-the-portal: app/agencies/kcb/endpoint.server.ts → app/engine/engine.server.ts",
        "agency-imports-the-portal: app/agencies/kcb/endpoint.server.ts → app/agencies/queries.server.ts",
        "agency-imports-the-portal: app/agencies/kcb/endpoint.server.ts → app/auth/guards.server.ts",
        "engine-imports-pages: app/engine/engine.server.ts → app/back-office/inbox.server.ts",
        "module-imports-a-route: app/back-office/inbox.server.ts → app/routes/staff.inbox.tsx",
        "app-imports-seed: app/kiosk/sessions.server.ts → db/seed/factories.ts",
        "code-imports-tests: app/kiosk/sessions.server.ts → tests/support/engine.ts",
        "not-to-unresolvable: scripts/start.ts → ../app/moved-away",
      ].sort(),
    );
  });
});
