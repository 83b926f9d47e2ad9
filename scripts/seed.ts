// Seeds the demo data (agencies, demo citizens and staff). Safe to run again: it changes nothing
// that is already there.
import { parseEnv } from "../app/env.server";
import { startRuntime } from "../app/runtime.server";
import { seedDemo } from "../db/seed/demo";
import { exitOnStartupError } from "./startup";

async function main() {
  const { runtime, stop } = await startRuntime(parseEnv(), "script");
  const { created } = await seedDemo(runtime.database.db, runtime.secrets);
  console.log(created ? `Demo data seeded: ${created} accounts created.` : "Demo data already present: nothing changed.");
  await stop();
}

main().catch(exitOnStartupError);
