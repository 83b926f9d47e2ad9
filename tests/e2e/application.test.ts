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

    // Beside the certificate, the applicant rates the service: without a choice it is refused, the comment kept.
    const rating = page.getByRole("form", { name: /قيّم هذه الخدمة/ });
    await rating.getByLabel("ملاحظات تود إبلاغنا بها (اختياري)").fill("كانت الخطوات واضحة.");
    await rating.getByRole("button", { name: "إرسال التقييم" }).click();
    await expectText(page, "اختر تقييمًا من 1 إلى 5.");
    expect(await page.getByLabel("ملاحظات تود إبلاغنا بها (اختياري)").inputValue()).toBe("كانت الخطوات واضحة.");
    await expectNoAxeViolations(page);
    await page.getByLabel("4 — جيدة", { exact: true }).check();
    await page.getByRole("button", { name: "إرسال التقييم" }).click();
    await expectText(page, "شكرًا لك. حُفظ تقييمك.");
    await visit(page, page.url().replace(/\?.*$/, ""));
    await expectText(page, "قيّمت هذه الخدمة بـ 4 من 5، ويمكنك تغيير تقييمك.");
    expect(await page.getByLabel("4 — جيدة", { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "تغيير التقييم" }).waitFor();
    await keepScreenshot(page, "application-rating-ar", "phone");
    await tab.close();

    const stranger = await newPage(browser());
    await signInCitizenInArabic(stranger.page, baseUrl, "293090250274", DEMO_PASSWORD);
    const response = await stranger.page.goto(`${baseUrl}${href}`);
    expect(response?.status()).toBe(404);
    await expectHeading(stranger.page, "الصفحة غير موجودة");
    await stranger.close();
  });

  it("publishes how the services perform to anyone, in Arabic and English, without naming anyone", async () => {
    const { page, close } = await newPage(browser());
    await visit(page, `${baseUrl}/`);
    await page.getByRole("link", { name: "أداء الخدمات" }).click();
    await expectHeading(page, "أداء الخدمات");
    for (const service of ["القرض الاجتماعي", "ترخيص الوقاية من الحريق", "تجديد ترخيص الوقاية من الحريق", "تجديد الترخيص البلدي"])
      await page.getByRole("heading", { level: 2, name: service, exact: true }).waitFor();
    // The demo holds too few applications and ratings for any figure to be published.
    expect(await page.getByText("التقييمات أقل من أن تُنشر").count()).toBe(4);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "performance-ar", "phone");
    await switchLanguage(page, "en");
    await expectHeading(page, "How the services perform");
    await expectText(page, "How these figures are made");
    await expectNoAxeViolations(page);
    await switchLanguage(page, "ar");
    await close();
  });
});
