import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  expectHeading,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  useBrowser,
  newPage,
  signInCitizenInArabic,
  switchLanguage,
  visit,
} from "../setup/browser";

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("following an application", () => {
  const browser = useBrowser();

  it("shows where the application is, with whom, since when and until when, and its history, in Arabic and English", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "288020122596", DEMO_PASSWORD);
    const link = page
      .getByRole("link", { name: /^NAF-/ })
      .filter({ hasNotText: /NAF-2026-90000[12]/ })
      .first();
    const href = await link.getAttribute("href");
    // The server's worker asks PACI, MOJ, PIFSS and KCB first: wait until the loan officer has it.
    for (let attempt = 0; attempt < 20; attempt++) {
      await visit(page, `${baseUrl}${href}`);
      if (await page.getByText("لدى بنك الائتمان الكويتي").count()) break;
      await page.waitForTimeout(500);
    }
    await expectText(page, "مراجعة موظف القروض");
    await expectText(page, "لدى بنك الائتمان الكويتي");
    await expectText(page, /الموعد النهائي/);
    await expectText(page, "سجل الطلب");
    expect(await page.locator("ol.results li").count()).toBeGreaterThan(5);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "application-ar", "desktop");
    await keepScreenshot(page, "application-ar", "phone");

    await switchLanguage(page, "en");
    await expectText(page, "Loan officer review");
    await expectText(page, "With Kuwait Credit Bank");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "application-en", "desktop");
    await switchLanguage(page, "ar");

    // The application with a certificate (900002, which no other test touches) offers it to
    // download; someone else's application is not found.
    await visit(page, `${baseUrl}/dashboard`);
    await page.getByRole("link", { name: "NAF-2026-900002" }).click();
    await page.getByRole("heading", { name: "شهادتك" }).waitFor();
    await page.getByRole("link", { name: /تنزيل الشهادة TST-2026-900002/ }).waitFor();
    await tab.close();

    const stranger = await newPage(browser());
    await signInCitizenInArabic(stranger.page, baseUrl, "293090250274", DEMO_PASSWORD);
    const response = await stranger.page.goto(`${baseUrl}${href}`);
    expect(response?.status()).toBe(404);
    await expectHeading(stranger.page, "الصفحة غير موجودة");
    await stranger.close();
  });
});
