import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import { eicar } from "../fixtures/files";
import {
  expectHeading,
  expectLanguage,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  reloadUntil,
  signInStaffInArabic,
  submitAndFollow,
  switchLanguage,
  useBrowser,
  visit,
} from "../setup/browser";

// The doors of issue 14, walked through in a browser: a hostile sign-in link, a fee paid twice in
// two tabs (and refunded), malware refused at upload, and the administrators' security page.

const baseUrl = inject("baseUrl");
const hasClamd = process.env.HAS_CLAMD === "true";
const files = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-e2e-security-"));
// The EICAR test file under a PDF's name: what matters is its bytes.
const eicarFile = path.join(files, "salary-slip.pdf");
fs.writeFileSync(eicarFile, eicar);

async function signInWith(page: Page, civilId: string) {
  await page.getByLabel("الرقم المدني").fill(civilId);
  await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
}

describe.skipIf(!hasChromium)("security, in the browser", () => {
  const browser = useBrowser();

  it("signing in through a hostile link stays on the portal", async () => {
    for (const hostile of ["//evil.example/steal", "/\\evil.example", "https://evil.example/", "/%5Cevil.example", "/\t/evil.example", "javascript:alert(1)"]) {
      const tab = await newPage(browser());
      await visit(tab.page, `${baseUrl}/sign-in?redirectTo=${encodeURIComponent(hostile)}`);
      await signInWith(tab.page, "298033022411");
      await tab.page.waitForURL(/\/dashboard$/);
      expect(new URL(tab.page.url()).origin, hostile).toBe(baseUrl);
      // Switching language with a hostile target also stays.
      const answer = await tab.context.request.post(`${baseUrl}/language`, {
        form: { language: "en", redirectTo: hostile },
        headers: { origin: baseUrl },
        maxRedirects: 0,
      });
      expect(answer.status()).toBe(302);
      expect(answer.headers().location, hostile).toBe("/");
      await tab.close();
    }
  });

  it("a fee paid twice in two tabs: both on record, the second refunded with its receipt, said plainly in Arabic and English", async () => {
    const first = await newPage(browser());
    const { page } = first;
    await visit(page, `${baseUrl}/sign-in`);
    await signInWith(page, "277122020474");
    await page.waitForURL(/\/dashboard/);
    await visit(page, `${baseUrl}/services/municipal-licence-renewal`);
    await page.getByRole("button", { name: "قدّم الطلب الآن" }).click();
    await page.waitForURL(/\/apply\/[0-9a-f-]+\/licence$/);
    await page.getByRole("group", { name: "الترخيص" }).getByRole("radio").first().check();
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await page.getByLabel("سنة واحدة").check();
    await page.getByLabel("مساحة اللوحة الإعلانية").fill("6");
    await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
    await submitAndFollow(page);
    const applicationUrl = page.url();
    const payButton = (tab: Page) => tab.getByRole("button", { name: /^ادفع .* عبر كي نت$/ });
    await reloadUntil(page, () => payButton(page));

    // A second tab on the same application, both at KNET's page at once.
    const second = await first.context.newPage();
    await visit(second, applicationUrl);
    for (const tab of [page, second]) {
      await payButton(tab).click();
      await tab.waitForURL(/\/gateway\/knet\//);
    }
    await page.getByRole("button", { name: "ادفع", exact: true }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
    await expectHeading(page, "إيصال الدفع");
    await second.getByRole("button", { name: "ادفع", exact: true }).click();
    await second.waitForURL(/\/payments\/[0-9a-f-]+$/);
    // Not "nothing was taken": the truth, and the refund on its way, then done.
    await expectHeading(second, "سبق سداد هذه الرسوم");
    await reloadUntil(second, () => second.getByText("رُدّت هذه الدفعة كاملة إلى البطاقة التي دُفعت منها", { exact: false }));
    await expectText(second, "رقم إيصال الاسترداد");
    await expectNoAxeViolations(second);
    await keepScreenshot(second, "payment-refunded-ar", "desktop");
    await keepScreenshot(second, "payment-refunded-ar", "phone");
    const refundPdf = await second.context().request.get(`${second.url()}/refund.pdf`);
    expect(refundPdf.status()).toBe(200);
    expect((await refundPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(refundPdf.headers()["content-disposition"]).toMatch(/filename="RFD-\d{4}-\d{6}\.pdf"/);
    await switchLanguage(second, "en");
    await expectHeading(second, "This fee was already paid");
    await expectText(second, "This payment has been refunded in full to the card it came from.");
    await expectNoAxeViolations(second);
    await keepScreenshot(second, "payment-refunded-en", "desktop");
    await switchLanguage(second, "ar");

    // The application lists both payments, the second as refunded, and its history says so.
    await visit(page, applicationUrl);
    await expectText(page, "دُفعت مرتين: رُدّت");
    await expectText(page, "رُدّت الدفعة الزائدة إلى البطاقة التي دُفعت منها");
    await first.close();

    // The municipality's reconciliation, as the portal's administrator sees it.
    const admin = await newPage(browser());
    await signInStaffInArabic(admin.page, baseUrl, "admin", DEMO_PASSWORD, demoStaff.find((s) => s.username === "admin")!.totpSecret!);
    await admin.page.getByRole("link", { name: /مطابقة المدفوعات/ }).click();
    await expectHeading(admin.page, "مطابقة المدفوعات");
    await expectText(admin.page, "بلدية الكويت");
    await expectText(admin.page, /RFD-\d{4}-\d{6}/);
    await expectNoAxeViolations(admin.page);
    await keepScreenshot(admin.page, "staff-payments-ar", "desktop");
    await switchLanguage(admin.page, "en");
    await expectHeading(admin.page, "Payments reconciliation");
    await expectNoAxeViolations(admin.page);
    await switchLanguage(admin.page, "ar");
    await admin.close();
  });

  // The administrator's TOTP code is accepted once: while other tests sign in as admin, this sign-in may wait for the next step.
  it.skipIf(!hasClamd)(
    "refuses a file with malware at upload, and the administrators see the security event and verify the audit log",
    { timeout: 120_000 },
    async () => {
      const tab = await newPage(browser());
      const { page } = tab;
      await visit(page, `${baseUrl}/sign-in`);
      await signInWith(page, "296022744102");
      await page.waitForURL(/\/dashboard/);
      await visit(page, `${baseUrl}/services/social-loan`);
      await page.getByRole("button", { name: "قدّم الطلب الآن" }).click();
      await page.waitForURL(/\/apply\/[0-9a-f-]+\/[\w-]+$/);
      await page.getByLabel("قرض ترميم المسكن").check();
      await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
      await page.getByLabel("رقم وثيقة ملكية المسكن").fill("RD-2009-004299");
      await page.getByLabel("المبلغ المطلوب (د.ك.)").fill("5000");
      await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
      await expectHeading(page, "السداد والصرف");
      await page.getByLabel("عدد الأقساط الشهرية").fill("100");
      await page.getByLabel("رقم الحساب المصرفي الدولي (IBAN) لصرف القرض").fill("KW81CBKU0000000000001234560101");
      await page.getByLabel("مستندات داعمة (اختياري)").setInputFiles(eicarFile);
      await page.getByRole("button", { name: "حفظ ومتابعة" }).click();
      await expectText(page, "رُفض مستندات داعمة (اختياري) لأن الفحص الأمني وجد فيه محتوى ضارًّا");
      // What was typed stays.
      expect(await page.getByLabel("عدد الأقساط الشهرية").inputValue()).toBe("100");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "upload-infected-ar", "desktop");
      await keepScreenshot(page, "upload-infected-ar", "phone");
      await tab.close();

      const admin = await newPage(browser());
      await signInStaffInArabic(admin.page, baseUrl, "admin", DEMO_PASSWORD, demoStaff.find((s) => s.username === "admin")!.totpSecret!);
      await admin.page.getByRole("link", { name: /^الأمن:/ }).click();
      await expectHeading(admin.page, "الأمن");
      // Latin names are isolated inside the Arabic sentence (U+2066 … U+2069).
      await expectText(admin.page, /رُفض ملف مصاب: \u2066salary-slip\.pdf\u2069 \(\u2066Eicar-Test-Signature/);
      await expectText(admin.page, /يفحص \u2066ClamAV\u2069 في \u2066tcp:\/\/127\.0\.0\.1:\d+\u2069 كل ملف مرفوع/);
      await admin.page.getByRole("button", { name: "تحقّق من سجل التدقيق الآن" }).click();
      await expectText(admin.page, "تُحقِّق من سلامته في");
      await expectNoAxeViolations(admin.page);
      await keepScreenshot(admin.page, "staff-security-ar", "desktop");
      await switchLanguage(admin.page, "en");
      await expectLanguage(admin.page, "en");
      await expectText(admin.page, /Infected file refused: \u2066salary-slip\.pdf\u2069/);
      await expectText(admin.page, "Verified intact on");
      await expectNoAxeViolations(admin.page);
      await keepScreenshot(admin.page, "staff-security-en", "desktop");
      await switchLanguage(admin.page, "ar");
      await admin.close();
    },
  );
});
