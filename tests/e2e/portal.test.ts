import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { totpCode, totpStep } from "../../app/auth/totp.server";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectCount,
  expectHeading,
  expectLanguage,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  newPage,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
  waitForHydration,
} from "../setup/browser";
import { withTotpCode } from "../setup/totp";

const baseUrl = inject("baseUrl");
const secretOf = (username: string) => demoStaff.find((s) => s.username === username)!.totpSecret!;
const codeFor = (secret: string) => totpCode(secret, totpStep(new Date()));

/** Signs a demo citizen in, in Arabic, and waits for the dashboard. */
async function signInCitizen(page: Page, civilId: string) {
  await visit(page, `${baseUrl}/sign-in`);
  await page.getByLabel("الرقم المدني").fill(civilId);
  await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
  await page.waitForURL(/\/dashboard/);
}

/** Signs a demo member of staff in, in Arabic: password, then a code no other test has sent. */
async function signInStaff(page: Page, username: string) {
  await visit(page, `${baseUrl}/staff/sign-in`);
  await page.getByLabel("اسم المستخدم").fill(username);
  await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "متابعة" }).click();
  await withTotpCode(baseUrl, username, secretOf(username), async (code) => {
    await page.getByLabel("رمز التحقق").fill(code);
    await page.getByRole("button", { name: "تحقق وسجّل الدخول" }).click();
    await page.waitForURL(`${baseUrl}/staff`);
  });
}

