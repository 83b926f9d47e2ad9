import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, kuwaitToday } from "../../app/i18n/dates";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectCount,
  expectHeading,
  fillDate,
  hasChromium,
  keepScreenshot,
  newPage,
  signInCitizenInArabic,
  signInStaffInArabic,
  submitAndFollow,
  useBrowser,
  visit,
} from "../setup/browser";
import { startServer, type ServerProcess } from "../setup/server-process";
import { findMixedLanguage } from "../setup/one-language";

// Every page of the portal, as each kind of visitor meets it, at a phone's width (390 px) and a
// desktop's (1366 px), in Arabic and in English: nothing wider than the screen, no empty list, no
// doubled brackets. Its own server, since it switches the accounts' languages back and forth.

const WIDTHS = [390, 1366] as const;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-layout-"));
  server = await startServer({ dataDir });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What is wrong with the page as laid out now: too wide, an empty list, doubled brackets. */
async function problemsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      // Name the widest element that sticks out, to say what to fix.
      const culprits = [...document.body.querySelectorAll<HTMLElement>("*")]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.right > width + 1 || box.left < -1);
        })
        .filter((element) => !element.closest(".visually-hidden"))
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
      problems.push(`wider than the screen (${document.documentElement.scrollWidth} > ${width}): ${culprits.slice(-3).join(", ")}`);
    }
    for (const list of document.querySelectorAll("main ul, main ol")) if (!list.querySelector("li")) problems.push(`an empty list (${list.className})`);
    if (width < 500)
      for (const button of document.querySelectorAll<HTMLElement>("main .button")) {
        // A button as wide as its line when its words are not: stretched.
        const range = document.createRange();
        range.selectNodeContents(button);
        const slack = button.getBoundingClientRect().width - range.getBoundingClientRect().width;
        if (button.offsetParent && slack > 100) problems.push(`a stretched button: ${button.innerText.trim().slice(0, 40)} (${Math.round(slack)} px to spare)`);
      }
    // A badge (the unread count, a status) must be legible even where its text is hidden from screen readers, which axe skips.
    const luminance = (colour: string) => {
      const [r, g, b] = (colour.match(/[\d.]+/g) ?? ["0", "0", "0"]).slice(0, 3).map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const badge of document.querySelectorAll<HTMLElement>(".badge")) {
      if (!badge.offsetParent) continue;
      const style = getComputedStyle(badge);
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
      const ratio = (a! + 0.05) / (b! + 0.05);
      if (ratio < 4.5) problems.push(`an illegible badge «${badge.innerText.trim()}» (contrast ${ratio.toFixed(1)}:1)`);
    }
    const text = document.body.innerText;
    const doubled = /\(\s*\(|\)\s*\)/.exec(text);
    if (doubled) problems.push(`doubled brackets: …${text.slice(Math.max(0, doubled.index - 30), doubled.index + 30)}…`);
    return problems;
  });
}

