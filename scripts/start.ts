// The portal's server: checks the environment, opens (and migrates) the database, seeds the
// demo on the embedded default, serves the Remix build with express, and runs the job worker.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { isSameOriginMutation } from "../app/auth/origin.server";
import { parseEnv } from "../app/env.server";
import { i18nFor } from "../app/i18n/config";
import { startWorker, type Worker } from "../app/jobs/worker.server";
import { log, setLogLevel, withRequestId } from "../app/log.server";
import { jobDepsOf, startRuntime } from "../app/runtime.server";
import { applyAgencyLinks, parseAgencyLinkSettings } from "../app/exchange/links.server";
import { createJobHandlers } from "../app/jobs/handlers.server";
import { DEMO_PASSWORD, demoCitizens, demoStaff, seedDemo } from "../db/seed/demo";
import { describePersonas } from "../db/seed/registries";
import { kuwaitToday } from "../app/engine/engine.server";
import { exitOnStartupError } from "./startup";

const root = path.resolve(import.meta.dirname, "..");

async function main() {
  const env = parseEnv();
  setLogLevel(env.LOG_LEVEL);
  const buildPath = path.join(root, "build", "index.js");
  if (!fs.existsSync(buildPath)) throw new Error("No server build at build/index.js: run `npm run build` (npm start does it for you).");

  const { runtime, stop: stopRuntime } = await startRuntime(env, "server");
  let personaLines: string[] = [];
  if (env.DEMO_DATA) {
    const { created } = await seedDemo(runtime.database.db, runtime.secrets);
    log.info("demo data ready", { createdAccounts: created });
    personaLines = await describePersonas(runtime.database.db, kuwaitToday());
  }
  const build = (await import(buildPath)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use((req, res, next) => {
    const requestId = req.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();
    const nonce = crypto.randomBytes(16).toString("base64");
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.locals.cspNonce = nonce;
    res.setHeader("X-Request-Id", requestId);
    // A kiosk prints a PDF from a frame in its own print screen; nothing else may be framed.
    const isFramable = /^\/kiosk\/(certificates|receipts)\/[^/]+\.pdf$/.test(req.path);
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        isFramable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", isFramable ? "SAMEORIGIN" : "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (env.NODE_ENV === "production" && req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      withRequestId(requestId, () =>
        log.info("request", { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }),
      );
    });
    withRequestId(requestId, next);
  });

  app.use((req, res, next) => {
    // Agency endpoints are called server to server and authenticated by signature (app/exchange).
    if (req.path.startsWith("/exchange/agencies/")) return next();
    // A kiosk's device agent authenticates by its bearer credential, which no cross-site form can send.
    if (req.path === "/kiosk/heartbeat" && /^Bearer \S+$/.test(req.get("authorization") ?? "")) return next();
    // The card-reader bridge signs each event with the kiosk's credential (app/routes/kiosk.card.ts).
    if (req.path === "/kiosk/card" && req.get("x-kiosk-signature")) return next();
    const allowed = isSameOriginMutation({
      method: req.method,
      origin: req.get("origin") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
      selfOrigin: `${req.protocol}://${req.get("host")}`,
      publicOrigin: env.PUBLIC_ORIGIN,
    });
    if (allowed) return next();
    log.warn("cross-origin mutation refused", { method: req.method, path: req.path, origin: req.get("origin") ?? null });
    const message = ["ar", "en"].map((lang) => i18nFor(lang as "ar" | "en").t("errors.crossOrigin")).join("\n\n");
    res.status(403).type("text/plain; charset=utf-8").send(message);
  });

  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({ requestId: res.locals.requestId as string, ip: req.ip ?? "", cspNonce: res.locals.cspNonce as string }),
    }),
  );

  await applyAgencyLinks(runtime.database.db, parseAgencyLinkSettings(env.AGENCY_URLS, env.AGENCY_FAULTS));
  const worker: Worker | null = env.RUN_WORKER
    ? startWorker(runtime.database.db, { isScheduling: true, handlers: createJobHandlers(jobDepsOf(runtime)) })
    : null;
  const server = app.listen(env.PORT, env.HOST ?? "::", () => {
    const url = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
    log.info("listening", { url, database: runtime.database.driver, worker: Boolean(worker) });
    printBanner(url, env.DEMO_DATA, runtime.database.driver, personaLines);
  });

  let isShuttingDown = false;
  const shutdown = (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    log.info("shutting down", { signal });
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    // Stop taking connections, let in-flight requests finish, then the worker, then the database.
    server.close(async () => {
      await worker?.stop();
      await stopRuntime();
      log.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

function printBanner(url: string, hasDemo: boolean, driver: string, personaLines: string[]) {
  if (process.env.NAFITHA_QUIET_BANNER === "true") return;
  const lines = [
    "",
    `  Nafitha (نافذة) is running at ${url}   [database: ${driver === "pglite" ? "embedded PGlite in ./data" : "PostgreSQL"}]`,
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
      ...demoStaff.map((s) => `    ${s.username.padEnd(15)} ${(s.totpSecret ?? "(enrols at first sign-in: QR code shown)").padEnd(34)} ${s.roles.map((r) => [r.role, r.agencyId, "position" in r ? r.position : null].filter(Boolean).join(" ")).join(", ")}`),
      `  A kiosk: admin registers one at ${url}/staff/kiosks; open ${url}/kiosk/enrol in the kiosk's browser`,
      "  and enter the code. Its simulated card reader lists the demo cards; every card's PIN is 1234.",
    );
  }
  lines.push("");
  console.log(lines.join("\n"));
}

main().catch(exitOnStartupError);
