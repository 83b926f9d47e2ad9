import { describe, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  expectCount,
  expectHeading,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  signInCitizenInArabic,
  switchLanguage,
  useBrowser,
} from "../setup/browser";

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("the notifications page", () => {
  const browser = useBrowser();

  it("shows the unread count, pages through the inbox, and marks it read, in Arabic and English", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "288020122596", DEMO_PASSWORD);

    await page.getByRole("link", { name: /الإشعارات.*22 إشعارًا جديدًا/ }).click();
    await expectHeading(page, "الإشعارات");
    await expectCount(page.locator(".result"), 20);
    await expectText(page, "شهادتك جاهزة");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "notifications-ar", "desktop");
    await keepScreenshot(page, "notifications-ar", "phone");

    await page.getByRole("link", { name: "إشعارات أقدم" }).click();
    await page.waitForURL(/after=/);
    await expectCount(page.locator(".result"), 2);
    await page.getByRole("link", { name: "العودة إلى الأحدث" }).click();
    await page.waitForURL(/\/notifications$/);

    await page.getByRole("button", { name: "تعليم هذه الإشعارات كمقروءة" }).click();
    await expectText(page, "عُلِّم 20 إشعارًا كمقروء.");
    await page.getByRole("link", { name: /الإشعارات.*إشعاران جديدان/ }).waitFor();

    await switchLanguage(page, "en");
    await expectHeading(page, "Notifications");
    await page.getByRole("link", { name: /Notifications.*2 new/ }).waitFor();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "notifications-en", "desktop");
    await switchLanguage(page, "ar");
    await tab.close();
  });
});
