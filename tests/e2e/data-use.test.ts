import { describe, inject, it } from "vitest";
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

describe.skipIf(!hasChromium)("who used my data", () => {
  const browser = useBrowser();

  it("shows which agency was asked for what and why, in Arabic and English", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "288020122596", DEMO_PASSWORD);

    await visit(page, `${baseUrl}/profile`);
    await page.getByRole("link", { name: "من استخدم بياناتي" }).click();
    await expectHeading(page, "من استخدم بياناتك");
    await expectText(page, "بيانات الشخص في السجل المدني");
    await expectText(page, "الهيئة العامة للمعلومات المدنية");
    await expectText(page, "التحقق من جنسية مقدم الطلب وعمره");
    await expectText(page, "NAF-2026-900001");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "data-use-ar", "desktop");
    await keepScreenshot(page, "data-use-ar", "phone");

    await switchLanguage(page, "en");
    await expectHeading(page, "Who used your data");
    await expectText(page, "Confirm the applicant's nationality and age");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "data-use-en", "desktop");
    await switchLanguage(page, "ar");
    await tab.close();
  });
});
