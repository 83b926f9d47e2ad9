import { EnvError } from "../app/env.server";
import { DataDirLockedError } from "../db/lock";

/** A start-up failure people can act on is printed as a sentence; anything else with its stack. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof EnvError || error instanceof DataDirLockedError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error("Nafitha could not start:", error);
  }
  process.exit(1);
}
