import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectHeading,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  reloadUntil,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
} from "../setup/browser";

// Staff administration in a browser: an agency administrator invites a loan officer by civil ID,
// the invitation is accepted from its link, the new clerk enrols the second factor at first
// sign-in and makes a first decision; the administrator disables the account (the clerk's session
// ends at once) and enables it.

const baseUrl = inject("baseUrl");
const INVITED_CIVIL_ID = "285031244114"; // Rajesh Kumar, in PACI's demo registry, with no staff account

describe.skipIf(!hasChromium)("staff administration", () => {
  const browser = useBrowser();

  it(
    "an agency administrator invites a clerk, who joins from the link, enrols the second factor and decides a first application; disabled, the clerk's session ends at once",
    { timeout: 180_000 },
    async () => {
      const admin = demoStaff.find((staff) => staff.username === "kcb.admin")!;
      const { page, close } = await newPage(browser());
      await signInStaffInArabic(page, baseUrl, admin.username, DEMO_PASSWORD, admin.totpSecret);
      await page.getByRole("link", { name: "الموظفون وصلاحياتهم" }).click();
      await expectHeading(page, "الموظفون وصلاحياتهم");
      await expectText(page, "kcb.officer");
      // Only the agency's own staff.
      expect(await page.getByText("kff.officer").count()).toBe(0);
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-members-ar", "desktop");

      await page.getByRole("link", { name: "دعوة موظف" }).click();
      await expectHeading(page, "دعوة موظف");
      // Only the agency's roles are offered, never a portal administrator's or another agency's.
      const offered = await page.locator("#field-grant option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(offered).toEqual(["", "clerk|kcb|loan-officer", "supervisor|kcb|", "agency-admin|kcb|"]);
      await page.getByLabel("الرقم المدني").fill("12345");
      await page.getByRole("button", { name: "إنشاء الدعوة" }).click();
      await expectText(page, "الرقم المدني 12 رقمًا، يبدأ بـ 1 أو 2 أو 3.");
      await expectText(page, "اختر الدور.");
      await expectNoAxeViolations(page);
      await page.getByLabel("الرقم المدني").fill(INVITED_CIVIL_ID);
      await page.getByLabel("الدور").selectOption("clerk|kcb|loan-officer");
      await page.getByRole("button", { name: "إنشاء الدعوة" }).click();
      await expectHeading(page, "أُنشئت الدعوة");
      await expectText(page, /أرسل هذا الرابط إلى راجيش كومار/);
      const link = (await page.locator(".invitation-link").textContent())!.trim();
      expect(link).toMatch(/\/staff\/invitation\/[A-Za-z0-9_-]{32}$/);
      await expectNoAxeViolations(page);

      // The invited person, in another browser: the link, the wrong civil ID refused, then the account.
      const invited = await newPage(browser());
      await visit(invited.page, link);
      await expectHeading(invited.page, "الانضمام إلى موظفي نافذة");
      await expectText(invited.page, /دُعيت يا راجيش كومار للعمل في نافذة بدور: موظف القروض — بنك الائتمان الكويتي/);
      await expectNoAxeViolations(invited.page);
      await keepScreenshot(invited.page, "staff-invitation-ar", "phone");
      await invited.page.getByLabel("رقمك المدني").fill("290051400029");
      await invited.page.getByLabel("اسم المستخدم").fill("rajesh.kumar");
      await invited.page.getByLabel("كلمة المرور", { exact: true }).fill("a long passphrase here");
      await invited.page.getByLabel("أعد كتابة كلمة المرور").fill("a long passphrase here");
      await invited.page.getByRole("button", { name: "إنشاء الحساب" }).click();
      await expectText(invited.page, "الرقم المدني لا يطابق الدعوة. تأكد من أن الدعوة لك.");
      expect(await invited.page.getByLabel("اسم المستخدم").inputValue()).toBe("rajesh.kumar");
      await invited.page.getByLabel("رقمك المدني").fill(INVITED_CIVIL_ID);
      await invited.page.getByLabel("كلمة المرور", { exact: true }).fill("a long passphrase here");
      await invited.page.getByLabel("أعد كتابة كلمة المرور").fill("a long passphrase here");
      await invited.page.getByRole("button", { name: "إنشاء الحساب" }).click();
      await invited.page.waitForURL(/\/staff\/sign-in\?notice=invitation-accepted/);
      await expectText(invited.page, "أُنشئ حسابك.");
      // The link works once.
      await visit(invited.page, link);
      await expectHeading(invited.page, "لا يمكن استخدام هذه الدعوة");

      // First sign-in: the password, then the second factor enrolled from the key shown.
      const { totpCode, totpStep } = await import("../../app/auth/totp.server");
      await visit(invited.page, `${baseUrl}/staff/sign-in`);
      await invited.page.getByLabel("اسم المستخدم").fill("rajesh.kumar");
      await invited.page.getByLabel("كلمة المرور").fill("a long passphrase here");
      await invited.page.getByRole("button", { name: "متابعة" }).click();
      await expectHeading(invited.page, "إعداد التحقق بخطوتين");
      const secret = (await invited.page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
      await invited.page.getByLabel("رمز التحقق").fill(totpCode(secret, totpStep(new Date())));
      await invited.page.getByRole("button", { name: "تأكيد وتسجيل الدخول" }).click();
      await invited.page.waitForURL(`${baseUrl}/staff`);
      // The URL changes before React renders the workspace: wait for its greeting, in either language, before reading
      // the page's language. It opens in the person's language, which another test (portal's, in English) may have made English.
      await invited.page.getByRole("heading", { level: 1, name: /^(مرحبًا، راجيش كومار|Welcome, Rajesh Kumar)$/ }).waitFor({ timeout: 10_000 });
      if ((await invited.page.locator("html").getAttribute("lang")) === "en") await switchLanguage(invited.page, "ar");
      await expectText(invited.page, "موظف القروض — بنك الائتمان الكويتي");

      // The new clerk's first decision: Nawaf's marriage loan, found in the inbox by his civil ID, claimed and approved.
      await visit(invited.page, `${baseUrl}/staff/inbox?q=299061830541`);
      await reloadUntil(invited.page, () => invited.page.getByRole("link", { name: /^NAF-/ }));
      const reference = (await invited.page.getByRole("link", { name: /^NAF-/ }).first().textContent())!.trim();
      await invited.page.getByRole("link", { name: reference }).click();
      await invited.page.waitForURL(/\/staff\/tasks\//);
      await invited.page.getByRole("button", { name: "استلام الخطوة" }).click();
      await expectText(invited.page, "استلمتَ هذه الخطوة.");
      await invited.page.getByRole("button", { name: "الموافقة على القرض" }).click();
      await invited.page.waitForURL(/\/staff\?decided=/);
      await expectText(invited.page, `سُجّل قرارك في الطلب ${reference}.`);

      // The administrator finds the new clerk, sees the sign-in, and disables the account.
      await visit(page, `${baseUrl}/staff/admin/staff`);
      await page.getByRole("link", { name: "إدارة حساب راجيش كومار" }).click();
      await expectHeading(page, "راجيش كومار");
      await expectText(page, /مفعّل منذ/);
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "تعطيل الحساب" }).click();
      await expectText(page, "عُطّل الحساب وأُنهيت جلساته.");
      await visit(invited.page, `${baseUrl}/staff/inbox`);
      await invited.page.waitForURL(/\/staff\/sign-in/);
      await page.getByRole("button", { name: "إعادة تفعيل الحساب" }).click();
      await expectText(page, "أُعيد تفعيل الحساب.");

      await switchLanguage(page, "en");
      await expectHeading(page, "Rajesh Kumar");
      await expectText(page, "Loan officer — Kuwait Credit Bank");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-member-en", "desktop");
      await switchLanguage(page, "ar");
      await invited.close();
      await close();
    },
  );

  it("an agency administrator cannot open another agency's staff, nor change their own account", { timeout: 120_000 }, async () => {
    const admin = demoStaff.find((staff) => staff.username === "kcb.admin")!;
    const { page, close } = await newPage(browser());
    await signInStaffInArabic(page, baseUrl, admin.username, DEMO_PASSWORD, admin.totpSecret);
    await visit(page, `${baseUrl}/staff/admin/staff?agency=kff`);
    expect(await page.getByText("kff.officer").count()).toBe(0);
    const members = await page.context().request.get(`${baseUrl}/staff/admin/staff`);
    expect(members.status()).toBe(200);
    // The admin's own page: read-only, and a post to it refused.
    await visit(page, `${baseUrl}/staff/admin/staff`);
    await page.getByRole("link", { name: "إدارة حساب عبدالعزيز فيصل المطيري" }).click();
    await expectText(page, "هذا حسابك. لا يمكنك تعديل أدوارك أو حالة حسابك بنفسك؛ اطلب ذلك من مسؤول آخر.");
    expect(await page.getByRole("button", { name: "إضافة الدور" }).count()).toBe(0);
    const ownUrl = page.url();
    const raise = await page.context().request.post(ownUrl, { form: { intent: "role-add", grant: "admin||" }, headers: { origin: baseUrl }, maxRedirects: 0 });
    expect(raise.status()).toBe(403);
    await close();
  });
});
