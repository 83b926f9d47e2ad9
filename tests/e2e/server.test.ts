import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import journal from "../../db/migrations/meta/_journal.json";
import { demoAccountCount } from "../../db/seed/demo";
import { deriveExchangeKeys, SIGNATURE_HEADER, signBody, verifyBody } from "../../app/exchange/signing.server";
import { freePort, repoRoot, startServer } from "../setup/server-process";

const baseUrl = inject("baseUrl");
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the running portal", () => {
  it("answers /healthz and /readyz with the database and migrations", async () => {
    expect(await (await fetch(`${baseUrl}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ok",
      driver: "pglite",
      migrations: { expected: journal.entries.length, applied: journal.entries.length },
    });
  });

  it("sends a request id and security headers with every page", async () => {
    const response = await fetch(`${baseUrl}/`, { headers: { "x-request-id": "trace-me-123" } });
    expect(response.headers.get("x-request-id")).toBe("trace-me-123");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-language")).toBe("ar");
  });

  // React 18.3's streaming renderer leaves zero bytes in non-ASCII text where its chunks meet.
  it("sends no zero byte in any page, in either language", async () => {
    const pages = ["/", "/services", "/services/social-loan", "/status", "/performance", "/sign-in", "/register", "/verify", "/staff/sign-in", "/no/such/page"];
    for (const cookie of ["", "nafitha_lang=ImVuIg%3D%3D"]) {
      for (const page of pages) {
        const body = Buffer.from(await (await fetch(`${baseUrl}${page}`, { headers: { cookie } })).arrayBuffer());
        expect(body.length, page).toBeGreaterThan(1000);
        expect(body.indexOf(0), `${page} ${cookie || "ar"}`).toBe(-1);
      }
    }
  });

  it("compresses pages and scripts (brotli where the client takes it, else gzip), and keeps fingerprinted scripts for a year", async () => {
    const page = await fetch(`${baseUrl}/services`, { headers: { "accept-encoding": "br" } });
    expect(page.headers.get("content-encoding")).toBe("br");
    const html = await page.text();
    expect(html).toContain("الخدمات الحكومية");
    expect((await fetch(`${baseUrl}/`, { headers: { "accept-encoding": "gzip" } })).headers.get("content-encoding")).toBe("gzip");
    // Every script the page loads: compressed unless it is too small to gain (under 1 KB), and kept a year.
    const scripts = [...new Set(html.match(/\/build\/[\w./-]+\.js/g))];
    expect(scripts.length).toBeGreaterThan(1);
    let compressed = 0;
    for (const script of scripts) {
      const asset = await fetch(`${baseUrl}${script}`, { headers: { "accept-encoding": "br, gzip" } });
      expect(asset.status, script).toBe(200);
      expect(asset.headers.get("cache-control"), script).toContain("max-age=31536000");
      expect(asset.headers.get("cache-control"), script).toContain("immutable");
      const body = await asset.text();
      if (asset.headers.get("content-encoding") === "br") compressed++;
      else expect(body.length, script).toBeLessThan(1024);
    }
    expect(compressed).toBeGreaterThan(0);
    // A client that takes no compression gets the bytes as they are.
    expect((await fetch(`${baseUrl}/`, { headers: { "accept-encoding": "identity" } })).headers.get("content-encoding")).toBeNull();
  });

  it("answers an unknown address with a 404 page in the visitor's language", async () => {
    const arabic = await fetch(`${baseUrl}/no/such/page`);
    expect(arabic.status).toBe(404);
    expect(await arabic.text()).toContain("الصفحة غير موجودة");
    const english = await fetch(`${baseUrl}/no/such/page`, { headers: { cookie: "nafitha_lang=ImVuIg%3D%3D" } });
    expect(await english.text()).toContain("Page not found");
  });

  it("refuses a form post from another site, in both languages", async () => {
    const response = await fetch(`${baseUrl}/sign-in`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "civilId=288020122596&password=x",
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain("رُفض هذا الطلب");
    expect(text).toContain("This request was refused");
  });

  it("serves the simulated agencies over HTTP, to signed requests only", async () => {
    const unsigned = await fetch(`${baseUrl}/exchange/agencies/paci`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ operation: "paci.person", payload: { civilId: "288020122596" } }),
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${baseUrl}/exchange/agencies/nasa`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(
      404,
    );
    // An agency takes JSON only.
    expect((await fetch(`${baseUrl}/exchange/agencies/paci`, { method: "POST", body: "{}" })).status).toBe(415);
  });

  it("answers a signed request from its civil registry, signed by the agency's key", async () => {
    // The server's root secret is in its data dir; the portal's and PACI's keys derive from it.
    const keys = deriveExchangeKeys(fs.readFileSync(path.join(inject("serverDataDir"), "secret.key"), "utf8").trim());
    const requestId = crypto.randomUUID();
    const body = JSON.stringify({
      requestId,
      operation: "paci.person",
      service: "social-loan",
      applicationId: null,
      onBehalfOf: "288020122596",
      purpose: "test",
      issuedAt: new Date().toISOString(),
      payload: { civilId: "288020122596" },
    });
    const response = await fetch(`${baseUrl}/exchange/agencies/paci`, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(keys.portal, body) },
      body,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const paci = keys.agency("paci");
    expect(verifyBody(response.headers.get(SIGNATURE_HEADER), text, new Map([[paci.keyId, paci.publicKey]])).ok).toBe(true);
    expect(JSON.parse(text)).toMatchObject({
      requestId,
      status: "ok",
      payload: { nameEn: "Ahmad Abdullah Al-Enezi", nationality: "KWT", address: { area: { ar: "السالمية", en: "Salmiya" } } },
    });
  });

  it("publishes the certificate keys for offline verifiers", async () => {
    const response = await fetch(`${baseUrl}/.well-known/jwks.json`);
    expect(response.headers.get("content-type")).toContain("application/jwk-set+json");
    expect(await response.json()).toMatchObject({ keys: [{ kty: "OKP", crv: "Ed25519", kid: "certificates-v1", alg: "EdDSA" }] });
  });

  it("refuses to start a second process on the same embedded database", async () => {
    const port = await freePort();
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: inject("serverDataDir"), DATABASE_URL: "", PORT: String(port), NAFITHA_QUIET_BANNER: "true" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("already in use by another Nafitha process (server");
  });
});

describe("a portal process", () => {
  it("stops cleanly on SIGTERM, and a second start keeps every row of the first", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-restart-"));
    tempDirs.push(dataDir);
    const first = await startServer({ dataDir });
    expect(first.output()).toContain(`"createdAccounts":${demoAccountCount()}`);
    const signIn = await fetch(`${first.baseUrl}/sign-in`, {
      method: "POST",
      headers: { origin: first.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: "civilId=288020122596&password=Nafitha-Demo-2026",
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^__Host-nafitha_session=/);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');
    expect(fs.existsSync(path.join(dataDir, "nafitha.lock"))).toBe(false);

    const second = await startServer({ dataDir });
    try {
      expect(second.output()).toContain('"createdAccounts":0');
      // The session made before the restart still signs its holder in.
      const dashboard = await fetch(`${second.baseUrl}/dashboard`, { headers: { cookie }, redirect: "manual" });
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain("أحمد عبدالله العنزي");
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it("stops at start-up with a message naming a bad setting", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: repoRoot,
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PORT:");
    expect(result.stderr).toContain('(got "not-a-port")');
  });

  it("stops at start-up with one line naming the setting when the database, the port or the host is wrong", { timeout: 180_000 }, () => {
    const start = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: "", NAFITHA_QUIET_BANNER: "true", LOG_LEVEL: "warn", ...env },
        encoding: "utf8",
        timeout: 90_000,
      });
    const secret = { NAFITHA_SECRET: "y".repeat(40) };
    const cases: [Record<string, string>, string][] = [
      [{ ...secret, DATABASE_URL: "postgres://postgres@127.0.0.1:1/nafitha" }, "DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:1 (ECONNREFUSED)"],
      [
        { ...secret, DATABASE_URL: "postgres://postgres@no-such-host.invalid:5432/nafitha" },
        "DATABASE_URL: the host of no-such-host.invalid:5432 is not known",
      ],
    ];
    const postgresUrl = process.env.TEST_DATABASE_URL;
    if (postgresUrl) {
      const unknown = new URL(postgresUrl);
      unknown.pathname = "/nafitha_no_such_database";
      cases.push([{ ...secret, DATABASE_URL: unknown.toString() }, 'DATABASE_URL: there is no database "nafitha_no_such_database"']);
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-startup-"));
    tempDirs.push(dataDir);
    cases.push(
      [{ DATA_DIR: dataDir, PORT: new URL(baseUrl).port }, `PORT: port ${new URL(baseUrl).port} is already in use`],
      [{ DATA_DIR: dataDir, HOST: "203.0.113.7" }, 'HOST: "203.0.113.7" is not an address of this machine'],
    );
    for (const [env, line] of cases) {
      const result = start(env);
      expect(result.status, line).toBe(1);
      expect(result.stderr, line).toContain(line);
      // One line, not a stack.
      expect(result.stderr, line).not.toMatch(/\n\s+at /);
    }
    // The port and the address were refused before the embedded database was even made (no migration ran).
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "nafitha.lock"))).toBe(false);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "two servers started together on a fresh PostgreSQL database both start, and seed the demo once",
    { timeout: 240_000 },
    async () => {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `nafitha_twostart_${crypto.randomBytes(4).toString("hex")}`;
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const env = {
        DATABASE_URL: url.toString(),
        NAFITHA_SECRET: crypto.randomBytes(32).toString("base64url"),
        DEMO_DATA: "true",
        NAFITHA_ALLOW_DEMO_IN_PRODUCTION: "true",
      };
      const servers = await Promise.allSettled([1, 2].map(() => startServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-twostart-")), env })));
      try {
        for (const server of servers) expect(server.status, server.status === "rejected" ? String(server.reason) : "").toBe("fulfilled");
        const started = servers.flatMap((server) => (server.status === "fulfilled" ? [server.value] : []));
        const created = started.map((server) => Number(/"createdAccounts":(\d+)/.exec(server.output())?.[1] ?? -1)).sort((a, b) => a - b);
        expect(created).toEqual([0, demoAccountCount()]);
        for (const server of started) expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
      } finally {
        for (const server of servers) if (server.status === "fulfilled") await server.value.stop();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    },
  );

  it("refuses to start the demo in production on a real database unless a demo deployment is declared", () => {
    const production: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "postgres://nowhere.invalid/nafitha",
      NAFITHA_SECRET: "x".repeat(40),
      DEMO_DATA: "true",
    };
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: repoRoot, env: production, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DEMO_DATA: the demo cannot run in production on a real database");
    expect(result.stderr).toContain("NAFITHA_ALLOW_DEMO_IN_PRODUCTION=true");
  });
});
