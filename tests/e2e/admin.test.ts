import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectHeading,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  signInCitizenInArabic,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
} from "../setup/browser";

// The portal's administration, in a browser: the agencies, in both languages.

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("administration", () => {
  const browser = useBrowser();

  it(
    "an administrator corrects an agency's website: a wrong address is refused in Arabic with nothing lost, the right one saved",
    { timeout: 120_000 },
    async () => {
      const { page, close } = await newPage(browser());
      const admin = demoStaff.find((staff) => staff.username === "admin")!;
      await signInStaffInArabic(page, baseUrl, admin.username, DEMO_PASSWORD, admin.totpSecret!);
      await page.getByRole("link", { name: "الجهات الحكومية" }).click();
      await expectHeading(page, "الجهات الحكومية");
      await expectText(page, "المؤسسة العامة للتأمينات الاجتماعية");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agencies-ar", "desktop");
      await page.getByRole("link", { name: "تعديل بيانات المؤسسة العامة للتأمينات الاجتماعية" }).click();
      await expectHeading(page, "تعديل بيانات الجهة");

      // Not an https address: refused, said in Arabic, and the names typed are kept.
      await page.getByLabel("الاسم بالإنجليزية").fill("Public Institution for Social Security");
      await page.getByLabel("الموقع الإلكتروني").fill("http://pifss.example");
      await page.getByRole("button", { name: "حفظ التعديلات" }).click();
      await expectText(page, "اكتب عنوانًا كاملًا يبدأ بـ https://، أو اتركه فارغًا.");
      expect(await page.getByLabel("الاسم بالإنجليزية").inputValue()).toBe("Public Institution for Social Security");
      await expectNoAxeViolations(page);

      await page.getByLabel("الموقع الإلكتروني").fill("https://www.pifss.gov.kw/ar");
      await page.getByRole("button", { name: "حفظ التعديلات" }).click();
      await page.waitForURL(/\/staff\/admin\/agencies\?saved=pifss$/);
      await expectText(page, "حُفظت بيانات المؤسسة العامة للتأمينات الاجتماعية.");
      await expectText(page, "https://www.pifss.gov.kw/ar");

      await switchLanguage(page, "en");
      await expectHeading(page, "Government agencies");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agencies-en", "desktop");
      await switchLanguage(page, "ar");
      await close();
    },
  );

  it("is the administrators' alone", async () => {
    const { page, close } = await newPage(browser());
    await signInCitizenInArabic(page, baseUrl, "306121545199", DEMO_PASSWORD);
    const answer = await page.goto(`${baseUrl}/staff/admin/agencies/pifss`);
    expect(answer?.status()).toBe(403);
    const post = await page.context().request.post(`${baseUrl}/staff/admin/agencies/pifss`, {
      form: { nameAr: "جهة", nameEn: "Agency", websiteUrl: "" },
      headers: { origin: baseUrl },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    await close();
  });
});