describe.skipIf(!hasChromium)("every page, on a phone and a desktop, in both languages", () => {
  const browser = useBrowser();

  it("fits the screen and reads cleanly for visitors, citizens, clerks and administrators", { timeout: 600_000 }, async () => {
    const baseUrl = server.baseUrl;
    const found: string[] = [];
    /** Looks at each page in each language at each width; the language is chosen by a link (`?lang=`). */
    const inspect = async (page: Page, name: string, urls: string[]) => {
      for (const lang of ["ar", "en"] as const) {
        await visit(page, `${baseUrl}/?lang=${lang}`);
        for (const url of urls) {
          await visit(page, `${baseUrl}${url}`);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            for (const problem of await problemsOf(page)) found.push(`${name} ${url} (${lang}, ${width} px): ${problem}`);
          }
          // One language per page, the data too (see tests/setup/one-language.ts).
          for (const run of await findMixedLanguage(page)) found.push(`${name} ${url} (${lang}): ${run.where} has «${run.words.join(" ")}» in «${run.text}»`);
          const shot = url.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, "id").replace(/[^\w]+/g, "-");
          await keepScreenshot(page, `layout-${name}${shot}-${lang}`.slice(0, 120), "phone");
        }
      }
      await visit(page, `${baseUrl}/?lang=ar`);
    };

    const visitor = await newPage(browser());
    await inspect(visitor.page, "visitor", [
      "/",
      "/services",
      "/services?q=%D8%B1%D8%AE%D8%B5%D8%A9",
      "/services/social-loan",
      "/services/fire-safety-licence",
      "/status",
      "/performance",
      "/sign-in",
      "/register",
      "/reset-password",
      "/verify",
      "/verify/AbCdEfGhIjKlMnOpQrSt",
      "/staff/sign-in",
      "/no/such/page",
    ]);
    await visitor.close();

    // Ahmad applies for a marriage loan: the form's pages, the check page, the application.
    const citizen = await newPage(browser());
    const { page } = citizen;
    await signInCitizenInArabic(page, baseUrl, "288020122596", DEMO_PASSWORD);
    await visit(page, `${baseUrl}/services/social-loan`);
    await page.getByRole("button", { name: "قدّم الطلب الآن" }).click();
    await expectHeading(page, "نوع القرض");
    const firstPage = new URL(page.url()).pathname;
    // Nothing chosen: the summary's link takes the focus to the group's first choice, and every message stays.
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    const inline = await page.locator(".field__error").allTextContents();
    expect(inline.length).toBeGreaterThan(0);
    await summary.getByRole("link").first().click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("radio");
    await page.waitForTimeout(300);
    await expectCount(summary, 1);
    expect(await page.locator(".field__error").allTextContents()).toEqual(inline);
    await page.getByLabel("قرض الزواج").check();
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await expectHeading(page, "عقد الزواج");
    const contractPage = new URL(page.url()).pathname;
    await page.getByLabel("رقم عقد الزواج").fill(`MC-${kuwaitToday().slice(0, 4)}-418230`);
    // A date that does not exist is refused, with what was typed kept in its boxes.
    await fillDate(page, "تاريخ عقد الزواج", `${kuwaitToday().slice(0, 4)}-02-30`);
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await page.locator(".error-summary").waitFor();
    const dateBoxes = page.getByRole("group", { name: "تاريخ عقد الزواج" });
    expect(await dateBoxes.getByLabel("اليوم", { exact: true }).inputValue()).toBe("30");
    expect(await dateBoxes.getByLabel("الشهر", { exact: true }).inputValue()).toBe("02");
    await page.locator(".error-summary a").filter({ hasText: /تاريخ/ }).first().click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("contractDate[day]");
    await fillDate(page, "تاريخ عقد الزواج", addDays(kuwaitToday(), -90));
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await expectHeading(page, "السداد والصرف");
    const repaymentPage = new URL(page.url()).pathname;
    await page.getByLabel("عدد الأقساط الشهرية").fill("60");
    await page.getByLabel("رقم الحساب المصرفي الدولي (IBAN) لصرف القرض").fill("KW81CBKU0000000000001234560101");
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await page.waitForURL(/\/check$/);
    const checkPage = new URL(page.url()).pathname;
    await inspect(page, "citizen", ["/dashboard", "/notifications", "/profile", "/my-data", firstPage, contractPage, repaymentPage, checkPage]);
    await visit(page, `${baseUrl}${checkPage}`);
    await submitAndFollow(page);
    const applicationPage = new URL(page.url()).pathname;
    await inspect(page, "citizen", [applicationPage]);
    // On a phone the header is a menu, its button showing how many notifications are unread.
    await page.setViewportSize({ width: 390, height: 844 });
    const menu = page.locator("summary.site-menu__button");
    await expect.poll(() => menu.innerText()).toMatch(/^القائمة\s*\d+/);
    expect(await page.getByRole("link", { name: "لوحتي" }).isVisible()).toBe(false);
    await menu.click();
    await page.getByRole("link", { name: "لوحتي" }).click();
    await page.waitForURL(/\/dashboard$/);
    // The menu closes once the new page has rendered.
    await expect.poll(() => page.locator("details.site-menu").getAttribute("open")).toBeNull();
    await citizen.close();

    // The loan officer's inbox and the step, once the agencies have answered.
    const clerk = await newPage(browser());
    const officer = demoStaff.find((staff) => staff.username === "kcb.officer")!;
    await signInStaffInArabic(clerk.page, baseUrl, officer.username, DEMO_PASSWORD, officer.totpSecret!);
    let taskPage: string | null = null;
    for (let tries = 0; tries < 60 && !taskPage; tries++) {
      await visit(clerk.page, `${baseUrl}/staff/inbox`);
      taskPage = await clerk.page
        .locator('a[href^="/staff/tasks/"]')
        .first()
        .getAttribute("href", { timeout: 500 })
        .catch(() => null);
      if (!taskPage) await clerk.page.waitForTimeout(500);
    }
    expect(taskPage, "the loan reached the officer's inbox").not.toBeNull();
    await inspect(clerk.page, "clerk", ["/staff", "/staff/inbox", taskPage!, "/staff/supervision"]);
    await clerk.close();

    const administrator = await newPage(browser());
    const admin = demoStaff.find((staff) => staff.username === "admin")!;
    await signInStaffInArabic(administrator.page, baseUrl, admin.username, DEMO_PASSWORD, admin.totpSecret!);
    await inspect(administrator.page, "admin", [
      "/staff",
      "/staff/admin/catalogue",
      "/staff/admin/catalogue/new",
      "/staff/admin/catalogue/import",
      "/staff/admin/agencies",
      "/staff/admin/agencies/new",
      "/staff/admin/staff",
      "/staff/admin/staff/invite",
      "/staff/admin/audit",
      "/staff/admin/operations",
      "/staff/admin/services",
      "/staff/reports",
      "/staff/kiosks",
      "/staff/payments",
      "/staff/security",
      "/staff/inspections",
    ]);
    await administrator.close();

    expect(found).toEqual([]);
  });
});
