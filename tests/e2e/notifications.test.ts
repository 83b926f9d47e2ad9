import { describe, expect, inject, it } from "vitest";
import { emailHtml } from "../../app/notifications/email";
import { renderNotification } from "../../app/notifications/notify.server";
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

describe.skipIf(!hasChromium)("an email, as a mail client shows it", () => {
  const browser = useBrowser();

  it("carries the portal's band, mark and name in the recipient's language and direction, with no accessibility violations", async () => {
    const { page } = await newPage(browser());
    const params = { reference: "NAF-2026-000042", service: { ar: "القرض الاجتماعي", en: "Social loan" } };
    for (const [language, name, subject] of [
      ["ar", "نافذة", "الموافقة على الطلب رقم NAF-2026-000042"],
      ["en", "Nafitha", "Application NAF-2026-000042 approved"],
    ] as const) {
      const message = renderNotification("approved", params, language);
      await page.setContent(emailHtml({ ...message, language }));
      expect(await page.locator("html").getAttribute("dir")).toBe(language === "ar" ? "rtl" : "ltr");
      await expectText(page, name);
      await page.getByRole("heading", { name: subject }).waitFor();
      // The band is the header's green, the mark's pane its gold.
      const band = await page.getByText(name, { exact: true }).evaluate((element) => {
        let cell: Element | null = element;
        while (cell && getComputedStyle(cell).backgroundColor === "rgba(0, 0, 0, 0)") cell = cell.parentElement;
        return cell ? getComputedStyle(cell).backgroundColor : null;
      });
      expect(band).toBe("rgb(11, 61, 46)");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, `email-approved-${language}`, "phone");
    }
  });
});
