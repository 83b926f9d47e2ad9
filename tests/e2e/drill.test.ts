import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import { addDays, kuwaitToday } from "../../app/i18n/dates";
import {
  expectHeading,
  expectNoAxeViolations,
  expectText,
  fillDate,
  hasChromium,
  keepScreenshot,
  launchBrowser,
  newPage,
  signInCitizenInArabic,
  submitAndFollow,
  switchLanguage,
  visit,
} from "../setup/browser";
import { repoRoot, startServer, type ServerProcess } from "../setup/server-process";

// A short continuity drill against a running demo portal, as an operator runs it: PIFSS down,
// loan applications submitted while it is, the fault lifted, the backlog drained; nothing failed.

const TOKEN = "operators-drill-token-that-is-long-enough-42";
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-drill-"));
  // A quick circuit, so that a drill of seconds shows the link opening, probing and closing.
  server = await startServer({
    dataDir,
    env: { OPERATOR_TOKEN: TOKEN, EXCHANGE_CIRCUIT_FAILURES: "3", EXCHANGE_CIRCUIT_PROBE_MS: "500", EXCHANGE_CIRCUIT_MAX_PROBE_MS: "2000" },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the drill as an operator would, without holding up this process (which reads the server's output meanwhile). */
function drill(args: string[], token = TOKEN): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/drill.ts", ...args, "--url", server.baseUrl], {
      cwd: repoRoot,
      env: { ...process.env, OPERATOR_TOKEN: token },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run drill", () => {
  it(
    "puts PIFSS down, submits applications that wait for it, lifts the fault and reports the backlog drained with nothing failed",
    { timeout: 180_000 },
    async () => {
      const result = await drill(["--agency", "pifss", "--minutes", "0.2", "--rate", "30"]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout.split("\n").find((line) => line.startsWith("{")) ?? "{}") as Record<string, number>;
      expect(summary.submitted).toBeGreaterThanOrEqual(5);
      expect(summary.waitingWhileDown).toBe(summary.submitted);
      expect(summary.completedAfterwards).toBe(summary.submitted);
      expect(summary.failed).toBe(0);
      expect(summary.stillWaiting).toBe(0);
      expect(summary.drainSeconds).toBeGreaterThan(0);
      expect(result.stdout).toMatch(/Passed: the backlog of \d+ drained in [\d.]+ s, nothing failed\./);
      // The link was opened by the outage and its work parked, then released.
      const messages = [...server.output().matchAll(/"msg":"([^"]+)"/g)].map((match) => match[1]);
      expect(messages, [...new Set(messages)].join(", ")).toContain("job parked until its agency answers");
    },
  );

  it(
    "drills KM, KFF and MOCI with municipal licence renewals filled in before the outage (their form asks KM and MOCI): all wait, then all get past the agency",
    { timeout: 240_000 },
    async () => {
      for (const agency of ["km", "kff", "moci"]) {
        const result = await drill(["--agency", agency, "--minutes", "0.1", "--rate", "30"]);
        expect(result.status, result.stdout + result.stderr).toBe(0);
        const summary = JSON.parse(result.stdout.split("\n").find((line) => line.startsWith("{")) ?? "{}") as Record<string, number>;
        expect(summary).toMatchObject({ agency, failed: 0, stillWaiting: 0 });
        expect(summary.submitted).toBeGreaterThanOrEqual(3);
        expect(summary.waitingWhileDown).toBe(summary.submitted);
        expect(summary.completedAfterwards).toBe(summary.submitted);
      }
    },
  );

  it("is refused without the operators' token, and does not exist where none is configured", async () => {
    const refused = await drill(["--agency", "pifss", "--minutes", "0.1"], "not-the-operators-token-not-the-operators-token");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("The portal refused the drill (401)");
    const usage = await drill(["--minutes", "1"]);
    expect(usage.stderr).toContain("Usage: npm run drill -- --agency <id> --minutes N");
    const elsewhere = await fetch(`${inject("baseUrl")}/ops/drill`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ step: "fault", agency: "pifss", isDown: true }),
    });
    expect(elsewhere.status).toBe(404);
  });

  it.skipIf(!hasChromium)(
    "an applicant whose loan waits on PIFSS while it is down reads, in Arabic and English, that it waits for PIFSS and why; it goes on when PIFSS is back",
    { timeout: 180_000 },
    async () => {
      const fault = (isDown: boolean) =>
        fetch(`${server.baseUrl}/ops/drill`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ step: "fault", agency: "pifss", isDown }),
        });
      const browser = await launchBrowser();
      const tab = await newPage(browser);
      const { page } = tab;
      try {
        expect((await fault(true)).status).toBe(200);
        // L1 of the demo people: eligible for a marriage loan with his contract.
        await signInCitizenInArabic(page, server.baseUrl, "288020122596", DEMO_PASSWORD);
        await visit(page, `${server.baseUrl}/services/social-loan`);
        await page.getByRole("button", { name: "قدّم الطلب الآن" }).click();
        await expectHeading(page, "نوع القرض");
        // The count is over every page of the service: the restoration loan's page, skipped, moves it on.
        await expectText(page, "الخطوة 1 من 5");
        await page.getByLabel("قرض الزواج").check();
        await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
        await expectHeading(page, "عقد الزواج");
        await expectText(page, "الخطوة 2 من 5");
        await page.getByLabel("رقم عقد الزواج").fill(`MC-${kuwaitToday().slice(0, 4)}-418230`);
        await fillDate(page, "تاريخ عقد الزواج", addDays(kuwaitToday(), -90), { isArabicIndic: true });
        await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
        await expectHeading(page, "السداد والصرف");
        await expectText(page, "الخطوة 4 من 5");
        await page.getByLabel("عدد الأقساط الشهرية").fill("60");
        await page.getByLabel("رقم الحساب المصرفي الدولي (IBAN) لصرف القرض").fill("KW81CBKU0000000000001234560101");
        await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
        await submitAndFollow(page);

        // The page follows the application by itself: no reload, no navigation, only its own polls.
        const polls: string[] = [];
        page.on("request", (request) => {
          if (new URL(request.url()).searchParams.get("live") === "1") polls.push(request.url());
        });
        let navigations = 0;
        page.on("framenavigated", (frame) => {
          if (frame === page.mainFrame()) navigations++;
        });
        // While PIFSS is down: the step says whom it waits for, and why, and that nothing is asked of the applicant.
        await page.getByText("بانتظار رد المؤسسة العامة للتأمينات الاجتماعية").waitFor({ timeout: 60_000 });
        await page.getByText("أنظمة المؤسسة العامة للتأمينات الاجتماعية لا تستجيب حاليًا").waitFor({ timeout: 60_000 });
        expect(navigations, "the page moved on without a reload").toBe(0);
        await expectText(page, "تتحدّث هذه الصفحة تلقائيًا كلما ردّت إحدى الجهات على طلبك.");
        await expectNoAxeViolations(page);
        await keepScreenshot(page, "application-waiting-pifss-ar", "phone");

        // A hidden tab does not ask; shown again, it asks at once.
        const setVisibility = (state: "hidden" | "visible") =>
          page.evaluate((visibility) => {
            Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
            document.dispatchEvent(new Event("visibilitychange"));
          }, state);
        await setVisibility("hidden");
        await page.waitForTimeout(500);
        const whileHidden = polls.length;
        await page.waitForTimeout(7_000);
        expect(polls.length, "no poll while the tab is hidden").toBe(whileHidden);
        await setVisibility("visible");
        await expect.poll(() => polls.length, { timeout: 3_000 }).toBeGreaterThan(whileHidden);

        await switchLanguage(page, "en");
        await expectText(page, "Waiting for Public Institution for Social Security");
        await expectText(page, "The systems of Public Institution for Social Security are not answering at the moment");
        await expectNoAxeViolations(page);
        await switchLanguage(page, "ar");

        // PIFSS back: the case goes on by itself, to KCB's loan officers, and the page says so politely to a screen reader.
        navigations = 0;
        expect((await fault(false)).status).toBe(200);
        await page.getByText("لدى بنك الائتمان الكويتي").waitFor({ timeout: 60_000 });
        expect(await page.getByText("بانتظار رد المؤسسة العامة للتأمينات الاجتماعية").count()).toBe(0);
        expect(navigations).toBe(0);
        const announcement = page.getByTestId("live-announcement");
        expect(await announcement.getAttribute("aria-live")).toBe("polite");
        await expect.poll(() => announcement.textContent()).toMatch(/^تحدّث طلبك\. الحالة الآن: .+\. آخر ما جرى: .+/);

        // Without JavaScript the same page says that a reload shows the latest, and a reload does.
        const noScript = await newPage(browser, { javaScriptEnabled: false });
        await noScript.page.goto(`${server.baseUrl}/sign-in`);
        await noScript.page.getByLabel("الرقم المدني").fill("288020122596");
        await noScript.page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
        await noScript.page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
        await noScript.page.waitForURL(/\/dashboard/);
        await noScript.page.goto(page.url());
        await noScript.page.getByText("لدى بنك الائتمان الكويتي").waitFor();
        await noScript.page.getByText("أعد تحميل الصفحة لترى آخر ما وصل إليه طلبك.").waitFor();
        await noScript.close();
      } finally {
        await fault(false);
        await tab.close();
        await browser.close();
      }
    },
  );
});
