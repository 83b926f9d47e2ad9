import crypto from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
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
  visit,
  type TestPage,
} from "../setup/browser";

// The portal's administration, in a browser: the agencies, in both languages.

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("administration", () => {
  const browser = useBrowser();
  // One sign-in for the administrator's tests: its TOTP code is accepted once, and other files sign in as admin too.
  let adminTab: TestPage | undefined;
  async function signedInAdmin() {
    if (!adminTab) {
      adminTab = await newPage(browser());
      const admin = demoStaff.find((staff) => staff.username === "admin")!;
      await signInStaffInArabic(adminTab.page, baseUrl, admin.username, DEMO_PASSWORD, admin.totpSecret!);
    }
    return adminTab;
  }
  afterAll(() => adminTab?.close());

  it(
    "an administrator corrects an agency's website: a wrong address is refused in Arabic with nothing lost, the right one saved",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff`);
      await page.getByRole("link", { name: "الجهات الحكومية" }).click();
      await expectHeading(page, "الجهات الحكومية");
      await expectText(page, "المؤسسة العامة للتأمينات الاجتماعية");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agencies-ar", "desktop");
      await page.getByRole("link", { name: "إدارة بيانات المؤسسة العامة للتأمينات الاجتماعية" }).click();
      await expectHeading(page, "المؤسسة العامة للتأمينات الاجتماعية");

      // Not an https address: refused, said in Arabic, and the names typed are kept.
      await page.getByLabel("الاسم بالإنجليزية").fill("Public Institution for Social Security");
      await page.getByLabel("الموقع الإلكتروني").fill("http://pifss.example");
      await page.getByRole("button", { name: "حفظ التعديلات" }).click();
      await expectText(page, "اكتب عنوانًا كاملًا يبدأ بـ \u2066https://\u2069، أو اتركه فارغًا.");
      expect(await page.getByLabel("الاسم بالإنجليزية").inputValue()).toBe("Public Institution for Social Security");
      await expectNoAxeViolations(page);

      await page.getByLabel("الموقع الإلكتروني").fill("https://www.pifss.gov.kw/ar");
      await page.getByRole("button", { name: "حفظ التعديلات" }).click();
      await page.waitForURL(/\/staff\/admin\/agencies\/pifss\?done=details/);
      await expectText(page, "حُفظت بيانات الجهة.");
      expect(await page.getByLabel("الموقع الإلكتروني").inputValue()).toBe("https://www.pifss.gov.kw/ar");

      await page.getByRole("link", { name: "العودة إلى الجهات الحكومية" }).click();
      await expectText(page, "https://www.pifss.gov.kw/ar");
      await switchLanguage(page, "en");
      await expectHeading(page, "Government agencies");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agencies-en", "desktop");
      await switchLanguage(page, "ar");
    },
  );

  it(
    "an administrator adds an agency, its contact and its signing key, and puts its link under maintenance and back, in Arabic and in English",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff/admin/agencies`);
      await page.getByRole("link", { name: "إضافة جهة" }).click();
      await expectHeading(page, "إضافة جهة حكومية");

      // A code that is not one, and an English name where the Arabic goes: both refused, in Arabic.
      await page.getByLabel("الرمز").fill("Ministry of Electricity");
      await page.getByLabel("الاسم بالعربية").fill("Ministry of Electricity");
      await page.getByLabel("الاسم بالإنجليزية").fill("Ministry of Electricity, Water and Renewable Energy");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await expectText(page, "اكتب رمزًا من حرفين إلى 31 حرفًا: أحرف إنجليزية صغيرة وأرقام وشرطات، يبدأ بحرف.");
      await expectText(page, "اكتب اسم الجهة بالعربية (من حرفين إلى 120 حرفًا).");
      expect(await page.getByLabel("الاسم بالإنجليزية").inputValue()).toBe("Ministry of Electricity, Water and Renewable Energy");
      await expectNoAxeViolations(page);
      // The code of an agency already there is refused too.
      await page.getByLabel("الرمز").fill("kcb");
      await page.getByLabel("الاسم بالعربية").fill("وزارة الكهرباء والماء والطاقة المتجددة");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await expectText(page, "هذا الرمز مستخدم لجهة أخرى. اختر رمزًا غيره.");
      await page.getByLabel("الرمز").fill("mew");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await page.waitForURL(/\/staff\/admin\/agencies\/mew\?created=1/);
      await expectHeading(page, "وزارة الكهرباء والماء والطاقة المتجددة");
      await expectText(page, "لا مفاتيح مسجلة.");
      await expectNoAxeViolations(page);

      // A contact with no way to reach them is refused; with an email it is added.
      await page.getByLabel("الاسم", { exact: true }).fill("مكتب تشغيل الربط");
      await page.getByLabel("المسؤولية").fill("تشغيل منظومة الربط");
      await page.getByRole("button", { name: "إضافة جهة الاتصال" }).click();
      await expectText(page, "اكتب البريد الإلكتروني أو الهاتف، ليمكن التواصل مع جهة الاتصال.");
      expect(await page.getByLabel("المسؤولية").inputValue()).toBe("تشغيل منظومة الربط");
      await page.getByLabel("البريد الإلكتروني").fill("exchange@mew.gov.kw");
      await page.getByRole("button", { name: "إضافة جهة الاتصال" }).click();
      await expectText(page, "أُضيفت جهة الاتصال.");
      await expectText(page, "exchange@mew.gov.kw");

      // A key that is not Ed25519 is refused; an Ed25519 one is registered with its fingerprint.
      const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString();
      await page.getByLabel("معرّف المفتاح").fill("mew-2026-12");
      await page.getByLabel("المفتاح العام").fill(rsa);
      await page.getByRole("button", { name: "إضافة المفتاح" }).click();
      await expectText(page, "هذا المفتاح ليس من نوع \u2066Ed25519\u2069، وهو النوع الذي تعتمده منظومة الربط.");
      const ed25519 = crypto.generateKeyPairSync("ed25519").publicKey;
      await page.getByLabel("المفتاح العام").fill(ed25519.export({ format: "pem", type: "spki" }).toString());
      await page.getByRole("button", { name: "إضافة المفتاح" }).click();
      await expectText(page, "أُضيف مفتاح التوقيع.");
      const fingerprint = crypto
        .createHash("sha256")
        .update(ed25519.export({ format: "der", type: "spki" }))
        .digest("hex");
      await expectText(page, fingerprint.slice(0, 4) + " " + fingerprint.slice(4, 8));
      await expectText(page, "ساري");

      // Maintenance: an end in the past is refused; then the link is marked, and ended.
      await page.getByLabel("الموعد المتوقع لانتهاء الصيانة (بتوقيت الكويت)").fill("2020-01-01T08:00");
      await page.getByRole("button", { name: "تسجيل الجهة تحت الصيانة" }).click();
      await expectText(page, "موعد انتهاء الصيانة يجب أن يكون في المستقبل.");
      await page.getByLabel("الموعد المتوقع لانتهاء الصيانة (بتوقيت الكويت)").fill("2099-01-01T08:00");
      await page.getByRole("button", { name: "تسجيل الجهة تحت الصيانة" }).click();
      await expectText(page, "سُجِّلت الجهة تحت الصيانة. تنتظر خطواتها، ويُبلَّغ المتعاملون بذلك.");
      await expectText(page, /الجهة تحت الصيانة منذ .+، ويُتوقع انتهاؤها في /);
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agency-ar", "desktop");
      await visit(page, `${baseUrl}/staff/admin/agencies`);
      expect(await page.getByRole("row", { name: /وزارة الكهرباء والماء والطاقة المتجددة/ }).textContent()).toContain("تحت الصيانة");

      await switchLanguage(page, "en");
      await page.getByRole("link", { name: "Manage Ministry of Electricity, Water and Renewable Energy" }).click();
      await expectHeading(page, "Ministry of Electricity, Water and Renewable Energy");
      await expectText(page, /The agency has been under maintenance since .+; it is expected to end at /);
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-agency-en", "desktop");
      await page.getByRole("button", { name: "End maintenance" }).click();
      await expectText(page, "Maintenance has ended. Waiting steps resume by themselves.");
      await expectText(page, "The link is working. No maintenance has been announced.");
      await page.getByRole("button", { name: "Remove مكتب تشغيل الربط from the contacts" }).click();
      await expectText(page, "The contact has been removed.");
      await switchLanguage(page, "ar");
    },
  );

  it("is the administrators' alone", async () => {
    const { page, close } = await newPage(browser());
    await signInCitizenInArabic(page, baseUrl, "306121545199", DEMO_PASSWORD);
    const answer = await page.goto(`${baseUrl}/staff/admin/agencies/pifss`);
    expect(answer?.status()).toBe(403);
    const post = await page.context().request.post(`${baseUrl}/staff/admin/agencies/pifss`, {
      form: { intent: "details", nameAr: "جهة", nameEn: "Agency", websiteUrl: "" },
      headers: { origin: baseUrl },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    const create = await page.context().request.post(`${baseUrl}/staff/admin/agencies/new`, {
      form: { id: "rogue", nameAr: "جهة", nameEn: "Agency", websiteUrl: "" },
      headers: { origin: baseUrl },
      maxRedirects: 0,
    });
    expect(create.status()).toBe(403);
    await close();
  });
});
