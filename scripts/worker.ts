// The job worker on its own, for scale-out on PostgreSQL: run as many as you like beside the
// servers (each server also runs one unless RUN_WORKER=false). On the embedded database the
// server's own worker is the only one; a second process is refused by the data-dir lock.
import { parseEnv } from "../app/env.server";
import { startWorker } from "../app/jobs/worker.server";
import { log, setLogLevel } from "../app/log.server";
import { jobDepsOf, startRuntime } from "../app/runtime.server";
import { createJobHandlers } from "../app/jobs/handlers.server";
import { exitOnStartupError } from "./startup";
import { readOperatingMode } from "../app/ops/operating-mode.server";
import http from "node:http";
import { metricsAccessOf, serveMetrics } from "../app/ops/metrics-endpoint.server";

async function main() {
  const env = parseEnv();
  setLogLevel(env.LOG_LEVEL);
  const { runtime, stop } = await startRuntime(env, "worker");
  const worker = startWorker(runtime.database.db, {
    isScheduling: true,
    leaseSeconds: env.JOB_LEASE_SECONDS,
    handlers: createJobHandlers(jobDepsOf(runtime)),
    isPaused: async () => (await readOperatingMode(runtime.database.db, env.READ_ONLY)).isReadOnly,
  });
  log.info("worker started", { workerId: worker.id, database: runtime.database.driver });
  // Its own figures (job runs, exchange calls) are scraped here: the servers' /metrics cannot see them.
  const access = metricsAccessOf(env);
  const metricsServer =
    env.METRICS_PORT === undefined
      ? null
      : http
          .createServer((req, res) => {
            if (new URL(req.url ?? "/", "http://worker.invalid").pathname !== "/metrics") {
              res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not Found: this listener serves /metrics only.\n");
              return;
            }
            serveMetrics(access, { authorization: req.headers.authorization, address: req.socket.remoteAddress }, runtime.database, res).catch(
              (error: unknown) => {
                log.error("metrics scrape failed", { error });
                if (!res.headersSent) res.writeHead(500).end();
              },
            );
          })
          .listen(env.METRICS_PORT, env.HOST, () => log.info("worker metrics listening", { port: env.METRICS_PORT }));
  const shutdown = async (signal: string) => {
    log.info("worker stopping", { signal });
    metricsServer?.close();
    await worker.stop();
    await stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch(exitOnStartupError);
