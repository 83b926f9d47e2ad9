import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { chromiumLaunchOptions } from "./chromium";
import { findMixedLanguage } from "./one-language";
import { withTotpCode } from "./totp";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";

export const hasChromium = process.env.HAS_CHROMIUM === "true";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** One browser for a describe block: launched before its tests, closed after. Call the result for it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  return () => browser!;
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Closes the context; fails if any script error or console error happened in the page. */
  close(): Promise<void>;
}

/**
 * A fresh browser context (no cookies) that records every script error in the page. Its browser
 * asks for Arabic (`locale`), as most of the portal's visitors' do; a first visit honours it.
 */
export async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
    locale: options.locale ?? "ar-KW",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A 4xx answer to a form post is the page working as designed (a validation error), and so is
    // the router abandoning a navigation that a newer one replaced (a second click on a busy machine).
    // A 503 is the read-only mode's refusal of a change, which the page explains.
    if (message.type() === "error" && !/status of (4\d\d|503)|^AbortError: signal is aborted without reason/.test(message.text()))
      errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      expect(errors, "errors in the page").toEqual([]);
    },
  };
}

/** Waits until React has hydrated the page (it works before that too, as plain HTML). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}

/** Opens a page and waits for hydration, as a person would before using it. Returns the HTTP response. */
export async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

/** Waits for the page's main heading to read exactly this (navigations render asynchronously). */
export async function expectHeading(page: Page, text: string) {
  await page.getByRole("heading", { level: 1, name: text, exact: true }).waitFor({ timeout: 10_000 });
}

/** Waits for text to appear on the page; if it does not, the failure says what the page showed instead. */
export async function expectText(page: Page, text: string | RegExp) {
  try {
    await page.getByText(text).first().waitFor({ timeout: 10_000 });
  } catch (error) {
    throw new Error(`${String(text)} did not appear. ${await describePage(page)}`, { cause: error });
  }
}

/** Where the page is and what it reads, for a failure's message. */
async function describePage(page: Page): Promise<string> {
  const lang = await page
    .locator("html")
    .getAttribute("lang")
    .catch(() => null);
  const main = await page
    .locator("main")
    .first()
    .innerText({ timeout: 1_000 })
    .catch(() => "");
  return `The page at ${page.url()} (lang ${lang}) read: ${main.replace(/\s+/g, " ").slice(0, 1_500)}`;
}

/** Waits until the locator matches exactly `count` elements: after a click the URL can change before React renders the new page. */
export async function expectCount(locator: import("playwright-core").Locator, count: number) {
  await expect.poll(() => locator.count(), { timeout: 10_000 }).toBe(count);
}

/** WCAG 2.2 AA as axe knows it: no violations allowed. `exclude`: parts axe cannot enter (a frame showing a PDF). */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string } = {}) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]);
  const results = await (options.exclude ? builder.exclude(options.exclude) : builder).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("; ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  await expectOneLanguage(page);
}

/**
 * Fails on Latin words in the page's Arabic text and on Arabic in its English text (see
 * tests/setup/one-language.ts). Every page that axe checks is checked for this too.
 */
export async function expectOneLanguage(page: Page) {
  const mixed = await findMixedLanguage(page);
  const report = process.env.ONE_LANGUAGE_REPORT;
  if (report) {
    if (mixed.length) fs.appendFileSync(report, `${JSON.stringify({ url: page.url(), mixed })}\n`);
    return;
  }
  expect(
    mixed.map((run) => `${run.where} [${run.lang}] ${run.words.join(" ")}: «${run.text}»`),
    `other-language words on ${page.url()}`,
  ).toEqual([]);
}

