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
// Talal Al-Sharhan (a demo persona): no other browser test signs in as him, so his password may change here.
const TALAL = "290011637128";

describe.skipIf(!hasChromium)("the citizen's account page", () => {
  const browser = useBrowser();

  it("changes the phone after an error, the password, and signs the other browser out", async () => {
    const elsewhere = await newPage(browser());
    await signInCitizenInArabic(elsewhere.page, baseUrl, TALAL, DEMO_PASSWORD);
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, TALAL, DEMO_PASSWORD);
    await page.getByRole("link", { name: "حسابك" }).click();
    await expectHeading(page, "حسابك");
    await expectText(page, "هذه الجلسة");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "profile-ar", "desktop");
    await keepScreenshot(page, "profile-ar", "phone");

    await page.getByLabel("رقم الهاتف النقال").fill("1234");
    await page.getByRole("button", { name: "حفظ وسائل التواصل" }).click();
    await page.getByRole("link", { name: "أدخل رقم هاتف كويتيًا من 8 أرقام، مثل 99123456" }).waitFor();
    expect(await page.getByLabel("رقم الهاتف النقال").inputValue()).toBe("1234");
    await expectNoAxeViolations(page);
    await page.getByLabel("رقم الهاتف النقال").fill("٦٦٥٥٤٤٣٣");
    await page.getByRole("button", { name: "حفظ وسائل التواصل" }).click();
    await expectText(page, "حُفظت وسائل التواصل.");
    expect(await page.getByLabel("رقم الهاتف النقال").inputValue()).toBe("+96566554433");

    await page.getByLabel("كلمة المرور الحالية").fill("not-my-password");
    await page.getByLabel("كلمة المرور الجديدة", { exact: true }).fill("Talal-Sharhan-2026");
    await page.getByLabel("أعد كتابة كلمة المرور الجديدة").fill("Talal-Sharhan-2026");
    await page.getByRole("button", { name: "تغيير كلمة المرور" }).click();
    await page.getByRole("link", { name: "كلمة المرور الحالية غير صحيحة" }).waitFor();
    await page.getByLabel("كلمة المرور الحالية").fill(DEMO_PASSWORD);
    await page.getByLabel("كلمة المرور الجديدة", { exact: true }).fill("Talal-Sharhan-2026");
    await page.getByLabel("أعد كتابة كلمة المرور الجديدة").fill("Talal-Sharhan-2026");
    await page.getByRole("button", { name: "تغيير كلمة المرور" }).click();
    await expectText(page, "غُيّرت كلمة المرور");

    // The other browser was signed out by the change.
    await visit(elsewhere.page, `${baseUrl}/profile`);
    await elsewhere.page.waitForURL(/\/sign-in/);
    await elsewhere.close();

    await switchLanguage(page, "en");
    await expectHeading(page, "Your account");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "profile-en", "desktop");
    // Put the demo password back for the next run on the same data.
    await page.getByLabel("Current password").fill("Talal-Sharhan-2026");
    await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel("Type the new password again").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Change the password" }).click();
    await expectText(page, "Your password is changed");
    await switchLanguage(page, "ar");
    await tab.close();
  });
});
