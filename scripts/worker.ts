// The job worker on its own, for scale-out on PostgreSQL: run as many as you like beside the
// servers (each server also runs one unless RUN_WORKER=false). On the embedded database the
// server's own worker is the only one; a second process is refused by the data-dir lock.
import { parseEnv } from "../app/env.server";
import { startWorker } from "../app/jobs/worker.server";
import { log, setLogLevel } from "../app/log.server";
import { jobDepsOf, startRuntime } from "../app/runtime.server";
import { createJobHandlers } from "../app/jobs/handlers.server";
import { exitOnStartupError } from "./startup";

async function main() {
  const env = parseEnv();
  setLogLevel(env.LOG_LEVEL);
  const { runtime, stop } = await startRuntime(env, "worker");
  const worker = startWorker(runtime.database.db, { isScheduling: true, handlers: createJobHandlers(jobDepsOf(runtime)) });
  log.info("worker started", { workerId: worker.id, database: runtime.database.driver });
  const shutdown = async (signal: string) => {
    log.info("worker stopping", { signal });
    await worker.stop();
    await stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch(exitOnStartupError);