/** Clicks the language switch and waits for the page to be in the other language. */
export async function switchLanguage(page: Page, to: "ar" | "en") {
  await page.getByRole("button", { name: to === "en" ? "View this page in English" : "اعرض الصفحة باللغة العربية" }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  await page.waitForLoadState("networkidle");
}

export async function expectLanguage(page: Page, lang: "ar" | "en") {
  await page.waitForFunction((expected) => document.documentElement.lang === expected, lang, { timeout: 10_000 }).catch(() => {});
  expect(await page.locator("html").getAttribute("lang")).toBe(lang);
  expect(await page.locator("html").getAttribute("dir")).toBe(lang === "ar" ? "rtl" : "ltr");
}

/** Keeps a screenshot of the whole page as a test artifact (tests/.artifacts/screenshots/<name>.png), at a phone's or a desktop's width. */
export async function keepScreenshot(page: Page, name: string, width: "phone" | "desktop") {
  const dir = path.resolve(import.meta.dirname, "../.artifacts/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const previous = page.viewportSize();
  await page.setViewportSize(width === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 900 });
  await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  if (previous) await page.setViewportSize(previous);
}

/**
 * Signs a citizen in from the Arabic sign-in page, choosing Arabic first: signing in makes the
 * chosen language the account's (another test may have left the account in English).
 */
export async function signInCitizenInArabic(page: Page, baseUrl: string, civilId: string, password: string) {
  await visit(page, `${baseUrl}/sign-in`);
  await switchLanguage(page, "en");
  await switchLanguage(page, "ar");
  await page.getByLabel("الرقم المدني").fill(civilId);
  await page.getByLabel("كلمة المرور").fill(password);
  await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
  await page.waitForURL(/\/dashboard/);
}

/** Signs a demo member of staff in, in Arabic, with a TOTP code no other test has sent (withTotpCode). */
export async function signInStaffInArabic(page: Page, baseUrl: string, username: string, password: string, totpSecret: string) {
  await visit(page, `${baseUrl}/staff/sign-in`);
  await page.getByLabel("اسم المستخدم").fill(username);
  await page.getByLabel("كلمة المرور").fill(password);
  await page.getByRole("button", { name: "متابعة" }).click();
  await page.waitForURL(/\/staff\/verify/);
  await withTotpCode(baseUrl, username, totpSecret, async (code) => {
    await page.getByLabel("رمز التحقق").fill(code);
    await page.getByRole("button", { name: "تحقق وسجّل الدخول" }).click();
    await page.waitForURL(`${baseUrl}/staff`);
  });
}

/** Reloads the page until the locator shows (the server's worker moves applications along in the background). */
export async function reloadUntil(page: Page, locator: () => import("playwright-core").Locator, tries = 30) {
  for (let attempt = 0; attempt < tries; attempt++) {
    if (await locator().count()) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  await locator().first().waitFor({ timeout: 5_000 });
}

/**
 * One tab of a demo member of staff, signed in (in Arabic) on first use and closed after the
 * describe block's tests: a TOTP code is accepted once, so a file signs each member in once.
 */
export function useStaffTab(browser: () => Browser, baseUrl: string, username: string): () => Promise<TestPage> {
  let tab: TestPage | undefined;
  afterAll(() => tab?.close());
  return async () => {
    if (!tab) {
      tab = await newPage(browser());
      const member = demoStaff.find((staff) => staff.username === username)!;
      await signInStaffInArabic(tab.page, baseUrl, username, DEMO_PASSWORD, member.totpSecret!);
    }
    return tab;
  };
}

/** On an application's check page: confirm the declaration, submit, and follow the application to its page. */
export async function submitAndFollow(page: Page) {
  await page.waitForURL(/\/check$/);
  await page.getByLabel("أؤكد الإقرار الوارد أعلاه").check();
  await page.getByRole("button", { name: "تقديم الطلب" }).click();
  await page.waitForURL(/\/submitted$/);
  await page.getByRole("link", { name: "متابعة الطلب" }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
}

/** Answers a date question (day, month and year boxes) with `YYYY-MM-DD`, in the page's language; optionally in Arabic-Indic digits. */
export async function fillDate(page: Page, question: string, iso: string, options: { isArabicIndic?: boolean } = {}) {
  const [year, month, day] = iso.split("-") as [string, string, string];
  const digits = (text: string) => (options.isArabicIndic ? text.replace(/\d/g, (digit) => "٠١٢٣٤٥٦٧٨٩"[Number(digit)]!) : text);
  const isArabic = (await page.locator("html").getAttribute("lang")) === "ar";
  const group = page.getByRole("group", { name: question });
  await group.getByLabel(isArabic ? "اليوم" : "Day", { exact: true }).fill(digits(day));
  await group.getByLabel(isArabic ? "الشهر" : "Month", { exact: true }).fill(digits(month));
  await group.getByLabel(isArabic ? "السنة" : "Year", { exact: true }).fill(digits(year));
}
