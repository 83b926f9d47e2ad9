import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectHeading,
  expectLanguage,
  expectNoAxeViolations,
  keepScreenshot,
  newPage,
  signInCitizenInArabic,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
  hasChromium,
} from "../setup/browser";

// A page that fails shows what happened in its own section, in the reader's language, with the
// way on that section offers: the applicant's dashboard, the staff workspace. The site's header
// stays, so nobody is left on a blank page.

const baseUrl = inject("baseUrl");
const nobodysApplication = "00000000-0000-4000-8000-000000000000";

describe.skipIf(!hasChromium)("a failing page, in its section", () => {
  const browser = useBrowser();

  it("an application that is not there says so, in Arabic and English, and leads back to the dashboard", async () => {
    const { page, close } = await newPage(browser());
    // The persona nobody else's test uses (L10): nothing of theirs changes here.
    await signInCitizenInArabic(page, baseUrl, "284082518934", DEMO_PASSWORD);
    const answer = await page.goto(`${baseUrl}/applications/${nobodysApplication}`);
    expect(answer?.status()).toBe(404);
    await expectHeading(page, "الصفحة غير موجودة");
    await expectLanguage(page, "ar");
    expect(await page.getByRole("navigation", { name: "القائمة الرئيسية" }).getByRole("link", { name: "لوحتي" }).count()).toBe(1);
    expect(await page.getByRole("main").getByRole("link", { name: "الانتقال إلى لوحتي" }).getAttribute("href")).toBe("/dashboard");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "application-not-found-ar", "phone");
    await switchLanguage(page, "en");
    await expectHeading(page, "Page not found");
    await expectLanguage(page, "en");
    await page.getByRole("main").getByRole("link", { name: "Go to my dashboard" }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    await switchLanguage(page, "ar");
    await close();
  });

  it("in the staff workspace, a missing task says so in place and leads back to the workspace, a page of another role leads home", async () => {
    const { page, close } = await newPage(browser());
    const inspector = demoStaff.find((staff) => staff.username === "kff.inspector")!;
    await signInStaffInArabic(page, baseUrl, inspector.username, DEMO_PASSWORD, inspector.totpSecret!);
    const missing = await page.goto(`${baseUrl}/staff/tasks/${nobodysApplication}`);
    expect(missing?.status()).toBe(404);
    expect(missing?.headers()["cache-control"]).toMatch(/no-store/);
    await expectHeading(page, "الصفحة غير موجودة");
    expect(await page.getByRole("main").getByRole("link", { name: "الانتقال إلى بيئة عمل الموظف" }).getAttribute("href")).toBe("/staff");
    await expectNoAxeViolations(page);
    // The security page is the administrators'.
    const forbidden = await page.goto(`${baseUrl}/staff/security`);
    expect(forbidden?.status()).toBe(403);
    await expectHeading(page, "لا يمكنك فتح هذه الصفحة");
    await switchLanguage(page, "en");
    await expectHeading(page, "You cannot open this page");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-forbidden-en", "desktop");
    // Refused a page, one may be refused its whole section: the way on is the home page.
    await page.getByRole("main").getByRole("link", { name: "Go to the home page" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await switchLanguage(page, "ar");
    await close();
  });

  it("the workspace asks for signing in, and the kiosk's screens for the kiosk's enrolment", async () => {
    const { page, context, close } = await newPage(browser());
    await visit(page, `${baseUrl}/staff/inbox`);
    await page.waitForURL(/\/staff\/sign-in\?redirectTo=%2Fstaff%2Finbox$/);
    const kiosk = await context.request.get(`${baseUrl}/kiosk/sign-in`, { maxRedirects: 0 });
    expect(kiosk.status()).toBe(302);
    expect(kiosk.headers().location).toBe("/kiosk/enrol");
    await close();
  });
});
