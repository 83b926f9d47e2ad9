import fs from "node:fs";
import http from "node:http";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import { withTotpCode } from "../setup/totp";

// The running portal, attacked over HTTP as a script would: bodies too large or of the wrong kind,
// addresses too long, forgery exemptions reached through dot segments, and caches that must keep
// nothing personal. No answer here may be a 500, and every refusal is a page in both languages.

const baseUrl = inject("baseUrl");
const serverPid = inject("serverPid");
const { hostname, port } = new URL(baseUrl);

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** A request exactly as given: the path is not normalised, the body may be larger than it says it is. */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; isChunked?: boolean }): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method: options.method ?? "GET", path: options.path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started }),
      );
      response.on("error", reject);
    });
    // The server may answer and close before the whole body is sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) => (["EPIPE", "ECONNRESET"].includes(error.code ?? "") ? undefined : reject(error)));
    if (options.body !== undefined) {
      if (options.isChunked) {
        const body = Buffer.from(options.body);
        for (let offset = 0; offset < body.length; offset += 1024 * 1024) request.write(body.subarray(offset, offset + 1024 * 1024));
      } else request.write(options.body);
    }
    request.end();
  });
}

const form = { origin: baseUrl, "content-type": "application/x-www-form-urlencoded" };
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serverPid}/status`, "utf8"))![1]);

function expectBilingualRefusal(answer: RawAnswer, arabic: string, english: string) {
  expect(answer.headers["content-type"]).toMatch(/^text\/html/);
  expect(answer.body).toContain('lang="ar" dir="rtl"');
  expect(answer.body).toContain(arabic);
  expect(answer.body).toContain(english);
}

describe("bodies are bounded before they are read", () => {
  const fiftyMb = Buffer.alloc(50 * 1024 * 1024, "a");

  it("answers 50 MB sent to /sign-in with 413 at once, and the server's memory does not grow", async () => {
    const before = rssKb();
    const declared = await raw({ method: "POST", path: "/sign-in", headers: { ...form, "content-length": String(fiftyMb.length) }, body: fiftyMb });
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(5_000);
    expectBilingualRefusal(declared, "حجم الطلب أكبر من المسموح به", "This request is too large");
    // Without a declared length (chunked), counted as it streams and cut off at the limit.
    const chunked = await raw({ method: "POST", path: "/sign-in", headers: { ...form, "transfer-encoding": "chunked" }, body: fiftyMb, isChunked: true });
    expect(chunked.status).toBe(413);
    // A body held in memory would add at least its 50 MB; the heap's own drift under the suite is a few MB (9.8 seen in CI).
    const grownMb = (rssKb() - before) / 1024;
    expect(grownMb).toBeLessThan(16);
  });

  it("bounds a multipart form page as a whole, above the total of its files", async () => {
    const boundary = "nafitha-test-boundary";
    const answer = await raw({
      method: "POST",
      path: "/apply/00000000-0000-4000-8000-000000000000/documents",
      headers: { origin: baseUrl, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(fiftyMb.length) },
      body: fiftyMb,
    });
    expect(answer.status).toBe(413);
  });
});

describe("hostile input never gives a 500", () => {
  it("bounds a single-fetch data request by the page it is for (check.data is the check page, a 64 KB form)", async () => {
    const megabyte = Buffer.alloc(1024 * 1024, "a");
    const answer = await raw({
      method: "POST",
      path: "/apply/00000000-0000-4000-8000-000000000000/check.data",
      headers: { ...form, "content-length": String(megabyte.length) },
      body: megabyte,
    });
    expect(answer.status).toBe(413);
  });

  it("answers a request line or Host no URL can be made of with 400, not 500", async () => {
    for (const request of [
      { method: "OPTIONS", path: "*" },
      { path: "/services", headers: { host: "localhost:99999" } },
      { path: "/services", headers: { host: "a b" } },
    ]) {
      const answer = await raw(request);
      expect(answer.status, JSON.stringify(request)).toBeLessThan(500);
    }
  });

  it.each([
    ["JSON", "application/json", '{"civilId":"288020122596"}', 415, "تعذّرت قراءة الطلب", "This request cannot be read"],
    ["plain text", "text/plain", "civilId=288020122596", 415, "تعذّرت قراءة الطلب", "This request cannot be read"],
    ["multipart without a boundary", "multipart/form-data", "civilId=1", 400, "تعذّرت قراءة النموذج", "This form could not be read"],
  ])("refuses a form post sent as %s with a page in both languages", async (_name, type, body, status, arabic, english) => {
    const answer = await raw({ method: "POST", path: "/sign-in", headers: { origin: baseUrl, "content-type": type }, body });
    expect(answer.status).toBe(status);
    expectBilingualRefusal(answer, arabic, english);
  });

  it("answers a broken multipart body with 400, in the page's language", async () => {
    const answer = await raw({
      method: "POST",
      path: "/sign-in",
      headers: { origin: baseUrl, "content-type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="civilId"\r\n\r\n2880201',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("تعذّرت قراءة النموذج");
  });

  it("answers a post with no content type and no body as an empty form", async () => {
    const answer = await raw({ method: "POST", path: "/sign-in", headers: { origin: baseUrl, "content-length": "0" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("أدخل الرقم المدني");
  });

  it("answers a very long address with 414, and one past Node's header limit with 431, each a page in both languages", async () => {
    const long = await raw({ path: `/services?q=${"a".repeat(10_000)}` });
    expect(long.status).toBe(414);
    expectBilingualRefusal(long, "عنوان الصفحة أطول من المسموح به", "This address is too long");
    const huge = await raw({ path: `/services?q=${"a".repeat(20_000)}` });
    expect(huge.status).toBe(431);
    expectBilingualRefusal(huge, "حجم الطلب أكبر من المسموح به", "This request is too large");
  });

  it("refuses a username of 60 KB with a message, not a database error", async () => {
    const answer = await raw({ method: "POST", path: "/staff/sign-in", headers: form, body: `username=${"u".repeat(60_000)}&password=x` });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("لا يتجاوز اسم المستخدم 100 حرف");
  });

  it("answers ids that are not UUIDs with 404 or a redirect, never 500", async () => {
    for (const path of [
      "/applications/not-a-uuid",
      "/apply/1%27%20or%201=1/check",
      "/payments/%00/receipt.pdf",
      "/uploads/..%2f..%2fetc",
      "/staff/tasks/zzz",
      "/staff/documents/1",
      "/verify/%E0%A4%A",
      "/kiosk/print/certificate/x",
    ]) {
      const answer = await raw({ path });
      expect(answer.status, path).toBeLessThan(500);
    }
  });
});

describe("forgery exemptions are decided on the route that matched", () => {
  it("does not let a dot-segment path borrow the exchange's exemption to post to /sign-in", async () => {
    for (const path of ["/exchange/agencies/paci/../../../sign-in", "/exchange/agencies/%2e%2e/%2e%2e/sign-in", "/kiosk/heartbeat/../../sign-in"]) {
      const answer = await raw({
        method: "POST",
        path,
        headers: { origin: "https://evil.example", authorization: "Bearer forged", "content-type": "application/x-www-form-urlencoded" },
        body: "civilId=288020122596&password=x",
      });
      expect(answer.status, path).toBe(403);
      expectBilingualRefusal(answer, "رُفض هذا الطلب", "This request was refused");
    }
  });

  it("still lets a signed exchange request reach the agency (which checks the signature)", async () => {
    const answer = await raw({
      method: "POST",
      path: "/exchange/agencies/paci",
      headers: { origin: "https://agency.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(401);
  });
});

describe("personal pages are never cached", () => {
  async function citizenCookie() {
    const answer = await raw({ method: "POST", path: "/sign-in", headers: form, body: `civilId=284082518934&password=${DEMO_PASSWORD}` });
    expect(answer.status).toBe(302);
    expect(answer.headers["cache-control"]).toBe("no-store");
    return String(answer.headers["set-cookie"]![0]).split(";")[0]!;
  }

  async function staffCookie(username: string) {
    const secret = demoStaff.find((s) => s.username === username)!.totpSecret!;
    const started = await raw({ method: "POST", path: "/staff/sign-in", headers: form, body: `username=${username}&password=${DEMO_PASSWORD}` });
    const pending = String(started.headers["set-cookie"]![0]).split(";")[0]!;
    const verified = await withTotpCode(baseUrl, username, secret, (code) =>
      raw({ method: "POST", path: "/staff/verify", headers: { ...form, cookie: pending }, body: `code=${code}` }),
    );
    expect(verified.status, `${username} signs in`).toBe(302);
    return String(verified.headers["set-cookie"]![0]).split(";")[0]!;
  }

  it("sends Cache-Control: no-store with every signed-in page and personal download", async () => {
    const { number } = inject("certificateFixture");
    const citizen = await citizenCookie();
    for (const path of ["/dashboard", "/profile", "/my-data", "/notifications", "/services", "/"]) {
      const answer = await raw({ path, headers: { cookie: citizen } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["cache-control"], path).toBe("no-store");
    }
    const ahmad = await raw({ method: "POST", path: "/sign-in", headers: form, body: `civilId=288020122596&password=${DEMO_PASSWORD}` });
    const ahmadCookie = String(ahmad.headers["set-cookie"]![0]).split(";")[0]!;
    const certificate = await raw({ path: `/certificates/${number}.pdf`, headers: { cookie: ahmadCookie } });
    expect(certificate.status).toBe(200);
    expect(certificate.headers["cache-control"]).toBe("no-store");

    const staff = await staffCookie("kcb.supervisor");
    for (const path of ["/staff", "/staff/inbox", "/staff/supervision"]) {
      const answer = await raw({ path, headers: { cookie: staff } });
      expect(answer.status, path).toBe(200);
      expect(answer.headers["cache-control"], path).toBe("no-store");
    }
    // A public page for someone not signed in may be kept by caches as usual.
    expect((await raw({ path: "/services" })).headers["cache-control"]).not.toBe("no-store");
  });
});
