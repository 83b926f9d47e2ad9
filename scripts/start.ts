// The portal's server: checks the environment, opens (and migrates) the database, seeds the
// demo on the embedded default, serves the Remix build behind the portal's HTTP layer
// (app/http/app.server.ts), and runs the job worker.
import fs from "node:fs";
import type http from "node:http";
import net from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, isProductionDeployment, parseEnv } from "../app/env.server";
import { startWorker, type Worker } from "../app/jobs/worker.server";
import { answerClientErrors, createPortalApp } from "../app/http/app.server";
import { log, setLogLevel } from "../app/log.server";
import { uploadsMaxBytes } from "../app/uploads/limits";
import { jobDepsOf, startRuntime } from "../app/runtime.server";
import { signingAgenciesOf, warmCertificates } from "../app/certificates/warm.server";
import { applyAgencyLinks, parseAgencyLinkSettings } from "../app/exchange/links.server";
import { createJobHandlers } from "../app/jobs/handlers.server";
import { DEMO_PASSWORD, demoCitizens, demoKioskCards, demoStaff, findDemoAccounts, seedDemo } from "../db/seed/demo";
import { describePersonas } from "../db/seed/registries";
import { demoDrillKit } from "../db/seed/drill";

import { exitOnStartupError } from "./startup";
import { readOperatingMode } from "../app/ops/operating-mode.server";
import { kuwaitToday } from "../app/i18n/dates";

const root = path.resolve(import.meta.dirname, "..");

/** Whether this process could listen on the port and address: the error it would meet, or null (the probe is closed at once). */
function probeListen(port: number, host: string | undefined): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    probe.listen(port, host ?? "::", () => probe.close(() => resolve(null)));
  });
}

/** A failed listen as the one line that names the setting to change, or null for an error that is not the settings'. */
function listenProblem(error: NodeJS.ErrnoException, env: { PORT: number; HOST?: string }): string | null {
  const where = `${env.HOST ?? "every address"}:${env.PORT}`;
  return error.code === "EADDRINUSE"
    ? `PORT: port ${env.PORT} is already in use (${where}); stop the other process or choose another PORT`
    : error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN"
      ? `HOST: "${env.HOST}" is not an address of this machine (${error.code}); use one it has, or leave HOST unset to listen on every address`
      : error.code === "EACCES"
        ? `PORT: port ${env.PORT} needs privileges this process does not have; choose a PORT above 1023`
        : null;
}

