// npm run bench:http — server rendering under load: the built portal started as `npm start` starts
// it (PGlite in a new data dir with the demo data; DATABASE_URL for PostgreSQL, whose database is
// then seeded too), and for each page a closed loop of 10 and of 50 keep-alive connections asking for
// it again and again for a few seconds: requests per second, median and p99 latency. Beside each, the
// same figures for the bare route in the same run: the portal's own layout around an empty page (the
// 404 page: root loader, header and footer, no content). Pages are asked for compressed, as browsers
// ask, and read to their end.
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../db/seed/demo";
import { startServer } from "../tests/setup/server-process";
import { reportFigures, type BenchFigure } from "./bench-support";

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = [10, 50];
export const RATIO_TARGET = 0.8;
export const P99_TARGET_MS = 150;

interface Load {
  rps: number;
  median: number;
  p99: number;
  errors: number;
}

/** `connections` keep-alive loops asking for `path` for `seconds`, each waiting for its answer's end before the next. */
async function load(baseUrl: string, pathname: string, connections: number, seconds: number, cookie = ""): Promise<Load> {
  const url = new URL(pathname, baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const ask = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(url, { agent, headers: { "accept-encoding": "br, gzip", cookie, "accept-language": "ar" } }, (response) => {
        response.on("data", () => {});
        response.on("end", () => {
          if (response.statusCode !== 200 && !(pathname.startsWith("/no-such") && response.statusCode === 404)) errors++;
          times.push(performance.now() - started);
          resolve();
        });
      });
      request.on("error", () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await ask();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { rps: times.length / elapsed, median: at(0.5), p99: at(0.99), errors };
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "nafitha-bench-http-"));
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const server = await startServer({
    dataDir,
    env: { LOG_LEVEL: "warn", ...(onPostgres ? { DATABASE_URL: process.env.DATABASE_URL!, NAFITHA_ALLOW_DEMO_IN_PRODUCTION: "true", DEMO_DATA: "true" } : {}) },
  });
  try {
    const signedIn = await fetch(`${server.baseUrl}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ civilId: "288020122596", password: DEMO_PASSWORD }),
    });
    const citizen = cookieOf(signedIn);
    if (signedIn.status !== 302 || !citizen) throw new Error(`The demo citizen could not sign in (${signedIn.status}).`);
    const pages: [name: string, path: string, cookie: string][] = [
      ["/", "/", ""],
      ["/services", "/services", ""],
      ["/services?q=رخصة", "/services?q=%D8%B1%D8%AE%D8%B5%D8%A9", ""],
      ["/services/social-loan", "/services/social-loan", ""],
      ["/dashboard (signed in)", "/dashboard", citizen],
    ];
    // Warm: the JIT, the catalogue's index, the build's compression ahead.
    for (const [, pathname, cookie] of pages) await load(server.baseUrl, pathname, 4, 1, cookie);
    await load(server.baseUrl, "/no-such-page", 4, 1);

    console.log(`bench:http on ${onPostgres ? "postgres" : "pglite"}: ${SECONDS} s per figure, beside the bare route (the layout around an empty page)`);
    console.log(`  ${"page".padEnd(26)} conns     req/s   median      p99   bare req/s   ratio   (target ≥ ${RATIO_TARGET}×, p99 < ${P99_TARGET_MS} ms at 10)`);
    const figures: BenchFigure[] = [];
    for (const connections of CONNECTIONS) {
      const bare = await load(server.baseUrl, "/no-such-page", connections, SECONDS);
      console.log(
        `  ${"bare route".padEnd(26)} ${String(connections).padStart(5)} ${bare.rps.toFixed(0).padStart(9)} ${bare.median.toFixed(1).padStart(6)} ms ${bare.p99.toFixed(1).padStart(6)} ms`,
      );
      for (const [name, pathname, cookie] of pages) {
        const page = await load(server.baseUrl, pathname, connections, SECONDS, cookie);
        const ratio = page.rps / bare.rps;
        const isMet = ratio >= RATIO_TARGET && (connections !== 10 || page.p99 < P99_TARGET_MS);
        figures.push({
          figure: `${name} at ${connections} connections`,
          value: page.rps,
          unit: "req/s",
          baseline: { label: "bare route", value: bare.rps },
          ratio,
          target: { label: `≥ ${RATIO_TARGET}× bare${connections === 10 ? `, p99 < ${P99_TARGET_MS} ms (${page.p99.toFixed(0)})` : ""}`, isMet },
        });
        console.log(
          `  ${name.padEnd(26)} ${String(connections).padStart(5)} ${page.rps.toFixed(0).padStart(9)} ${page.median.toFixed(1).padStart(6)} ms ${page.p99.toFixed(1).padStart(6)} ms ${bare.rps.toFixed(0).padStart(12)} ${ratio.toFixed(2).padStart(6)}×  ${isMet ? "yes" : "NO"}${page.errors ? `  (${page.errors} errors)` : ""}`,
        );
      }
    }
    reportFigures("http", figures, { driver: onPostgres ? "postgres" : "pglite", secondsPerFigure: SECONDS });
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
