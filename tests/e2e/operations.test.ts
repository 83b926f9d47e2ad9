import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  expectHeading,
  expectLanguage,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  signInCitizenInArabic,
  switchLanguage,
  useBrowser,
  useStaffTab,
  visit,
} from "../setup/browser";

// Operations in a browser: the public status page in both languages; an operator posts an
// incident on an agency (refused in Arabic when incomplete, nothing typed lost), which then shows
// on the status page and as a banner on the services that need the agency; the portal switched
// read-only, where a citizen reads pages and verifies certificates and every change is refused
// with a message. Everything is put back at the end: other files share this server.

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("operations", () => {
  const browser = useBrowser();
  const signedInAdmin = useStaffTab(browser, baseUrl, "admin");
  afterAll(async () => {
    // Whatever happened above, the shared server is left open (before the tab closes).
    const { page } = await signedInAdmin();
    await visit(page, `${baseUrl}/staff/admin/operations`);
    const switchOff = page.getByRole("button", { name: "إنهاء وضع القراءة فقط" });
    if (await switchOff.count()) await switchOff.click();
  });

  it("the status page shows every service and agency link with its 30 days, in Arabic and English", { timeout: 120_000 }, async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/status`);
    await expectHeading(page, "حالة الخدمات");
    await expectLanguage(page, "ar");
    await expectText(page, "بوابة نافذة");
    await expectText(page, "الربط مع المؤسسة العامة للتأمينات الاجتماعية");
    expect(await page.locator("[data-component]").count()).toBe(9);
    for (const strip of await page.locator(".status-days").all()) expect(await strip.locator("li").count()).toBe(30);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "status-ar", "desktop");
    await keepScreenshot(page, "status-ar", "phone");
    await switchLanguage(page, "en");
    await expectHeading(page, "Service status");
    await expectText(page, "Link to Public Institution for Social Security");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "status-en", "desktop");
    await switchLanguage(page, "ar");
    await tab.close();
  });

  it(
    "an operator posts an incident on PIFSS: refused in Arabic when incomplete, then on the status page and the loan's page",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff`);
      await page.getByRole("link", { name: "التشغيل: وضع البوابة والربط مع الجهات وإشعارات حالة الخدمات" }).click();
      await expectHeading(page, "التشغيل");
      await expectText(page, "الربط مع الجهات");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "operations-ar", "desktop");

      // No Arabic title, nothing chosen: refused field by field, in Arabic, with what was typed kept.
      await page.getByLabel("النوع").selectOption("incident");
      await page.getByLabel("الأثر").selectOption("degraded");
      await page.getByLabel("العنوان (بالإنجليزية)").fill("PIFSS answers slowly");
      await page.getByLabel("المعلومات المتوفرة (بالعربية)").fill("تتأخر ردود المؤسسة على طلبات التحقق من الراتب، ونتابع الأمر معها.");
      await page.getByLabel("المعلومات المتوفرة (بالإنجليزية)").fill("PIFSS is slow to answer salary checks; we are following it up with them.");
      await page.getByRole("button", { name: "نشر الإشعار" }).click();
      await expectText(page, "يُرجى اختيار ما يتأثر به على الأقل.");
      await expectText(page, "يُرجى تعبئة هذا الحقل.");
      expect(await page.getByLabel("العنوان (بالإنجليزية)").inputValue()).toBe("PIFSS answers slowly");
      await expectNoAxeViolations(page);

      await page.getByRole("checkbox", { name: "الربط مع المؤسسة العامة للتأمينات الاجتماعية" }).check();
      await page.getByLabel("العنوان (بالعربية)").fill("تأخر ردود المؤسسة العامة للتأمينات الاجتماعية");
      await page.getByRole("button", { name: "نشر الإشعار" }).click();
      await expectText(page, "نُشر الإشعار.");
      await expectText(page, "عطل: تأخر ردود المؤسسة العامة للتأمينات الاجتماعية");

      // On the status page: the incident, and the link degraded.
      const visitor = await newPage(browser());
      await visit(visitor.page, `${baseUrl}/status`);
      await expectText(visitor.page, "تأخر ردود المؤسسة العامة للتأمينات الاجتماعية");
      expect(await visitor.page.locator('[data-component="pifss"]').getAttribute("data-status")).toBe("degraded");
      await expectNoAxeViolations(visitor.page);
      await keepScreenshot(visitor.page, "status-incident-ar", "desktop");
      // On the social loan's page (it asks PIFSS for the salary), not on a service that does not need it.
      await visit(visitor.page, `${baseUrl}/services/social-loan`);
      await expectText(visitor.page, "تعطّل في الخدمة: تأخر ردود المؤسسة العامة للتأمينات الاجتماعية");
      await expectNoAxeViolations(visitor.page);
      await visit(visitor.page, `${baseUrl}/services/municipal-licence-renewal`);
      expect(await visitor.page.locator("[data-banner]").count()).toBe(0);
      await visitor.close();

      // Resolved: an update, and the notice ends; the banner goes.
      await page.getByLabel("المعلومات المتوفرة (بالعربية)").first().fill("عادت ردود المؤسسة إلى وضعها الطبيعي.");
      await page.getByLabel("المعلومات المتوفرة (بالإنجليزية)").first().fill("PIFSS answers normally again.");
      await page.getByRole("button", { name: "نشر التحديث وإنهاء الإشعار" }).click();
      await expectText(page, "أُنهي الإشعار.");
      await expectText(page, "لا توجد إشعارات قائمة.");
    },
  );

  it("read-only mode: a citizen reads pages and verifies certificates, and every change is refused with a message", { timeout: 120_000 }, async () => {
    const { page } = await signedInAdmin();
    await visit(page, `${baseUrl}/staff/admin/operations`);
    await page.getByLabel("السبب المعروض للزوار (بالعربية)").fill("ترحيل قاعدة البيانات إلى خادم جديد");
    await page.getByLabel("السبب المعروض للزوار (بالإنجليزية)").fill("Moving the database to a new server");
    await page.getByRole("button", { name: "التحويل إلى وضع القراءة فقط" }).click();
    await expectText(page, "أصبحت البوابة في وضع القراءة فقط.");

    const citizen = await newPage(browser());
    try {
      // Signing in still works in read-only mode: the citizen can follow their applications.
      await signInCitizenInArabic(citizen.page, baseUrl, "299061830541", DEMO_PASSWORD);
      await expectText(citizen.page, "البوابة في وضع القراءة فقط");
      await expectText(citizen.page, "السبب: ترحيل قاعدة البيانات إلى خادم جديد");
      await visit(citizen.page, `${baseUrl}/services/social-loan`);
      await citizen.page.getByRole("button", { name: /قدّم الطلب الآن|متابعة المسودة/ }).click();
      await expectText(citizen.page, "لا تُقبل الطلبات والتعديلات حتى انتهاء الصيانة");
      expect(citizen.page.url()).toMatch(/\/services\/social-loan$/);
      await expectNoAxeViolations(citizen.page);
      await keepScreenshot(citizen.page, "read-only-refused-ar", "desktop");
      // Reading goes on: the certificate check and the status page.
      await visit(citizen.page, `${baseUrl}/verify`);
      await expectHeading(citizen.page, "التحقق من شهادة");
      await visit(citizen.page, `${baseUrl}/status`);
      await expectHeading(citizen.page, "حالة الخدمات");
      await switchLanguage(citizen.page, "en");
      await expectText(citizen.page, "The portal is read-only for now");
      await expectText(citizen.page, "Reason: Moving the database to a new server");
      await switchLanguage(citizen.page, "ar");
    } finally {
      await visit(page, `${baseUrl}/staff/admin/operations`);
      await page.getByRole("button", { name: "إنهاء وضع القراءة فقط" }).click();
      await expectText(page, "انتهى وضع القراءة فقط، وعادت البوابة تقبل التعديلات.");
    }
    // Open again: the banner is gone (within the two seconds a server keeps the mode).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await visit(citizen.page, `${baseUrl}/dashboard`);
    expect(await citizen.page.locator('[data-banner="read-only"]').count()).toBe(0);
    await citizen.close();
  });
});
