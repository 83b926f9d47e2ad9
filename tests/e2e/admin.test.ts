import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo";
import {
  expectCount,
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

// The portal's administration, in a browser: the agencies, in both languages.

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("administration", () => {
  const browser = useBrowser();
  // One sign-in for the administrator's tests: its TOTP code is accepted once, and other files sign in as admin too.
  const signedInAdmin = useStaffTab(browser, baseUrl, "admin");

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
      await page.getByLabel("الرمز").fill("Institute for Scientific Research");
      await page.getByLabel("الاسم بالعربية").fill("Institute for Scientific Research");
      await page.getByLabel("الاسم بالإنجليزية").fill("Kuwait Institute for Scientific Research");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await expectText(page, "اكتب رمزًا من حرفين إلى 31 حرفًا: أحرف إنجليزية صغيرة وأرقام وشرطات، يبدأ بحرف.");
      await expectText(page, "اكتب اسم الجهة بالعربية (من حرفين إلى 120 حرفًا).");
      expect(await page.getByLabel("الاسم بالإنجليزية").inputValue()).toBe("Kuwait Institute for Scientific Research");
      await expectNoAxeViolations(page);
      // The code of an agency already there is refused too.
      await page.getByLabel("الرمز").fill("kcb");
      await page.getByLabel("الاسم بالعربية").fill("معهد الكويت للأبحاث العلمية");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await expectText(page, "هذا الرمز مستخدم لجهة أخرى. اختر رمزًا غيره.");
      await page.getByLabel("الرمز").fill("kisr");
      await page.getByRole("button", { name: "إضافة الجهة" }).click();
      await page.waitForURL(/\/staff\/admin\/agencies\/kisr\?created=1/);
      await expectHeading(page, "معهد الكويت للأبحاث العلمية");
      await expectText(page, "لا مفاتيح مسجلة.");
      await expectNoAxeViolations(page);

      // A contact with no way to reach them is refused; with an email it is added.
      await page.getByLabel("الاسم", { exact: true }).fill("مكتب تشغيل الربط");
      await page.getByLabel("المسؤولية").fill("تشغيل منظومة الربط");
      await page.getByRole("button", { name: "إضافة جهة الاتصال" }).click();
      await expectText(page, "اكتب البريد الإلكتروني أو الهاتف، ليمكن التواصل مع جهة الاتصال.");
      expect(await page.getByLabel("المسؤولية").inputValue()).toBe("تشغيل منظومة الربط");
      await page.getByLabel("البريد الإلكتروني").fill("exchange@kisr.gov.kw");
      await page.getByRole("button", { name: "إضافة جهة الاتصال" }).click();
      await expectText(page, "أُضيفت جهة الاتصال.");
      await expectText(page, "exchange@kisr.gov.kw");

      // A key that is not Ed25519 is refused; an Ed25519 one is registered with its fingerprint.
      const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString();
      await page.getByLabel("معرّف المفتاح").fill("kisr-2026-12");
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
      expect(await page.getByRole("row", { name: /معهد الكويت للأبحاث العلمية/ }).textContent()).toContain("تحت الصيانة");

      await switchLanguage(page, "en");
      await page.getByRole("link", { name: "Manage Kuwait Institute for Scientific Research" }).click();
      await expectHeading(page, "Kuwait Institute for Scientific Research");
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

  it(
    "an administrator adds a catalogue entry, mends what was refused, finds it in the public catalogue, edits it in English and retires it",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff`);
      await page.getByRole("link", { name: "دليل الخدمات" }).click();
      await expectHeading(page, "دليل الخدمات");
      await expectText(page, "إصدار البطاقة المدنية لأول مرة");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-catalogue-ar", "desktop");
      await page.getByRole("link", { name: "إضافة بطاقة" }).click();
      await expectHeading(page, "إضافة بطاقة إلى الدليل");

      // The Arabic title in Latin letters and no channel: refused field by field, nothing typed lost.
      await page.getByLabel("الرمز", { exact: true }).fill("beach-kiosk-permit");
      await page.getByLabel("الجهة", { exact: true }).selectOption("km");
      await page.getByLabel("التصنيف", { exact: true }).selectOption("municipal");
      await page.getByLabel("العنوان بالعربية").fill("Beach kiosk");
      await page.getByLabel("العنوان بالإنجليزية").fill("Get a beach kiosk permit");
      await page.getByLabel("الوصف بالعربية").fill("يتيح لأصحاب المشروعات الصغيرة إقامة كشك موسمي على الواجهة البحرية بعد موافقة البلدية.");
      await page.getByLabel("الوصف بالإنجليزية").fill("Set up a seasonal kiosk on the waterfront once the municipality approves it. For small businesses.");
      await page.getByLabel("صفحة الخدمة لدى الجهة").fill("https://www.baladia.gov.kw/services/beach-kiosk");
      await page.getByRole("button", { name: "إضافة البطاقة" }).click();
      await expectText(page, "يجب أن يُكتب العنوان العربي بحروف عربية");
      await expectText(page, "اختر طريقة واحدة على الأقل تقدم بها الجهة الخدمة");
      expect(await page.getByLabel("الوصف بالإنجليزية").inputValue()).toContain("seasonal kiosk");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-catalogue-new-errors-ar", "desktop");

      await page.getByLabel("العنوان بالعربية").fill("تصريح كشك على الواجهة البحرية");
      await page.getByLabel("عبر موقعها الإلكتروني").check();
      await page.getByLabel("لدى مكاتبها").check();
      await page.getByRole("button", { name: "إضافة البطاقة" }).click();
      await page.waitForURL(/\/staff\/admin\/catalogue\/beach-kiosk-permit\?created=1/);
      await expectText(page, "أُضيفت البطاقة.");
      await expectNoAxeViolations(page);

      // The public catalogue finds it, spelt without the taa marbuta.
      const visitor = await newPage(browser());
      await visit(visitor.page, `${baseUrl}/services?q=${encodeURIComponent("كشك الواجهه البحريه")}`);
      await visitor.page.getByRole("link", { name: "تصريح كشك على الواجهة البحرية" }).click();
      await expectHeading(visitor.page, "تصريح كشك على الواجهة البحرية");
      await expectText(visitor.page, "بلدية الكويت");

      await switchLanguage(page, "en");
      await expectHeading(page, "Get a beach kiosk permit");
      await page.getByLabel("Title in English").fill("Get a waterfront kiosk permit");
      await page.getByRole("button", { name: "Save the changes" }).click();
      await expectText(page, "Your changes have been saved.");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-catalogue-entry-en", "desktop");
      await page.getByRole("button", { name: "Retire the entry" }).click();
      await expectText(page, "The entry has been retired.");

      // Retired: no longer found, and its page says so.
      await visit(visitor.page, `${baseUrl}/services?q=${encodeURIComponent("كشك الواجهة البحرية")}`);
      await expectCount(visitor.page.getByRole("link", { name: "تصريح كشك على الواجهة البحرية" }), 0);
      const gone = await visitor.page.goto(`${baseUrl}/services/beach-kiosk-permit`);
      expect(gone?.status()).toBe(410);
      await expectText(visitor.page, "لم تعد هذه الخدمة متاحة.");
      await expectNoAxeViolations(visitor.page);
      await visitor.close();
      await switchLanguage(page, "ar");
    },
  );

  it("an administrator checks a CSV file, reads which rows were refused and why, and imports it", { timeout: 120_000 }, async () => {
    const { page } = await signedInAdmin();
    const file = path.join(os.tmpdir(), `nafitha-import-${crypto.randomBytes(4).toString("hex")}.csv`);
    const row = (id: string, titleAr: string, agency = "moci") =>
      [
        id,
        agency,
        "business",
        "starting-a-business",
        "online;counter",
        titleAr,
        `Service ${id}`,
        "يتيح للشركات تسجيل بياناتها لدى الجهة المختصة إلكترونيًا.",
        "Register your company's details with the agency online. For companies.",
        "https://www.moci.gov.kw/services/x",
      ]
        .map((cell) => `"${cell}"`)
        .join(",");
    fs.writeFileSync(
      file,
      [
        "id,agency,category,life_events,channels,title_ar,title_en,summary_ar,summary_en,url",
        row("import-e2e-one", "خدمة مستوردة أولى"),
        row("import-e2e-two", "Not Arabic"),
        row("import-e2e-three", "خدمة مستوردة ثالثة", "atlantis"),
      ].join("\r\n"),
    );
    await visit(page, `${baseUrl}/staff/admin/catalogue/import`);
    await expectHeading(page, "استيراد بطاقات الدليل");
    await expectNoAxeViolations(page);
    await page.getByLabel("الملف", { exact: true }).setInputFiles(file);
    await page.getByLabel("فحص الملف فقط دون تغيير أي شيء").check();
    await page.getByRole("button", { name: "فحص الملف واستيراده" }).click();
    await expectText(page, "فُحص الملف، ولم يتغير شيء");
    await expectText(page, "ستُضاف بطاقة واحدة.");
    await expectText(page, "رُفض صفّان (انظر أدناه).");
    const refused = page.getByRole("table", { name: "الصفوف المرفوضة" });
    await expect(refused.getByRole("row").nth(1).textContent()).resolves.toContain("يجب أن يُكتب العنوان العربي بحروف عربية");
    await expect(refused.getByRole("row").nth(2).textContent()).resolves.toContain("لا توجد جهة بهذا الرمز");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-catalogue-import-ar", "desktop");

    await page.getByLabel("الملف", { exact: true }).setInputFiles(file);
    await page.getByLabel("فحص الملف فقط دون تغيير أي شيء").uncheck();
    await page.getByRole("button", { name: "فحص الملف واستيراده" }).click();
    await expectText(page, "استُورد الملف");
    await expectText(page, "أُضيفت بطاقة واحدة.");
    await visit(page, `${baseUrl}/staff/admin/catalogue?q=import-e2e`);
    await expectText(page, "خدمة مستوردة أولى");
    await expectCount(page.getByText("خدمة مستوردة ثالثة"), 0);
    fs.rmSync(file, { force: true });
  });

  it(
    "an administrator pauses an integrated service: its page says why and offers no way to start it; published again, it does",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff/admin/services`);
      await expectHeading(page, "الخدمات المتكاملة");
      await expectNoAxeViolations(page);
      const loan = page.getByRole("form", { name: "القرض الاجتماعي، عبر البوابة: الإيقاف المؤقت" });
      await page.getByRole("region", { name: "القرض الاجتماعي" }).getByText("إيقافها مؤقتًا أو نهائيًا").click();
      await loan.getByLabel("الإشعار بالعربية").fill("الخدمة متوقفة مؤقتًا لتحديث أنظمة البنك حتى الساعة العاشرة مساءً، ومسودات الطلبات محفوظة.");
      await loan.getByLabel("الإشعار بالإنجليزية").fill("Unavailable until 10 pm while the bank updates its systems; drafts are kept.");
      await loan.getByRole("button", { name: "إيقاف مؤقت" }).click();
      await expectText(page, "عُدّلت حالة نشر الخدمة.");
      await expectText(page, "موقوفة مؤقتًا");
      await keepScreenshot(page, "staff-services-ar", "desktop");
      try {
        const visitor = await newPage(browser());
        await visit(visitor.page, `${baseUrl}/services/social-loan`);
        await expectText(visitor.page, "هذه الخدمة غير متاحة مؤقتًا");
        await expectText(visitor.page, "الخدمة متوقفة مؤقتًا لتحديث أنظمة البنك حتى الساعة العاشرة مساءً، ومسودات الطلبات محفوظة.");
        await expectCount(visitor.page.getByRole("link", { name: "سجّل الدخول لتقديم الطلب" }), 0);
        await expectNoAxeViolations(visitor.page);
        await keepScreenshot(visitor.page, "service-paused-ar", "phone");
        await switchLanguage(visitor.page, "en");
        await expectText(visitor.page, "Unavailable until 10 pm while the bank updates its systems; drafts are kept.");
        await visit(visitor.page, `${baseUrl}/services?q=loan`);
        await expectText(visitor.page, "Temporarily unavailable");
        await switchLanguage(visitor.page, "ar");
        await visitor.close();
      } finally {
        await visit(page, `${baseUrl}/staff/admin/services`);
        await page.getByRole("region", { name: "القرض الاجتماعي" }).getByText("إعادة نشرها").click();
        await page.getByRole("form", { name: "القرض الاجتماعي، عبر البوابة: إعادة النشر" }).getByRole("button", { name: "إعادة النشر" }).click();
        await expectText(page, "عُدّلت حالة نشر الخدمة.");
      }
      const visitor = await newPage(browser());
      await visit(visitor.page, `${baseUrl}/services/social-loan`);
      await expectCount(visitor.page.getByText("هذه الخدمة غير متاحة مؤقتًا"), 0);
      await visitor.page.getByRole("link", { name: "سجّل الدخول لتقديم الطلب" }).waitFor();
      await visitor.close();
    },
  );

  it(
    "an administrator searches the audit log, reads each event in Arabic and in English, is told what cannot be searched, and downloads the result",
    { timeout: 120_000 },
    async () => {
      const { page } = await signedInAdmin();
      await visit(page, `${baseUrl}/staff`);
      await page.getByRole("link", { name: "سجل التدقيق", exact: true }).click();
      await expectHeading(page, "سجل التدقيق");
      await expectText(page, /آخر تحقق من السلسلة في .+، وهي سليمة|لم يُتحقق من السلسلة بعد/);
      await expectNoAxeViolations(page);

      // Who signed in as the administrator: the administrator's own sign-ins, described in Arabic.
      await page.getByLabel("من قام بالإجراء").fill("admin");
      await page.getByLabel("الإجراء", { exact: true }).selectOption("auth.signed-in");
      await page.getByRole("button", { name: "بحث", exact: true }).click();
      await page.waitForURL(/actor=admin&action=auth.signed-in/);
      await expectText(page, "سجّل الدخول إلى مساحة عمل الموظفين.");
      const table = page.getByRole("table", { name: "أحداث سجل التدقيق، الأحدث أولًا" });
      const rows = table.locator("tbody tr");
      // The rows of the search, not those of the page before it (the URL changes before the new rows are drawn).
      await expect.poll(async () => new Set(await rows.locator("td:nth-child(3)").allTextContents())).toEqual(new Set(["تسجيل الدخول"]));
      const shownIds = (await rows.locator("td:nth-child(7)").allTextContents()).map((id) => id.trim());
      expect(shownIds.length).toBeGreaterThan(0);
      for (const who of await rows.locator("td:nth-child(2)").allTextContents()) expect(who).toBe("هند عبدالرحمن البدر admin");
      await keepScreenshot(page, "staff-audit-ar", "desktop");

      // The same events as a file: Arabic headings, one line each, and the download itself recorded.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /تنزيل هذه الأحداث/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/^nafitha-audit-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = fs.readFileSync((await download.path())!, "utf8");
      expect(csv.startsWith("\uFEFFالرقم,الوقت (بالتوقيت العالمي),من,اسم المستخدم,القناة,الإجراء,بخصوص,التفاصيل,عنوان الاتصال,الطلب الشبكي\r\n")).toBe(true);
      const lines = csv.trim().split("\r\n").slice(1);
      const csvIds = new Set(lines.map((line) => line.split(",")[0]));
      expect(shownIds.filter((id) => !csvIds.has(id))).toEqual([]);
      expect(lines.every((line) => line.includes(",هند عبدالرحمن البدر,admin,المكتب الخلفي,تسجيل الدخول,"))).toBe(true);
      await page.getByLabel("الإجراء", { exact: true }).selectOption("audit.exported");
      await page.getByRole("button", { name: "بحث", exact: true }).click();
      await expectText(page, /نزّل أحداث سجل التدقيق المطابقة للبحث/);

      // What cannot be searched is said, field by field, and what was typed stays.
      await page.getByLabel("من قام بالإجراء").fill("");
      await page.getByLabel("الإجراء", { exact: true }).selectOption("");
      await page.getByLabel("ما يخص شخصًا").fill("123");
      await page.getByRole("button", { name: "بحث", exact: true }).click();
      await expectText(page, "أدخل رقمًا مدنيًا من 12 رقمًا، يبدأ بـ 1 أو 2 أو 3.");
      expect(await page.getByLabel("ما يخص شخصًا").inputValue()).toBe("123");
      await page.getByLabel("ما يخص شخصًا").fill("");
      await page.getByLabel("الطلب", { exact: true }).fill("NAF-2026-999999");
      await page.getByRole("button", { name: "بحث", exact: true }).click();
      await expectText(page, "لا يوجد طلب بهذا الرقم المرجعي.");
      await expectCount(page.getByRole("link", { name: /تنزيل هذه الأحداث/ }), 0);
      await expectNoAxeViolations(page);

      // In English, the same search reads in English.
      await visit(page, `${baseUrl}/staff/admin/audit?actor=admin&action=auth.signed-in`);
      await switchLanguage(page, "en");
      await expectHeading(page, "Audit log");
      await expectText(page, "Signed in to the staff workspace.");
      await expectText(page, "Hind Abdulrahman Al-Bader");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-audit-en", "phone");
      await switchLanguage(page, "ar");
    },
  );

  it(
    "reads every administration page in Arabic and in English, right to left and left to right, with no accessibility violations",
    { timeout: 180_000 },
    async () => {
      const { page } = await signedInAdmin();
      const pages: [string, string, string][] = [
        ["/staff/admin/agencies", "الجهات الحكومية", "Government agencies"],
        ["/staff/admin/agencies/new", "إضافة جهة حكومية", "Add a government agency"],
        ["/staff/admin/staff", "الموظفون وصلاحياتهم", "Staff and roles"],
        ["/staff/admin/staff/invite", "دعوة موظف", "Invite a member of staff"],
        ["/staff/admin/catalogue", "دليل الخدمات", "The service catalogue"],
        ["/staff/admin/catalogue/new", "إضافة بطاقة إلى الدليل", "Add a catalogue entry"],
        ["/staff/admin/catalogue/import", "استيراد بطاقات الدليل", "Import catalogue entries"],
        ["/staff/admin/services", "الخدمات المتكاملة", "Integrated services"],
        ["/staff/admin/audit", "سجل التدقيق", "Audit log"],
        ["/staff/reports", "التقارير", "Reports"],
        ["/staff/security", "الأمن", "Security"],
      ];
      for (const [path, arabic, english] of pages) {
        await visit(page, `${baseUrl}${path}`);
        await expectLanguage(page, "ar");
        await expectHeading(page, arabic);
        await expectNoAxeViolations(page);
        await switchLanguage(page, "en");
        await expectLanguage(page, "en");
        await expectHeading(page, english);
        await expectNoAxeViolations(page);
        await switchLanguage(page, "ar");
      }
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
    for (const path of ["/staff/admin/audit", "/staff/admin/audit/export"])
      expect((await page.context().request.get(`${baseUrl}${path}`, { maxRedirects: 0 })).status()).toBe(403);
    await close();
  });
});