describe.skipIf(!hasChromium)("the portal in a browser", () => {
  const browser = useBrowser();

  it("shows the home page in Arabic first, right to left, with no accessibility violations", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/`);
    await expectLanguage(page, "ar");
    await expectHeading(page, "الخدمات الحكومية من نافذة واحدة");
    await page.getByRole("heading", { level: 3, name: "بنك الائتمان الكويتي" }).waitFor();
    expect(await page.title()).toContain("نافذة");
    await expectNoAxeViolations(page);
    await tab.close();
  });

  it("switches to English and back on the same page, and remembers the choice", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/sign-in?redirectTo=%2Fdashboard`);
    await switchLanguage(page, "en");
    expect(page.url()).toBe(`${baseUrl}/sign-in?redirectTo=%2Fdashboard`);
    await expectLanguage(page, "en");
    await expectHeading(page, "Sign in");
    await expectNoAxeViolations(page);

    await visit(page, `${baseUrl}/`);
    await expectLanguage(page, "en");
    await expectHeading(page, "Government services, in one window");
    await expectNoAxeViolations(page);

    await switchLanguage(page, "ar");
    expect(page.url()).toBe(`${baseUrl}/`);
    await expectLanguage(page, "ar");
    await tab.close();
  });

  it("explains a wrong civil ID and a wrong password, field by field, in Arabic and in English", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/sign-in`);
    await page.getByLabel("الرقم المدني").fill("288020122597");
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await expectText(page, "يُرجى التأكد من إدخال جميع أرقامه");
    await expectText(page, "أدخل كلمة المرور");
    await expect(page.getByLabel("الرقم المدني").inputValue()).resolves.toBe("288020122597");
    await expect(page.getByLabel("الرقم المدني").getAttribute("aria-invalid")).resolves.toBe("true");
    await expectNoAxeViolations(page);

    // The summary links to its field.
    await page.getByRole("link", { name: /أدخل كلمة المرور/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-password");

    await page.getByLabel("الرقم المدني").fill("227081660516");
    await page.getByLabel("كلمة المرور").fill("not the password");
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await expectText(page, "الرقم المدني أو كلمة المرور غير صحيحة");

    await switchLanguage(page, "en");
    await page.getByLabel("Civil ID number").fill("227081660516");
    await page.getByLabel("Password").fill("still not the password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectText(page, "The civil ID number or password is not correct");
    await expectNoAxeViolations(page);
    await tab.close();
  });

  it("slows down password guessing with a clear message, in the page's language", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/sign-in`);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("الرقم المدني").fill("292091998298");
      await page.getByLabel("كلمة المرور").fill(`guess number ${attempt}`);
      await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
      await page.waitForLoadState("networkidle");
      await expectText(page, "الرقم المدني أو كلمة المرور غير صحيحة");
    }
    // The sixth try, even with the right password, is refused until the lock lifts.
    await page.getByLabel("الرقم المدني").fill("292091998298");
    await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await expectText(page, "تجاوزت عدد المحاولات المسموح به. يُرجى المحاولة مرة أخرى بعد 15 دقيقة.");
    await switchLanguage(page, "en");
    await page.getByLabel("Civil ID number").fill("292091998298");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectText(page, "Too many unsuccessful attempts. Please try again in 15 minutes.");
    await tab.close();
  });

  it("signs a citizen in with Arabic-Indic digits, shows the dashboard, and signs out", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/dashboard`);
    await page.waitForURL(/\/sign-in\?redirectTo=%2Fdashboard/);
    await page.getByLabel("الرقم المدني").fill("٢٨٨٠٢٠١٢٢٥٩٦");
    await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    await expectLanguage(page, "ar");
    await expectHeading(page, "مرحبًا، أحمد عبدالله العنزي");
    await page.locator("dd").filter({ hasText: "288020122596" }).waitFor();
    // A value read left to right (the civil ID) still starts where Arabic lines start: on the right.
    for (const value of ["288020122596"]) {
      const edges = await page
        .locator("dd")
        .filter({ hasText: value })
        .evaluate((dd) => {
          const range = document.createRange();
          range.selectNodeContents(dd);
          return { text: range.getBoundingClientRect().right, box: dd.getBoundingClientRect().right };
        });
      expect(Math.abs(edges.box - edges.text), value).toBeLessThan(2);
    }
    await expectNoAxeViolations(page);

    await switchLanguage(page, "en");
    expect(page.url()).toBe(`${baseUrl}/dashboard`);
    await expectHeading(page, "Welcome, Ahmad Abdullah Al-Enezi");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in\?notice=signed-out/);
    await page.getByRole("status").filter({ hasText: "You have signed out." }).waitFor();
    await visit(page, `${baseUrl}/dashboard`);
    await page.waitForURL(/\/sign-in/);

    // The choice of English was saved on the account: signing in elsewhere brings it back.
    const other = await newPage(browser());
    await visit(other.page, `${baseUrl}/sign-in`);
    await expectLanguage(other.page, "ar");
    await signInCitizen(other.page, "288020122596");
    await expectLanguage(other.page, "en");
    await other.close();
    await tab.close();
  });

  it("signs a clerk in with password and TOTP, into the agency's workspace", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/staff/sign-in`);
    await expectNoAxeViolations(page);
    await page.getByLabel("اسم المستخدم").fill("kcb.officer");
    await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "متابعة" }).click();
    await page.waitForURL(/\/staff\/verify/);
    await expectHeading(page, "أدخل رمز التحقق");
    await expectNoAxeViolations(page);

    await page.getByLabel("رمز التحقق").fill("123");
    await page.getByRole("button", { name: "تحقق وسجّل الدخول" }).click();
    await expectText(page, "يجب أن يتكون الرمز من ستة أرقام");

    await withTotpCode(baseUrl, "kcb.officer", secretOf("kcb.officer"), async (code) => {
      await page.getByLabel("رمز التحقق").fill(code);
      await page.getByRole("button", { name: "تحقق وسجّل الدخول" }).click();
      await page.waitForURL(`${baseUrl}/staff`);
    });
    await expectHeading(page, "مرحبًا، نورة خالد الهاجري");
    await expectText(page, "موظف القروض — بنك الائتمان الكويتي");
    await expectNoAxeViolations(page);

    // A clerk is not a citizen: the citizen dashboard is refused.
    const refused = await visit(page, `${baseUrl}/dashboard`);
    expect(refused?.status()).toBe(403);
    await expectHeading(page, "لا يمكنك فتح هذه الصفحة");
    await tab.close();
  });

  it("enrols a new clerk's authenticator from the QR code page, shown once", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/staff/sign-in`);
    await switchLanguage(page, "en");
    await page.getByLabel("Username").fill("kff.newclerk");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/staff\/verify/);
    await expectHeading(page, "Set up two-step verification");
    await page
      .getByRole("img", { name: /QR code/ })
      .locator("svg")
      .waitFor();
    await expectNoAxeViolations(page);
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await page.getByLabel("Verification code").fill(codeFor(secret));
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await page.waitForURL(`${baseUrl}/staff`);
    await expectLanguage(page, "en");
    await expectText(page, "Fire-safety inspector — Kuwait Fire Force");

    // Next time: a code is asked for, and the key is never shown again.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Username").fill("kff.newclerk");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/staff\/verify/);
    await expectHeading(page, "Enter your verification code");
    await expectCount(page.getByTestId("totp-secret"), 0);
    await tab.close();
  });

  it("shows a supervisor their team and an administrator the portal overview", async () => {
    for (const [username, heading] of [
      ["kcb.supervisor", "موظفو بنك الائتمان الكويتي"],
      ["admin", "نظرة عامة على البوابة"],
    ] as const) {
      const tab = await newPage(browser());
      const { page } = tab;
      // Other files sign these accounts in too: the helper waits for a fresh code if this one was used.
      await signInStaffInArabic(page, baseUrl, username, DEMO_PASSWORD, secretOf(username));
      await page.getByRole("heading", { level: 2, name: heading }).waitFor();
      await expectNoAxeViolations(page);
      await tab.close();
    }
  });

  it("works without JavaScript: sign-in, language switch and sign-out are plain forms", async () => {
    const tab = await newPage(browser(), { javaScriptEnabled: false });
    const { page } = tab;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole("button", { name: "View this page in English" }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await expectLanguage(page, "en");
    await page.getByLabel("Civil ID number").fill("285031244114");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    await expectHeading(page, "Welcome, Rajesh Kumar");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in\?notice=signed-out/);
    await tab.close();
  });

  it("can be used with the keyboard: the first Tab reaches the skip link, which moves to the content", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/`);
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("الانتقال إلى المحتوى الرئيسي");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await tab.close();
  });

  it("verifies certificates publicly: a clear answer for an unknown code, in both languages", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/verify`);
    await expectHeading(page, "التحقق من شهادة");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "تحقق" }).click();
    await expectText(page, "أدخل رمز التحقق");
    await page.getByLabel("رمز التحقق").fill("AAAAAAAAAAAAAAAAAAAA");
    await page.getByRole("button", { name: "تحقق" }).click();
    await page.waitForURL(`${baseUrl}/verify/AAAAAAAAAAAAAAAAAAAA`);
    await expectHeading(page, "لا توجد شهادة بهذا الرمز");
    await expectNoAxeViolations(page);
    await switchLanguage(page, "en");
    await expectHeading(page, "No certificate has this code");
    await expectNoAxeViolations(page);
    // A malformed code is answered the same way, not with an error.
    const malformed = await visit(page, `${baseUrl}/verify/${encodeURIComponent("<script>")}`);
    expect(malformed?.status()).toBe(200);
    await expectHeading(page, "No certificate has this code");
    await tab.close();
  });

  it("issues, verifies, downloads and revokes a certificate: holder, public and the issuing agency", async () => {
    const { number, code } = inject("certificateFixture");
    const visitor = await newPage(browser());
    await visit(visitor.page, `${baseUrl}/verify/${code}`);
    await expectHeading(visitor.page, "هذه الشهادة صالحة");
    await expectText(visitor.page, "شهادة الموافقة على القرض الاجتماعي");
    await expectText(visitor.page, "بنك الائتمان الكويتي");
    await expectNoAxeViolations(visitor.page);
    await switchLanguage(visitor.page, "en");
    await expectHeading(visitor.page, "This certificate is valid");
    await expectNoAxeViolations(visitor.page);

    // The holder downloads it: an attachment, signed.
    const holder = await newPage(browser());
    await signInCitizen(holder.page, "288020122596");
    const download = await holder.context.request.get(`${baseUrl}/certificates/${number}.pdf`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(download.headers()["content-disposition"]).toBe(`attachment; filename="${number}.pdf"; filename*=UTF-8''${number}.pdf`);
    const pdf = await download.body();
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/SubFilter /adbe.pkcs7.detached");
    // A number that does not exist, and a certificate that is someone else's, look the same.
    expect((await holder.context.request.get(`${baseUrl}/certificates/NOPE-2026-000001.pdf`)).status()).toBe(404);
    await holder.close();
    const stranger = await newPage(browser());
    await signInCitizen(stranger.page, "285031244114");
    expect((await stranger.context.request.get(`${baseUrl}/certificates/${number}.pdf`)).status()).toBe(404);
    await stranger.close();

    // The issuing agency's clerk revokes it, with a reason.
    const clerk = await newPage(browser());
    // The clerk signed in earlier in this file with the current step's code: this time, the next one.
    await signInStaff(clerk.page, "kcb.officer");
    await visit(clerk.page, `${baseUrl}/staff/certificates/${number}`);
    await expectHeading(clerk.page, `الشهادة رقم ${number}`);
    await expectNoAxeViolations(clerk.page);
    await clerk.page.getByRole("button", { name: "إلغاء الشهادة" }).click();
    await expectText(clerk.page, "أدخل سبب الإلغاء");
    await clerk.page.getByLabel("سبب الإلغاء").fill("صدرت الشهادة عن طريق الخطأ");
    await clerk.page.getByRole("button", { name: "إلغاء الشهادة" }).click();
    await expectText(clerk.page, "تم إلغاء الشهادة.");
    await clerk.close();

    // At once, the public page says so, with the reason.
    await visitor.page.reload();
    await expectHeading(visitor.page, "This certificate has been revoked");
    await expectText(visitor.page, "صدرت الشهادة عن طريق الخطأ");
    await expectNoAxeViolations(visitor.page);
    await visitor.close();
  });

  it("shows the 404 page in both languages without accessibility violations", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    const response = await visit(page, `${baseUrl}/nothing-here`);
    expect(response?.status()).toBe(404);
    await expectHeading(page, "الصفحة غير موجودة");
    await expectNoAxeViolations(page);
    await switchLanguage(page, "en");
    expect(page.url()).toBe(`${baseUrl}/nothing-here`);
    await expectHeading(page, "Page not found");
    await expectNoAxeViolations(page);
    await tab.close();
  });
});
