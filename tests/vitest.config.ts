import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { CHROMIUM_PATH } from "./setup/chromium.ts";
import { CLAMD_PATH } from "./setup/clamd-path.ts";
import SummaryReporter from "./setup/summary-reporter.ts";

const root = path.resolve(import.meta.dirname, "..");
const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
const hasChromium = fs.existsSync(CHROMIUM_PATH);
const hasClamd = fs.existsSync(CLAMD_PATH);
const hasPoppler = ["pdftotext", "pdfsig"].every((tool) => spawnSync("which", [tool]).status === 0);

// Vitest evaluates this file once per project; the notices are said once per run.
const isFirstEvaluation = !process.env.NAFITHA_TEST_NOTICES_SHOWN;
process.env.NAFITHA_TEST_NOTICES_SHOWN = "1";

if (!hasChromium && isFirstEvaluation) {
  const bar = "!".repeat(78);
  console.warn(
    `\n${bar}\n!!  BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n!!  Install it (apt-get install -y chromium) to run the journeys in a real browser;\n!!  .ci/run installs it.\n${bar}\n`,
  );
}
if (!hasClamd && isFirstEvaluation) {
  const bar = "!".repeat(78);
  console.warn(
    `\n${bar}\n!!  MALWARE-SCANNING TESTS SKIPPED: no ClamAV daemon at ${CLAMD_PATH}.\n!!  Install it (apt-get install -y clamav-daemon) to scan uploads with a real engine;\n!!  .ci/run installs it.\n${bar}\n`,
  );
}
if (!hasPoppler && isFirstEvaluation) {
  const bar = "!".repeat(78);
  console.warn(
    `\n${bar}\n!!  CERTIFICATE TEXT AND SIGNATURE CHECKS SKIPPED: no pdftotext/pdfsig (poppler-utils).\n!!  Install it (apt-get install -y poppler-utils) to read every issued certificate;\n!!  .ci/run installs it.\n${bar}\n`,
  );
}
if (!hasPostgres && isFirstEvaluation) {
  console.warn("\n[nafitha] TEST_DATABASE_URL is not set: integration tests run on PGlite only (CI also runs them on PostgreSQL).\n");
}

const integration = (driver: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration:${driver}`,
    // Each service's journey test sits beside its definition.
    include: ["tests/integration/**/*.test.ts", "app/catalogue/services/*/journey.test.ts"],
    env: { TEST_DB_DRIVER: driver },
    globalSetup: ["tests/setup/database-template.ts", "tests/setup/clamd.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    reporters: ["default", new SummaryReporter()],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    env: { LOG_LEVEL: "silent" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: ["app/catalogue/services/*/journey.test.ts"],
        },
      },
      integration("pglite"),
      ...(hasPostgres ? [integration("postgres")] : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          env: { HAS_CHROMIUM: String(hasChromium), HAS_CLAMD: String(hasClamd) },
          globalSetup: ["tests/setup/clamd.ts", "tests/setup/e2e-server.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
