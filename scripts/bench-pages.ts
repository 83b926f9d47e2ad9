// npm run bench:pages — what a first visit costs: the built portal started as `npm start` starts it
// (PGlite in a new data dir, demo data; once it has compressed its build ahead), and headless Chromium opening each page with an empty cache,
// as a new visitor on a phone would. For each page: the requests made until the page is hydrated and
// the network is quiet, the bytes on the wire (headers and compressed bodies), and beside them the
// same bodies uncompressed (the baseline: the portal before compression), by kind of resource.
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type CDPSession } from "playwright-core";
import { chromiumLaunchOptions } from "../tests/setup/chromium";
import { startServer } from "../tests/setup/server-process";
import { reportFigures } from "./bench-support";

const PAGES = [
  ["/ (Arabic)", "/", "ar"],
  ["/ (English)", "/?lang=en", "en"],
  ["/services (Arabic)", "/services", "ar"],
  ["/services?q=رخصة", "/services?q=%D8%B1%D8%AE%D8%B5%D8%A9", "ar"],
] as const;
export const FIRST_VISIT_BUDGET_BYTES = 250_000;

interface Loaded {
  url: string;
  type: string;
  wire: number;
  body: number;
}

/** Every response of a page load, with its bytes on the wire and its decoded body, read from the DevTools protocol. */
function recordLoads(session: CDPSession) {
  const pending = new Map<string, { url: string; type: string }>();
  const done: Loaded[] = [];
  const bodies = new Map<string, number>();
  session.on("Network.responseReceived", (event) => pending.set(event.requestId, { url: event.response.url, type: event.type }));
  session.on("Network.dataReceived", (event) => bodies.set(event.requestId, (bodies.get(event.requestId) ?? 0) + event.dataLength));
  session.on("Network.loadingFinished", (event) => {
    const response = pending.get(event.requestId);
    if (response) done.push({ ...response, wire: event.encodedDataLength, body: bodies.get(event.requestId) ?? 0 });
  });
  return done;
}

/**
 * Waits until the portal has compressed its build's scripts ahead, as it does in the background in
 * the seconds after start-up: a file served from that store says its length; one compressed as it
 * is served is sent in chunks.
 */
async function untilCompressedAhead(baseUrl: string) {
  const html = await (await fetch(`${baseUrl}/`)).text();
  const scripts = [...html.matchAll(/\/build\/[^"']+\.js/g)].map((match) => match[0]);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const lengths = await Promise.all(
      scripts.map(async (script) => {
        const response = await fetch(`${baseUrl}${script}`, { headers: { "accept-encoding": "br" } });
        await response.arrayBuffer();
        return response.headers.get("content-length");
      }),
    );
    if (lengths.every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The portal did not compress its build ahead within a minute.");
}

export const MEMORY_TARGET_MB = 500;

/** A process's resident memory now and at its peak, from Linux's /proc (the portal's since its first start). */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kbOf = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakMb: kbOf("VmHWM") / 1000, nowMb: kbOf("VmRSS") / 1000 };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "nafitha-bench-pages-"));
  const server = await startServer({ dataDir, env: { LOG_LEVEL: "warn" } });
  await untilCompressedAhead(server.baseUrl);
  const browser = await chromium.launch(chromiumLaunchOptions);
  let memory: ReturnType<typeof memoryOf> | undefined;
  const results: { name: string; requests: number; wire: number; body: number; byType: Map<string, Loaded[]> }[] = [];
  try {
    for (const [name, url, lang] of PAGES) {
      const context = await browser.newContext({ locale: lang, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      await session.send("Network.enable");
      await session.send("Network.setCacheDisabled", { cacheDisabled: true });
      const loads = recordLoads(session);
      await page.goto(`${server.baseUrl}${url}`, { waitUntil: "networkidle" });
      await page.waitForSelector("html[data-hydrated]");
      await page.waitForLoadState("networkidle");
      const byType = new Map<string, Loaded[]>();
      for (const load of loads) byType.set(load.type, [...(byType.get(load.type) ?? []), load]);
      const sum = (list: Loaded[], key: "wire" | "body") => list.reduce((total, load) => total + load[key], 0);
      results.push({ name, requests: loads.length, wire: sum(loads, "wire"), body: sum(loads, "body"), byType });
      await context.close();
    }
    memory = memoryOf(server.child.pid!);
  } finally {
    await browser.close();
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  console.log(`bench:pages — a first visit with an empty cache, until hydrated and quiet (budget ${kb(FIRST_VISIT_BUDGET_BYTES)} on the wire)`);
  console.log(`  ${"page".padEnd(24)} requests   on the wire   uncompressed   ratio   within budget`);
  for (const result of results) {
    const within = result.wire <= FIRST_VISIT_BUDGET_BYTES ? "yes" : "NO";
    console.log(
      `  ${result.name.padEnd(24)} ${String(result.requests).padStart(8)} ${kb(result.wire).padStart(13)} ${kb(result.body).padStart(14)} ${(result.body / result.wire).toFixed(1).padStart(6)}×   ${within}`,
    );
    for (const [type, list] of [...result.byType].sort((a, b) => b[1].reduce((t, l) => t + l.wire, 0) - a[1].reduce((t, l) => t + l.wire, 0))) {
      const wire = list.reduce((t, l) => t + l.wire, 0);
      const body = list.reduce((t, l) => t + l.body, 0);
      console.log(`      ${type.toLowerCase().padEnd(20)} ${String(list.length).padStart(8)} ${kb(wire).padStart(13)} ${kb(body).padStart(14)}`);
    }
  }
  if (!memory) throw new Error("The portal's memory was not read.");
  console.log(
    `  the portal's memory on PGlite, from its first start through these visits: peak ${memory.peakMb.toFixed(0)} MB, now ${memory.nowMb.toFixed(0)} MB (target < ${MEMORY_TARGET_MB} MB: ${memory.peakMb < MEMORY_TARGET_MB ? "yes" : "NO"})`,
  );
  reportFigures("pages", [
    {
      figure: "portal RSS on PGlite from its first start, peak",
      value: memory.peakMb,
      unit: "MB",
      target: { label: `< ${MEMORY_TARGET_MB} MB`, isMet: memory.peakMb < MEMORY_TARGET_MB },
    },
    ...results.flatMap((result) => [
      {
        figure: `first visit to ${result.name}, on the wire`,
        value: result.wire / 1000,
        unit: "KB",
        baseline: { label: "the same uncompressed", value: result.body / 1000 },
        target: { label: `≤ ${FIRST_VISIT_BUDGET_BYTES / 1000} KB`, isMet: result.wire <= FIRST_VISIT_BUDGET_BYTES },
      },
      { figure: `first visit to ${result.name}, requests`, value: result.requests, unit: "requests" },
    ]),
  ]);
  if (process.env.BENCH_PAGES_DETAIL)
    for (const result of results)
      for (const list of result.byType.values()) for (const load of list) console.log(`    ${result.name} ${kb(load.wire).padStart(10)} ${load.url}`);
}

await main();
