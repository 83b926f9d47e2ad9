import crypto from "node:crypto";
import type http from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ActionFunction,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { isSameOriginMutation } from "../auth/origin.server";
import { bearerTokenOf } from "./bearer";
import type { Env } from "../env.server";
import { log, withRequestId } from "../log.server";
import { REFUSAL_HEADERS, refusal, refusalHtml, type RefusalKind } from "./refusal.server";
import { readOperatingMode } from "../ops/operating-mode.server";
import type { BodyPolicyName, RouteHandle } from "./route-handle";
import { precompressedAssets } from "./precompressed.server";
import { createRouteMatcher } from "./routes.server";
import { metrics } from "../ops/metrics.server";
import { metricsAccessOf, serveMetrics } from "../ops/metrics-endpoint.server";
import type { DatabaseHandle } from "../../db/client";

// The portal's HTTP layer, in front of Remix: security headers and request ids, then what must be
// decided before a route runs, on the route the path matches (as Remix will match it): whether a
// mutation may come from elsewhere, how large and of what type its body may be, and whether the
// answer is personal. Bodies are bounded before they are read; nothing here reads one whole.

export const MAX_URL_LENGTH = 8 * 1024;
const KB = 1024;

export interface BodyPolicy {
  maxBytes: number;
  /** Media types accepted (without parameters). */
  types: readonly string[];
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

/** The policies by name; `uploadsMaxBytes` comes from the catalogue's largest set of files. */
export function bodyPolicies(uploadsMaxBytes: number): Record<BodyPolicyName, BodyPolicy> {
  return {
    form: { maxBytes: 64 * KB, types: FORM_TYPES },
    uploads: { maxBytes: uploadsMaxBytes, types: FORM_TYPES },
    json: { maxBytes: 256 * KB, types: ["application/json"] },
  };
}

export interface PortalAppOptions {
  build: ServerBuild;
  env: Env;
  rootDir: string;
  /** The total a form page's files may reach, over every service (see the catalogue). */
  uploadsMaxBytes: number;
  /** The database the metrics' figures are read from. */
  database: DatabaseHandle;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}

/** A cookie that says who someone is: a portal session, a kiosk's or a kiosk person's. */
const PERSONAL_COOKIE = /(?:^|;\s*)(?:__Host-)?nafitha_(?:session|kiosk|kiosk_person)=/;

function refuse(res: ExpressResponse, status: number, kind: RefusalKind, options: { close?: boolean } = {}) {
  if (options.close) res.setHeader("Connection", "close");
  res.status(status).set(REFUSAL_HEADERS).send(refusalHtml(kind));
}

/** How long a refused body is still read, and dropped, before its connection is cut. */
const LINGER_MS = 5_000;

/**
 * Refuses a body too large to read, at once, then lets Node read and drop what the client is still
 * sending (for at most LINGER_MS) rather than closing the connection under it: a connection closed
 * with bytes unread is reset by the kernel, and a client reset while it sends loses the answer.
 */
function refuseTooLarge(req: ExpressRequest, res: ExpressResponse) {
  refuse(res, 413, "tooLarge");
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
  cut.unref();
  req.once("end", () => clearTimeout(cut));
  req.once("close", () => clearTimeout(cut));
}

/**
 * The path Remix will route, with dot segments and the like resolved as a URL parser resolves them,
 * and a single-fetch data request (`/apply/x/check.data`, `/_root.data`) as the page it is for.
 */
function routedPath(req: ExpressRequest): string {
  let pathname: string;
  try {
    pathname = new URL(req.originalUrl, "http://portal.invalid").pathname;
  } catch {
    return "/";
  }
  return pathname.endsWith(".data") ? pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/") : pathname;
}

const hasBody = (req: ExpressRequest) => Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;

export function createPortalApp(options: PortalAppOptions): express.Express {
  const { build, env } = options;
  const matchRoute = createRouteMatcher(build);
  const policies = bodyPolicies(options.uploadsMaxBytes);
  const app = express();
  app.disable("x-powered-by");
  // Behind the deployment's one reverse proxy: the client address is the one that proxy saw (the last
  // X-Forwarded-For entry), never one a client wrote further left.
  app.set("trust proxy", env.TRUST_PROXY ? 1 : false);

  app.use((req, res, next) => {
    const requestId =
      req
        .get("x-request-id")
        ?.replace(/[^\w.:-]/g, "")
        .slice(0, 100) || crypto.randomUUID();
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
      // A request refused before its route was matched (too long a URL) is counted as "refused".
      const route = (res.locals.routeId as string | undefined) ?? "refused";
      metrics().httpRequestSeconds.observe({ route, method: req.method, status: String(res.statusCode) }, ms / 1000);
      withRequestId(requestId, () => log.info("request", { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    });
    withRequestId(requestId, next);
  });

  app.use((req, res, next) => {
    if (req.originalUrl.length > MAX_URL_LENGTH) return refuse(res, 414, "uriTooLong");
    next();
  });

  // Every answer worth it compressed (brotli where the browser takes it, else gzip): pages, data,
  // scripts and styles, CSV; not PDFs and images, which are compressed already.
  app.use(compression({ threshold: 1024 }));

  const isStatic: express.RequestHandler = (_req, res, next) => {
    res.locals.routeId = "static";
    next();
  };
  const buildDir = path.join(options.rootDir, "public", "build");
  app.use("/build", isStatic, precompressedAssets(buildDir).serve, express.static(buildDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(options.rootDir, "public"), { maxAge: "1h", setHeaders: (res) => ((res as ExpressResponse).locals.routeId = "static") }));

  // Prometheus's scrape: for the operator's token or address range only (see ops/metrics-access).
  const metricsAccess = metricsAccessOf(env);
  app.get("/metrics", (req, res, next) => {
    res.locals.routeId = "metrics";
    serveMetrics(metricsAccess, { authorization: req.get("authorization"), address: req.ip }, options.database, res).catch(next);
  });

  // What the matched route declares, for the guards below.
  app.use((req, res, next) => {
    const matched = matchRoute(routedPath(req));
    res.locals.route = matched?.handle ?? {};
    res.locals.routeId = matched?.id ?? "unmatched";
    next();
  });

  // Cross-site request forgery: every mutation comes from a page of this site, unless the route
  // that matched proves its requests another way (and then it checks that proof itself).
  app.use((req, res, next) => {
    const { csrf } = res.locals.route as RouteHandle;
    const isProvenElsewhere =
      csrf === "exchange-signature" ||
      ((csrf === "kiosk-bearer" || csrf === "operator-bearer") && bearerTokenOf(req.get("authorization")) !== null) ||
      (csrf === "kiosk-signature" && Boolean(req.get("x-kiosk-signature")));
    if (isProvenElsewhere) return next();
    const isAllowed = isSameOriginMutation({
      method: req.method,
      origin: req.get("origin") ?? null,
      secFetchSite: req.get("sec-fetch-site") ?? null,
      selfOrigin: `${req.protocol}://${req.get("host")}`,
      publicOrigin: env.PUBLIC_ORIGIN,
    });
    if (isAllowed) return next();
    log.warn("cross-origin mutation refused", { method: req.method, path: req.path, origin: req.get("origin")?.slice(0, 200) ?? null });
    refuse(res, 403, "crossOrigin");
  });

  // Bodies: of a type the route takes, and no larger than it allows. A declared length over the
  // limit is refused before a byte is read (what follows is dropped as it comes); a body without one
  // is counted as it streams.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || !hasBody(req)) return next();
    const policy = policies[(res.locals.route as RouteHandle).body ?? "form"];
    const [mediaType = "", ...parameters] = (req.get("content-type") ?? "").split(";").map((part) => part.trim());
    const declared = Number(req.get("content-length") ?? NaN);
    if (declared > policy.maxBytes) return refuseTooLarge(req, res);
    // A refused body within the limit is left for Node to discard; one of unknown length closes the connection.
    const close = !Number.isFinite(declared);
    if (!policy.types.includes(mediaType.toLowerCase())) return refuse(res, 415, "unsupportedType", { close });
    if (mediaType.toLowerCase() === "multipart/form-data" && !parameters.some((p) => /^boundary=.+/i.test(p))) return refuse(res, 400, "badForm", { close });
    res.locals.maxBodyBytes = policy.maxBytes;
    next();
  });

