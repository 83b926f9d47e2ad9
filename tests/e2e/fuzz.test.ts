import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { catalogue } from "../../app/catalogue/services";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import { repoRoot, startServer, type ServerProcess } from "../setup/server-process";

// Generated values thrown at every route of the built portal: its path parameters, its query and
// its form fields, as GET and as POST (urlencoded and multipart), signed in as each kind of user.
// Whatever comes, the answer is never a 5xx. A server of its own, so that what this does to
// throttles and sessions touches no other test.

interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

let server: ServerProcess;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-fuzz-"));
const viewers: Record<string, string> = {};
/** Ids the viewers really have (a draft), and the words real paths hold (service and page ids), mixed with generated ones. */
const realIds: string[] = [
  ...catalogue.services.flatMap((service) => [service.id, ...service.pages.map((page) => page.id)]),
  "certificate",
  "receipt",
  "paci",
  "kcb",
];

/** Every route's full path pattern (`apply/:draftId/:pageId`), from the server build's manifest. */
async function routePatterns(): Promise<{ id: string; pattern: string; hasAction: boolean }[]> {
  const build = (await import(path.join(repoRoot, "build", "index.js"))) as { routes: Record<string, RouteEntry> };
  const full = (route: RouteEntry): string => {
    const parent = route.parentId ? build.routes[route.parentId] : undefined;
    const own = route.path ?? "";
    return parent && parent.id !== "root" ? `${full(parent)}/${own}` : own;
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root")
    .map((route) => ({ id: route.id, pattern: `/${full(route)}`.replace(/\/+$/, "") || "/", hasAction: typeof route.module.action === "function" }));
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
const post = (url: string, body: Record<string, string>, cookie = "") =>
  fetch(`${server.baseUrl}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: server.baseUrl, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });

async function signInStaff(username: string) {
  const started = await post("/staff/sign-in", { username, password: DEMO_PASSWORD });
  const pending = cookieOf(started);
  const secret = demoStaff.find((staff) => staff.username === username)!.totpSecret!;
  const verified = await post("/staff/verify", { code: totpCode(secret, totpStep(new Date())) }, pending);
  expect(verified.status, `${username} signs in`).toBe(302);
  return cookieOf(verified);
}

beforeAll(async () => {
  server = await startServer({ dataDir });
  viewers.anonymous = "";
  const citizen = await post("/sign-in", { civilId: "288020122596", password: DEMO_PASSWORD });
  viewers.citizen = cookieOf(citizen);
  const draft = await post("/services/social-loan", {}, viewers.citizen);
  const draftId = /\/apply\/([0-9a-f-]{36})/.exec(draft.headers.get("location") ?? "")?.[1];
  if (draftId) realIds.push(draftId);
  viewers.clerk = await signInStaff("kcb.officer");
  viewers.supervisor = await signInStaff("kcb.supervisor");
  viewers.admin = await signInStaff("admin");
  // A kiosk: registered by the administrator, enrolled with its code, a card in and its PIN.
  const registered = await (
    await post(
      "/staff/kiosks",
      { intent: "register", nameAr: "جهاز الاختبار", nameEn: "Fuzz kiosk", governorate: "capital", locationAr: "الصالة", locationEn: "Hall" },
      viewers.admin,
    )
  ).text();
  const code = /\b([A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5})\b/.exec(registered)?.[1];
  const enrolled = await post("/kiosk/enrol", { code: code ?? "" });
  const device = cookieOf(enrolled);
  expect(device, "the kiosk enrols").toMatch(/nafitha_kiosk=/);
  await post("/kiosk/sign-in", { intent: "insert", civilId: "288020122596" }, device);
  const signedIn = await post("/kiosk/sign-in", { intent: "pin", pin: "1234" }, device);
  viewers.kiosk = [device, cookieOf(signedIn)].filter(Boolean).join("; ");
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const hostile = fc.constantFrom(
  "",
  " ",
  "..",
  "../..",
  "%",
  "%00",
  "%2e%2e%2f",
  "<script>alert(1)</script>",
  "' or '1'='1",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "\u202eevil",
  "٠١٢٣",
  "𝕏",
  "a".repeat(3000),
);
const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.uuid().map(String), fc.integer().map(String), hostile);
const fieldName = fc.oneof(
  fc.constantFrom(
    "intent",
    "redirectTo",
    "civilId",
    "password",
    "code",
    "username",
    "language",
    "months",
    "iban",
    "email",
    "phone",
    "current",
    "confirm",
    "challengeId",
    "action",
    "comment",
    "kiosk",
    "name",
    "nameAr",
    "nameEn",
    "governorate",
    "location",
    "locationAr",
    "locationEn",
    "declaration",
    "pin",
    "version",
    "slot",
    "assignee",
    "licence",
    "years",
    "loanType",
    "values.result",
    "answers.iban",
    "documents.remove",
  ),
  fc.string({ maxLength: 12 }),
);
const form = fc.dictionary(fieldName, value, { maxKeys: 6 });

describe("every route, with generated input, as every kind of user", () => {
  it("never answers with a 5xx", async () => {
    const routes = await routePatterns();
    const failures: string[] = [];
    /** The viewers that got at least one page: their sessions held, so the run reached signed-in code. */
    const answered = new Set<string>();
    const param = fc.oneof(value, fc.constantFrom(...realIds));
    const request = fc.record({
      route: fc.constantFrom(...routes),
      viewer: fc.constantFrom(...Object.keys(viewers)),
      params: fc.array(param, { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(
        fc.constantFrom("q", "before", "after", "redirectTo", "notice", "service", "step", "page", "t", "payment", "saved", "return"),
        value,
        { maxKeys: 3 },
      ),
      method: fc.constantFrom("GET", "POST"),
      encoding: fc.constantFrom("urlencoded", "multipart"),
      fields: form,
    });
    await fc
      .assert(
        fc.asyncProperty(request, async (input) => {
          let n = 0;
          const url =
            input.route.pattern.replace(/:[\w]+|\*/g, () => encodeURIComponent(input.params[n++ % 3]!)) +
            (Object.keys(input.query).length ? `?${new URLSearchParams(input.query)}` : "");
          // Ending the session the other requests rely on is not what this is about.
          const isPost = input.method === "POST" && input.route.hasAction && !/sign-out|kiosk\.finish/.test(input.route.id);
          let body: BodyInit | undefined;
          const headers: Record<string, string> = { origin: server.baseUrl, cookie: viewers[input.viewer]! };
          if (isPost) {
            if (input.encoding === "multipart") {
              const data = new FormData();
              for (const [name, text] of Object.entries(input.fields)) data.append(name, text);
              data.append("documents", new Blob([Buffer.from("%PDF-1.4 not really")]), "x.pdf");
              body = data;
            } else {
              body = new URLSearchParams(input.fields);
              headers["content-type"] = "application/x-www-form-urlencoded";
            }
          }
          let response: Response;
          try {
            response = await fetch(`${server.baseUrl}${url}`, { method: isPost ? "POST" : "GET", headers, body, redirect: "manual" });
            await response.arrayBuffer();
          } catch (error) {
            failures.push(
              `no answer to ${isPost ? "POST" : "GET"} ${url.slice(0, 80)} as ${input.viewer}: ${String((error as Error).cause ?? error).slice(0, 200)}`,
            );
            return false;
          }
          if (response.status < 300) answered.add(input.viewer);
          const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
          if (response.status >= 500)
            failures.push(`${response.status} ${isPost ? "POST" : "GET"} ${short(url)} as ${input.viewer} ${short(JSON.stringify(input.fields))}`);
          return response.status < 500;
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 1200), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647), endOnFailure: true },
      )
      .catch((error: Error) => {
        const errors = server
          .output()
          .split("\n")
          .filter((line) => line.includes('"level":"error"'))
          .slice(-5)
          .map((line) => line.slice(0, 1500));
        throw new Error(`${failures.join("\n")}\n\n${error.message.slice(0, 600)}\n\nServer log:\n${errors.join("\n")}`);
      });
    expect([...answered].sort()).toEqual(Object.keys(viewers).sort());
  }, 600_000);
});