async function main() {
  const env = parseEnv();
  setLogLevel(env.LOG_LEVEL);
  const buildPath = path.join(root, "build", "index.js");
  if (!fs.existsSync(buildPath)) throw new Error("No server build at build/index.js: run `npm run build` (npm start does it for you).");

  // Settings are checked before the database is opened or migrated.
  let linkSettings: ReturnType<typeof parseAgencyLinkSettings>;
  try {
    linkSettings = parseAgencyLinkSettings(env.AGENCY_URLS, env.AGENCY_FAULTS);
  } catch (error) {
    throw new EnvError([(error as Error).message]);
  }
  // The port and the address too: a port in use or an address this machine lacks is said before any migration.
  const unlistenable = await probeListen(env.PORT, env.HOST);
  if (unlistenable) {
    const problem = listenProblem(unlistenable, env);
    if (!problem) throw unlistenable;
    throw new EnvError([problem]);
  }

  const { runtime, stop: stopRuntime } = await startRuntime(env, "server", {
    simulatedCards: env.DEMO_DATA ? demoKioskCards(kuwaitToday()) : [],
    drill: env.DEMO_DATA ? demoDrillKit : undefined,
  });
  if (isProductionDeployment(env) && !env.NAFITHA_ALLOW_DEMO_IN_PRODUCTION) {
    const demoAccounts = await findDemoAccounts(runtime.database.db);
    if (demoAccounts.length) {
      await stopRuntime();
      throw new EnvError([
        `DATABASE_URL: this production database holds demo accounts that sign in with the published demo password (${demoAccounts.slice(0, 5).join(", ")}${demoAccounts.length > 5 ? ", …" : ""}). Remove them, or, for a demonstration deployment only, set NAFITHA_ALLOW_DEMO_IN_PRODUCTION=true`,
      ]);
    }
  }
  if (env.NAFITHA_ALLOW_DEMO_IN_PRODUCTION && isProductionDeployment(env))
    log.warn("DEMO DEPLOYMENT: demo data, the demo phone and simulated payments are allowed in production by NAFITHA_ALLOW_DEMO_IN_PRODUCTION");
  let personaLines: string[] = [];
  if (env.DEMO_DATA) {
    // Two servers started together on a fresh database seed it once, one after the other.
    const { created } = await runtime.database.exclusively(() => seedDemo(runtime.database.db, runtime.secrets));
    log.info("demo data ready", { createdAccounts: created });
    personaLines = await describePersonas(runtime.database.db, kuwaitToday());
  }
  const build = (await import(buildPath)) as ServerBuild;

  const app = createPortalApp({
    build,
    env,
    rootDir: root,
    uploadsMaxBytes: uploadsMaxBytes(runtime.catalogue.services),
    database: runtime.database,
    getLoadContext: (req, res) => ({ requestId: res.locals.requestId as string, ip: req.ip ?? "", cspNonce: res.locals.cspNonce as string }),
  });

  await applyAgencyLinks(runtime.database.db, linkSettings);
  // The first certificate downloaded after start-up costs what any other does.
  await signingAgenciesOf(runtime.database.db, runtime.catalogue.services)
    .then((signing) => warmCertificates(runtime.pki, signing))
    .then((ms) => log.info("certificate making warmed", { ms: Math.round(ms) }))
    .catch((error: unknown) => log.warn("certificate making could not be warmed; the first certificate will take longer", { error }));
  const worker: Worker | null = env.RUN_WORKER
    ? startWorker(runtime.database.db, {
        isScheduling: true,
        leaseSeconds: env.JOB_LEASE_SECONDS,
        handlers: createJobHandlers(jobDepsOf(runtime)),
        isPaused: async () => (await readOperatingMode(runtime.database.db, env.READ_ONLY)).isReadOnly,
      })
    : null;
  const server = app.listen(env.PORT, env.HOST ?? "::", () => {
    const url = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
    log.info("listening", { url, database: runtime.database.driver, worker: Boolean(worker) });
    const where = runtime.database.driver === "pglite" ? `embedded PGlite in ${shownPath(env.DATA_DIR)}` : "PostgreSQL";
    printBanner(url, env.DEMO_DATA, where, personaLines, runtime.scanner?.address ?? null);
    if (!runtime.scanner) log.warn("uploads are not scanned for malware: CLAMAV_URL is not set");
  });
  answerClientErrors(server);
  // The port taken since the check, or an address gone: one line naming the setting.
  server.once("error", (error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, env);
    if (!problem) throw error;
    void (async () => {
      await worker?.stop();
      await stopRuntime();
      exitOnStartupError(new EnvError([problem]));
    })();
  });

  let isShuttingDown = false;
  // While shutting down, every answer closes its connection: a client on keep-alive (another
  // process calling this server's simulated agencies) would otherwise hold the server open.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (isShuttingDown) res.setHeader("Connection", "close");
  });
  const shutdown = (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info("shutting down", { signal });
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    // First the worker stops claiming and finishes the jobs in hand, while this server still answers
    // (its simulated agencies among them); then the server stops taking connections and lets
    // in-flight requests finish; then the database closes.
    void (async () => {
      await worker?.stop();
      server.close(async () => {
        await stopRuntime();
        log.info("stopped");
        process.exit(0);
      });
      // A connection that finishes a request after this is idle, and closed, at the next look.
      setInterval(() => server.closeIdleConnections(), 100).unref();
    })();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** A directory as a person finds it: relative when it is under the working directory ("./data"), else in full. */
function shownPath(directory: string): string {
  const relative = path.relative(process.cwd(), path.resolve(directory));
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(directory) : `./${relative}`;
}

function printBanner(url: string, hasDemo: boolean, database: string, personaLines: string[], scannerAddress: string | null) {
  if (process.env.NAFITHA_QUIET_BANNER === "true") return;
  const lines = [
    "",
    `  Nafitha (نافذة) is running at ${url}   [database: ${database}]`,
    scannerAddress
      ? `  Uploads are scanned for malware by ClamAV at ${scannerAddress}.`
      : "  !! Uploads are NOT scanned for malware: no scanner is configured. Set CLAMAV_URL=tcp://host:3310 (a clamd kept current by freshclam).",
  ];
  if (hasDemo) {
    lines.push(
      "",
      `  Demo accounts (password for all: ${DEMO_PASSWORD})`,
      `  Citizens and residents sign in at ${url}/sign-in with their civil ID:`,
      ...demoCitizens.map((p) => `    ${p.civilId}  ${p.nameEn} — ${p.note}`),
      "  Demo people for each path of the services (README: Demo people for each path):",
      ...personaLines.map((line) => `    ${line}`),
      `  Staff sign in at ${url}/staff/sign-in, then enter the code for the TOTP secret`,
      "  (add the secret to an authenticator app, or: node --import tsx scripts/totp.ts <secret>):",
      ...demoStaff.map(
        (s) =>
          `    ${s.username.padEnd(15)} ${(s.totpSecret ?? "(enrols at first sign-in: QR code shown)").padEnd(34)} ${s.roles.map((r) => [r.role, r.agencyId, "position" in r ? r.position : null].filter(Boolean).join(" ")).join(", ")}`,
      ),
      `  A kiosk: admin registers one at ${url}/staff/kiosks; open ${url}/kiosk/enrol in the kiosk's browser`,
      "  and enter the code. Its simulated card reader lists the demo cards; every card's PIN is 1234.",
    );
  }
  lines.push("");
  console.log(lines.join("\n"));
}

main().catch(exitOnStartupError);