  // Every answer to someone signed in (or signing in) is theirs alone: no cache keeps it.
  app.use((req, res, next) => {
    const isPersonal = PERSONAL_COOKIE.test(req.get("cookie") ?? "");
    res.locals.isPersonal = isPersonal;
    next();
  });

  const handleRequest = createRequestHandler(
    withReadOnlyGuard(build, async () => (await readOperatingMode(options.database.db, env.READ_ONLY)).isReadOnly),
    env.NODE_ENV,
  );
  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequestOf(req, res);
      // A request line or Host header no URL can be made of (`OPTIONS *`, a port of 99999).
      if (!request) return refuse(res, 400, "badRequest");
      const response = await handleRequest(request, options.getLoadContext(req, res));
      // The body outgrew its limit while it streamed: the refusal has been sent already.
      if (res.headersSent) return;
      if (res.locals.isPersonal || response.headers.has("set-cookie")) {
        response.headers.set("Cache-Control", "no-store");
        response.headers.delete("Expires");
      }
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}

/**
 * The build with every route's action refused while the portal is read-only (unless the route is
 * open then): the refusal is thrown before the action reads its form or opens a transaction, so
 * nothing is begun, and the route's error boundary says why in the reader's language.
 */
export function withReadOnlyGuard(build: ServerBuild, isReadOnly: () => Promise<boolean>): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { action, handle } = route.module as { action?: ActionFunction; handle?: RouteHandle };
      if (!action || handle?.isOpenWhenReadOnly) return [id, route];
      const guarded: ActionFunction = async (args) => {
        if (await isReadOnly()) throw refusal("readOnly", 503);
        return action(args);
      };
      return [id, { ...route, module: { ...route.module, action: guarded } }];
    }),
  );
  return { ...build, routes };
}

function fetchHeadersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * The Fetch request Remix gets (as @remix-run/express makes it), with the body counted as it is
 * read: past the route's limit, the refusal is sent and the stream ends in an error.
 */
function remixRequestOf(req: ExpressRequest, res: ExpressResponse): Request | null {
  // The host as the client (or the trusted proxy) named it; the path always relative to it.
  const [, hostPort] = ((req.app.get("trust proxy") ? req.get("x-forwarded-host") : undefined) ?? req.get("host") ?? "").split(":");
  const port = Number.parseInt(hostPort ?? "", 10);
  let url: URL;
  try {
    url = new URL(req.originalUrl.startsWith("/") ? req.originalUrl : "/", `${req.protocol}://${req.hostname}${port > 0 && port < 65536 ? `:${port}` : ""}`);
  } catch {
    return null;
  }
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: fetchHeadersOf(req), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const maxBytes = (res.locals.maxBodyBytes as number | undefined) ?? 0;
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.byteLength;
        if (seen <= maxBytes) return callback(null, chunk);
        if (!res.headersSent) refuseTooLarge(req, res);
        req.unpipe(counted);
        req.resume();
        callback(new Error("The request body is larger than this route allows"));
      },
    });
    init.body = createReadableStreamFromReadable(req.pipe(counted));
    init.duplex = "half";
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

/**
 * Node answers a request line or headers over its limit (16 KB) with a bare 431 and no page; the
 * portal answers with its page in both languages instead.
 */
export function answerClientErrors(server: http.Server) {
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const isTooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = refusalHtml(isTooLarge ? "headersTooLarge" : "badForm");
    const status = isTooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
