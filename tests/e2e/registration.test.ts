import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectCount, expectHeading, expectNoAxeViolations, expectText, hasChromium, keepScreenshot, newPage, useBrowser, visit } from "../setup/browser";

const baseUrl = inject("baseUrl");
// Reem Khaled Al-Azmi: in the demo civil registry (with a phone), without a Nafitha account.
const REEM = "297051431214";

/** The code of the newest text message on the demo phone to a number ending in these digits. */
async function codeOnDemoPhone(page: Page, lastDigits: string) {
  await visit(page, `${baseUrl}/demo/phone`);
  const message = page.locator(".result").filter({ hasText: lastDigits }).first();
  return /\b(\d{6})\b/.exec(await message.locator(".sms").innerText())![1]!;
}

describe.skipIf(!hasChromium)("registering by civil ID", () => {
  const browser = useBrowser();

  it("registers in Arabic with the code texted to the phone on record, after a mistake in the password", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/sign-in`);
    await page.getByRole("link", { name: "إنشاء حساب" }).click();
    await expectHeading(page, "إنشاء حساب في نافذة");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "أرسل لي الرمز" }).click();
    await expectText(page, "أدخل الرقم المدني");
    await page.getByLabel("الرقم المدني").fill(REEM);
    await page.getByRole("button", { name: "أرسل لي الرمز" }).click();
    await expectHeading(page, "أدخل الرمز المرسل إليك");
    const lead = await page.locator(".lead").innerText();
    const lastDigits = /•(\d{3})/.exec(lead)![1]!;
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "register-code-ar", "desktop");
    await keepScreenshot(page, "register-code-ar", "phone");

    const phone = await newPage(browser());
    const code = await codeOnDemoPhone(phone.page, lastDigits);
    await expectNoAxeViolations(phone.page);
    await phone.close();

    await page.getByLabel("الرمز الوارد في الرسالة النصية").fill(code);
    await page.getByLabel("كلمة المرور الجديدة", { exact: true }).fill("Reem-Azmi-2026");
    await page.getByLabel("أعد كتابة كلمة المرور الجديدة").fill("Reem-Azmi-2025");
    await page.getByRole("button", { name: "إنشاء الحساب" }).click();
    await expectText(page, "كلمتا المرور غير متطابقتين");
    await page.getByRole("link", { name: "كلمتا المرور غير متطابقتين" }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel("الرمز الوارد في الرسالة النصية").fill(code);
    await page.getByLabel("كلمة المرور الجديدة", { exact: true }).fill("Reem-Azmi-2026");
    await page.getByLabel("أعد كتابة كلمة المرور الجديدة").fill("Reem-Azmi-2026");
    await page.getByRole("button", { name: "إنشاء الحساب" }).click();
    await page.waitForURL(/\/dashboard/);
    await tab.close();
  });

  it("does not tell a stranger that an account exists: the holder's phone is told instead; works without JavaScript", async () => {
    const tab = await newPage(browser(), { javaScriptEnabled: false });
    const { page } = tab;
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel("الرقم المدني").fill("288020122596");
    await page.getByRole("button", { name: "أرسل لي الرمز" }).click();
    // The same page as for a first registration: nothing on it says Ahmad already has an account.
    await expectHeading(page, "أدخل الرمز المرسل إليك");
    expect(await page.locator("main").innerText()).not.toContain("يوجد حساب لهذا الرقم المدني");
    const lastDigits = /•(\d{3})/.exec(await page.locator(".lead").innerText())![1]!;
    await page.goto(`${baseUrl}/demo/phone`);
    const message = page.locator(".result").filter({ hasText: lastDigits }).first();
    expect(await message.locator(".sms").innerText()).toContain("لديك حساب بالفعل");
    await page.goto(`${baseUrl}/reset-password`);
    await expectHeading(page, "إعادة تعيين كلمة المرور");
    await page.getByLabel("الرقم المدني").fill("288020122596");
    await page.getByRole("button", { name: "أرسل لي الرمز" }).click();
    await expectHeading(page, "أدخل الرمز المرسل إليك");
    await expectCount(page.getByLabel("كلمة المرور الجديدة", { exact: true }), 1);
    await tab.close();
  });
});
