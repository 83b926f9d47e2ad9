// Applies the committed migrations (db/migrations) to the configured database, then exits.
// The server does this at start-up too; this is for deployments that migrate as a separate step.
import { appliedMigrationCount } from "../db/client";
import { parseEnv } from "../app/env.server";
import { startRuntime } from "../app/runtime.server";
import { exitOnStartupError } from "./startup";

async function main() {
  const { runtime, stop } = await startRuntime(parseEnv(), "script");
  console.log(`Migrations applied: ${await appliedMigrationCount(runtime.database.db)} (${runtime.database.driver}).`);
  await stop();
}

main().catch(exitOnStartupError);
