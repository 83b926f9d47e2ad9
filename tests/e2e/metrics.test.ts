import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServer, type ServerProcess } from "../setup/server-process";

// /metrics on a running portal: there only when an operator configured who may read it, then for
// their token or their address range only (as the one trusted proxy saw the client), with every
// request counted by its route and status.

const TOKEN = "operators-metrics-token-that-is-long-enough-123";
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-metrics-"));
  server = await startServer({ dataDir, env: { METRICS_TOKEN: TOKEN, METRICS_ALLOW: "10.0.0.0/8", TRUST_PROXY: "true" } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
  const response = await fetch(`${server.baseUrl}/metrics`, { headers });
  expect(response.status).toBe(200);
  return response.text();
};

/** A histogram's count for a route and status. */
const countOf = (text: string, route: string, status: string) =>
  Number(
    new RegExp(`^nafitha_http_request_duration_seconds_count\\{route="${route.replace(/\$/g, "\\$")}",method="GET",status="${status}"\\} (\\d+)$`, "m").exec(
      text,
    )?.[1] ?? 0,
  );

describe("/metrics", () => {
  it("does not exist where no operator enabled it", async () => {
    const response = await fetch(`${inject("baseUrl")}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("METRICS_TOKEN");
  });

  it("is refused without the token or an allowed address, even one written further left than the proxy's", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong-token-wrong-token-wrong-token" }, { "x-forwarded-for": "10.1.2.3, 192.0.2.7" }] as Record<
      string,
      string
    >[]) {
      const response = await fetch(`${server.baseUrl}/metrics`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.text()).not.toContain("nafitha_");
    }
  });

  it("is read with the token, or from an allowed address", async () => {
    const response = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain("nafitha_database_up 1");
    expect(await scrape({ "x-forwarded-for": "10.20.30.40" })).toContain("nafitha_database_up 1");
  });

  it("counts every request by its route and status", async () => {
    const before = await scrape();
    // Each answer read to its end: a request is counted when the server has sent all of it (after compression).
    for (const url of ["/", "/", "/favicon.svg", "/no/such/page", "/services"]) await (await fetch(`${server.baseUrl}${url}`)).arrayBuffer();
    // The last counted when its response finished on the server: read again until it is there.
    let after = await scrape();
    for (let i = 0; i < 20 && countOf(after, "routes/services._index", "200") === countOf(before, "routes/services._index", "200"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    expect(countOf(after, "routes/_index", "200") - countOf(before, "routes/_index", "200")).toBe(2);
    expect(countOf(after, "routes/services._index", "200") - countOf(before, "routes/services._index", "200")).toBe(1);
    expect(countOf(after, "static", "200") - countOf(before, "static", "200")).toBe(1);
    expect(countOf(after, "routes/$", "404") - countOf(before, "routes/$", "404")).toBe(1);
    // The scrapes themselves are counted apart from the pages.
    expect(countOf(after, "metrics", "200")).toBeGreaterThanOrEqual(2);
  });

  it("shows a citizen's sign-in among the live sessions", async () => {
    const sessions = (text: string) => Number(/^nafitha_sessions_active\{kind="citizen"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    const before = sessions(await scrape());
    const signIn = await fetch(`${server.baseUrl}/sign-in`, {
      method: "POST",
      headers: { origin: server.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: "civilId=288020122596&password=Nafitha-Demo-2026",
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    expect(sessions(await scrape())).toBe(before + 1);
  });
});
