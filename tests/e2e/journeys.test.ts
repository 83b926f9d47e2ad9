import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectCount,
  expectHeading,
  expectNoAxeViolations,
  expectOneLanguage,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  reloadUntil,
  signInCitizenInArabic,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
} from "../setup/browser";
import { samplePdf } from "../fixtures/files";

// Applying for each integrated service in a browser, as its demo persona: the form pages, the
// check page and the declaration, paying with the simulated KNET gateway, the clerks' decisions
// on their task pages, the applicant's own steps, and the certificate. axe checks every page.

const baseUrl = inject("baseUrl");
const files = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-e2e-files-"));
const pdfFile = path.join(files, "plan.pdf");
fs.writeFileSync(pdfFile, samplePdf);
const fakePdf = path.join(files, "plan-really-a-page.pdf");
fs.writeFileSync(fakePdf, "<html><body>not a PDF</body></html>");

const staff = async (page: Page, username: string) =>
  signInStaffInArabic(page, baseUrl, username, DEMO_PASSWORD, demoStaff.find((s) => s.username === username)!.totpSecret!);

/** Pages with JavaScript off: axe cannot run in them (the same pages are checked with JavaScript on). */
const withoutScripts = new WeakSet<Page>();
const checkAxe = (page: Page) => (withoutScripts.has(page) ? expectOneLanguage(page) : expectNoAxeViolations(page));

/** Checks the page with axe and keeps its screenshot at both widths. */
async function look(page: Page, name: string) {
  await checkAxe(page);
  await keepScreenshot(page, name, "desktop");
  await keepScreenshot(page, name, "phone");
}

/** From the service page: start (or resume) the application. */
async function start(page: Page, serviceId: string, button = "قدّم الطلب الآن") {
  await visit(page, `${baseUrl}/services/${serviceId}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL(/\/apply\/[0-9a-f-]+\/[\w-]+$/);
}

const next = (page: Page, label = "حفظ ومتابعة") => page.getByRole("button", { name: label }).click();

/** On the check page: confirm the declaration, submit, and follow the application from the confirmation. */
async function submit(page: Page, labels = { confirm: "أؤكد الإقرار الوارد أعلاه", submit: "تقديم الطلب", follow: "متابعة الطلب" }, shot?: string) {
  await page.waitForURL(/\/check$/);
  await page.getByLabel(labels.confirm).check();
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL(/\/submitted$/);
  const reference = (await page.locator(".panel__reference").textContent())!.trim();
  expect(reference).toMatch(/^NAF-\d{4}-\d{6}$/);
  if (shot) await look(page, shot);
  else await checkAxe(page);
  await page.getByRole("link", { name: labels.follow }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]+$/);
  return reference;
}

/** Pays the fee of the application open on the page, through the simulated KNET gateway. */
async function pay(page: Page, options: { declineFirst?: boolean; en?: boolean; shot?: string } = {}) {
  const t = options.en
    ? {
        pay: /Pay KWD .* with KNET/,
        knetPay: "Pay",
        decline: "Simulate a declined card",
        retry: "Try the payment again",
        receipt: "Payment receipt",
        back: "Back to your application",
      }
    : {
        pay: /^ادفع .* عبر كي نت$/,
        knetPay: "ادفع",
        decline: "محاكاة رفض البطاقة",
        retry: "إعادة محاولة الدفع",
        receipt: "إيصال الدفع",
        back: "العودة إلى الطلب",
      };
  await reloadUntil(page, () => page.getByRole("button", { name: t.pay }));
  await page.getByRole("button", { name: t.pay }).click();
  await page.waitForURL(/\/gateway\/knet\//);
  if (options.shot) await look(page, options.shot);
  else await checkAxe(page);
  if (options.declineFirst) {
    await page.getByRole("button", { name: t.decline }).click();
    await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
    await checkAxe(page);
    await page.getByRole("button", { name: t.retry }).click();
    await page.waitForURL(/\/gateway\/knet\//);
  }
  await page.getByRole("button", { name: t.knetPay, exact: true }).click();
  await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
  await expectHeading(page, t.receipt);
  await checkAxe(page);
  const receipt = (await page.locator(".panel__reference").textContent())!.trim();
  expect(receipt).toMatch(/^RCP-\d{4}-\d{6}$/);
  const pdf = await page.context().request.get(`${page.url()}/receipt.pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  return receipt;
}

/** Waits for the certificate on the application page, and downloads it. */
async function certificate(page: Page, pattern: RegExp) {
  await reloadUntil(page, () => page.getByRole("link", { name: pattern }));
  const href = (await page.getByRole("link", { name: pattern }).getAttribute("href"))!;
  const pdf = await page.context().request.get(`${baseUrl}${href}`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  return href;
}

/** Opens the task of this application in the clerk's workspace (once the worker has brought it there). */
async function openTask(page: Page, reference: string) {
  await visit(page, `${baseUrl}/staff`);
  await reloadUntil(page, () => page.getByRole("link", { name: reference }));
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: reference }).click();
  await page.waitForURL(/\/staff\/tasks\//);
  await page.getByRole("button", { name: "استلام الخطوة" }).click();
  await expectText(page, "استلمتَ هذه الخطوة.");
}

describe.skipIf(!hasChromium)("applying for each service in a browser", () => {
  const browser = useBrowser();

  it("social loan, in Arabic: errors, a draft resumed after signing out, one application from a double submit, a correction the officer named, the terms, the certificate", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "279110314554", DEMO_PASSWORD);
    await visit(page, `${baseUrl}/services/social-loan`);
    await look(page, "service-social-loan-ar");
    await start(page, "social-loan");

    // Page one: what PACI holds is shown, not asked; nothing chosen is an error linked to its field.
    await expectHeading(page, "نوع القرض");
    await expectText(page, "البيانات المسجلة لدى الجهات الحكومية");
    await expectText(page, "خالد عبدالرحمن الغانم");
    await look(page, "apply-page-ar");
    await next(page);
    await expectText(page, "يوجد خطأ");
    await page.getByRole("link", { name: "اختر نوع القرض" }).click();
    await look(page, "apply-page-error-ar");
    await page.getByLabel("قرض ترميم المسكن").check();
    await next(page);

    // Page two, with mistakes: what was typed comes back with the messages.
    await expectHeading(page, "المسكن والمبلغ");
    await page.getByLabel("رقم وثيقة ملكية المسكن").fill("deed 4211");
    await page.getByLabel("المبلغ المطلوب (د.ك.)").fill("١٢٠٠٠");
    await next(page);
    await expectText(page, "اكتب رقم الوثيقة كما هو مدوَّن فيها، مثل \u2066RD-2019-012345\u2069");
    await expectText(page, /يجب ألا يزيد المبلغ المطلوب \(د\.ك\.\) على/);
    expect(await page.getByLabel("رقم وثيقة ملكية المسكن").inputValue()).toBe("deed 4211");
    await expectNoAxeViolations(page);
    await page.getByLabel("رقم وثيقة ملكية المسكن").fill("RD-2009-004211");
    await page.getByLabel("المبلغ المطلوب (د.ك.)").fill("٨٠٠٠");
    await next(page);
    await expectHeading(page, "السداد والصرف");

    // Sign out mid-way: the draft waits on the dashboard, and resumes where it stopped.
    await page.getByRole("button", { name: "تسجيل الخروج" }).click();
    await signInCitizenInArabic(page, baseUrl, "279110314554", DEMO_PASSWORD);
    await expectText(page, "طلبات لم تُقدَّم بعد");
    await look(page, "dashboard-draft-ar");
    await page.getByRole("link", { name: "متابعة طلب القرض الاجتماعي" }).click();
    await expectHeading(page, "السداد والصرف");

    // A file that is not a PDF is refused by its content, whatever its name.
    await page.getByLabel("عدد الأقساط الشهرية").fill("100");
    await page.getByLabel("رقم الحساب المصرفي الدولي (IBAN) لصرف القرض").fill("KW81CBKU0000000000001234560101");
    await page.getByLabel("مستندات داعمة (اختياري)").setInputFiles(fakePdf);
    await next(page);
    await expectText(page, "يجب أن يكون مستندات داعمة (اختياري) ملفًا بصيغة PDF أو JPEG أو PNG");
    await page.getByLabel("مستندات داعمة (اختياري)").setInputFiles(pdfFile);
    await next(page);

    // Check your answers, change one, come back.
    await page.waitForURL(/\/check$/);
    await expectHeading(page, "راجع بياناتك قبل تقديم الطلب");
    await expectText(page, "plan.pdf");
    await look(page, "check-answers-ar");
    await page.getByRole("link", { name: "تعديل عدد الأقساط الشهرية" }).click();
    await page.getByLabel("عدد الأقساط الشهرية").fill("96");
    await next(page, "حفظ والعودة إلى مراجعة البيانات");
    await page.waitForURL(/\/check$/);
    await expectText(page, "96 شهرًا");
    const checkUrl = page.url();

    // Submitting without the declaration is refused; then a double click submits once.
    await page.getByRole("button", { name: "تقديم الطلب" }).click();
    await expectText(page, "أكّد الإقرار لتتمكن من تقديم الطلب");
    await page.getByLabel("أؤكد الإقرار الوارد أعلاه").check();
    await page.getByRole("button", { name: "تقديم الطلب" }).dblclick();
    await page.waitForURL(/\/submitted$/);
    await look(page, "submitted-ar");
    // The confirmation offers to rate the service (on the application's page).
    expect(await page.getByRole("link", { name: "قيّم تجربتك في تقديم الطلب" }).getAttribute("href")).toMatch(/^\/applications\/[0-9a-f-]{36}#rating$/);
    const reference = (await page.locator(".panel__reference").textContent())!.trim();
    // Back to the check page, or the submission sent again (a retry after a lost answer): the same application.
    await page.goto(checkUrl);
    await page.waitForURL(/\/submitted$/);
    const again = await page
      .context()
      .request.post(checkUrl, { form: { intent: "submit", declaration: "yes" }, headers: { Origin: baseUrl }, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    expect(again.headers().location).toMatch(/\/submitted$/);
    await visit(page, `${baseUrl}/dashboard`);
    await expectCount(page.getByRole("link", { name: reference }), 1);
    await expectCount(page.getByText("طلبات لم تُقدَّم بعد"), 0);

    // The loan officer returns it, naming the number of instalments.
    const officer = await newPage(browser());
    await staff(officer.page, "kcb.officer");
    await openTask(officer.page, reference);
    await expectText(officer.page, "RD-2009-004211");
    // The agencies' answers read as labelled facts in Arabic (the salary in KWD), the raw answer folded away.
    const salary = officer.page.locator(".answer-part dt").filter({ hasText: "الراتب الشهري" }).first();
    await salary.waitFor();
    expect((await salary.locator("xpath=following-sibling::dd[1]").textContent())!.replace(/\u200f/g, "")).toMatch(/^[\d,]+\.\d{3}\sد\.ك\.$/);
    await expectText(officer.page, "جهة العمل");
    // What the decision rests on: the instalment beside the salary, as a share of it.
    await officer.page.getByRole("heading", { name: "ما يستند إليه القرار" }).waitFor();
    const share = officer.page.locator("dt").filter({ hasText: "نسبة القسط إلى الراتب" });
    expect((await share.locator("xpath=following-sibling::dd[1]").textContent())!.replace(/[\u200e\u200f\u061c]/g, "")).toMatch(/^\S+ \(الحد الأقصى \S+\)$/);
    await expectText(officer.page, "رقم الوثيقة");
    expect(
      await officer.page
        .locator(".answer-part")
        .filter({ hasText: /\{|"found"/ })
        .count(),
    ).toBe(0);
    const raw = officer.page.locator("details").filter({ hasText: "الرد كما ورد من الجهة (للتدقيق)" }).first();
    expect(await raw.getAttribute("open")).toBeNull();
    await look(officer.page, "staff-task-ar");
    await officer.page.getByLabel("عدد الأقساط الشهرية").check();
    await officer.page.getByLabel("الملاحظات").fill("يُرجى زيادة عدد الأقساط إلى 120 قسطًا.");
    await officer.page.getByRole("button", { name: "إعادة الطلب لمقدمه للتصحيح" }).click();
    await officer.page.waitForURL(/\/staff\?decided=/);

    // The applicant sees what to do and the officer's message, and corrects only that.
    await page.getByRole("link", { name: reference }).click();
    await expectText(page, "الإجراء المطلوب منك");
    await expectText(page, "يُرجى زيادة عدد الأقساط إلى 120 قسطًا.");
    await expectCount(page.getByLabel("رقم الحساب المصرفي الدولي (IBAN) لصرف القرض"), 0);
    await look(page, "application-correct-ar");
    await page.getByLabel("عدد الأقساط الشهرية").fill("130");
    await page.getByRole("button", { name: "إعادة تقديم الطلب" }).click();
    await expectText(page, "يجب ألا يزيد عدد الأقساط الشهرية على 120");
    await page.getByLabel("عدد الأقساط الشهرية").fill("120");
    await page.getByRole("button", { name: "إعادة تقديم الطلب" }).click();
    await reloadUntil(page, () => page.getByText("لدى بنك الائتمان الكويتي"));

    // Approved; the applicant reads the terms and accepts them; the approval is issued.
    await openTask(officer.page, reference);
    await officer.page.getByRole("button", { name: "الموافقة على القرض" }).click();
    await officer.page.waitForURL(/\/staff\?decided=/);
    await officer.close();
    await reloadUntil(page, () => page.getByRole("button", { name: "أوافق على شروط القرض" }));
    await expectText(page, "القسط الشهري");
    await expectText(page, /66\.667/);
    await look(page, "application-terms-ar");
    await page.getByRole("button", { name: "أوافق على شروط القرض" }).click();
    await certificate(page, /تنزيل الشهادة SLA-/);
    await look(page, "application-approved-ar");
    await tab.close();
  });

  it("fire-safety licence, in Arabic: the plans uploaded, the fee paid after a declined card, the plans reviewed, a slot chosen, the inspection passed, the licence", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "282102842514", DEMO_PASSWORD);
    await start(page, "fire-safety-licence");
    await page.getByRole("group", { name: "الشركة التي تتقدم باسمها" }).getByRole("radio").first().check();
    await next(page);
    await page.getByLabel("الرقم الآلي للعنوان").fill("١٩٢٨٣٧٤٦");
    await page.getByLabel("محافظة العاصمة").check();
    await next(page);
    // The areas offered are the capital's, named in Arabic; floor and unit are chosen, not typed.
    await page.getByLabel("المنطقة", { exact: true }).selectOption({ label: "شرق" });
    await page.getByLabel("القطعة").fill("2");
    await page.getByLabel("الشارع").fill("12");
    await page.getByLabel("المبنى").fill("14");
    await page.getByLabel("الدور", { exact: true }).selectOption({ label: "الدور الأرضي" });
    await page.getByLabel("معرض").check();
    await page.getByLabel("رقم الوحدة").fill("3");
    await next(page);
    await page.getByLabel("المساحة").fill("250");
    await page.getByLabel("متوسطة الخطورة").check();
    await page.getByLabel("عدد الأدوار").fill("1");
    await next(page);
    await expectHeading(page, "المخططات");
    // The file input speaks the page's language: its button, and the name of the file chosen.
    await expectText(page, "اختر ملفًا");
    await expectText(page, "لم يُختر أي ملف");
    await page.getByLabel("المخطط الهندسي للمنشأة").setInputFiles(pdfFile);
    await page.locator(".file-picker__chosen").filter({ hasText: "plan.pdf" }).waitFor();
    await next(page);
    await expectText(page, /35\.000/); // KWD 10 + 250 m² × 0.100
    const reference = await submit(page);

    await pay(page, { declineFirst: true, shot: "knet-ar" });
    await keepScreenshot(page, "receipt-ar", "desktop");
    await keepScreenshot(page, "receipt-ar", "phone");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "العودة إلى الطلب" }).click();
    await page.getByRole("link", { name: /^الإيصال RCP-/ }).waitFor();

    const officer = await newPage(browser());
    await staff(officer.page, "kff.officer");
    await openTask(officer.page, reference);
    await expectText(officer.page, "plan.pdf");
    await officer.page.getByRole("button", { name: "إحالة الطلب إلى الفحص الميداني" }).click();
    await officer.page.waitForURL(/\/staff\?decided=/);
    await officer.close();

    // The applicant chooses a slot in the premises' governorate.
    await reloadUntil(page, () => page.getByRole("button", { name: "حجز الموعد" }));
    await look(page, "application-slot-ar");
    await page.getByLabel("موعد الفحص").selectOption({ index: 1 });
    await page.getByRole("button", { name: "حجز الموعد" }).click();

    const inspector = await newPage(browser());
    await staff(inspector.page, "kff.inspector");
    await openTask(inspector.page, reference);
    for (const item of ["طفايات الحريق", "مخارج الطوارئ واللوحات الإرشادية", "نظام الإنذار", "السلامة الكهربائية"]) {
      await inspector.page.getByRole("group", { name: item, exact: true }).getByLabel("مطابق", { exact: true }).check();
    }
    await look(inspector.page, "staff-inspection-ar");
    await inspector.page.getByRole("button", { name: "تسجيل نتيجة الفحص" }).click();
    await inspector.page.waitForURL(/\/staff\?decided=/);
    await inspector.close();

    await certificate(page, /تنزيل الشهادة FSL-/);
    await tab.close();
  });

  it("fire-safety renewal and then the shop's municipal renewal, in English: straight through once paid", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "227081660516", DEMO_PASSWORD);
    await switchLanguage(page, "en");
    await start(page, "fire-safety-renewal", "Apply now");
    await expectHeading(page, "The licence to renew");
    await look(page, "apply-renewal-en");
    await page.getByRole("group", { name: "Licence" }).getByRole("radio").first().check();
    await page.getByLabel(/I confirm that the premises/).check();
    await next(page, "Save and continue");
    await page.waitForURL(/\/check$/);
    await look(page, "check-answers-en");
    await submit(page, { confirm: "I confirm the declaration above", submit: "Submit application", follow: "Follow your application" }, "submitted-en");
    await pay(page, { en: true, shot: "knet-en" });
    await keepScreenshot(page, "receipt-en", "desktop");
    await keepScreenshot(page, "receipt-en", "phone");
    await page.getByRole("link", { name: "Back to your application" }).click();
    await certificate(page, /Download certificate FSR-/);
    await look(page, "application-approved-en");

    await start(page, "municipal-licence-renewal", "Apply now");
    await page.getByRole("group", { name: "Licence" }).getByRole("radio").first().check();
    await next(page, "Save and continue");
    await page.getByLabel("1 year").check();
    await next(page, "Save and continue");
    await submit(page, { confirm: "I confirm the declaration above", submit: "Submit application", follow: "Follow your application" });
    // Nothing stands in the way: no forewarning before the fee.
    await reloadUntil(page, () => page.getByRole("button", { name: /Pay KWD .* with KNET/ }));
    await expectCount(page.getByTestId("forewarning"), 0);
    await pay(page, { en: true });
    await page.getByRole("link", { name: "Back to your application" }).click();
    await certificate(page, /Download certificate MLR-/);
    await switchLanguage(page, "ar");
    await tab.close();
  });

  it("municipal renewal with JavaScript off: the form, the payment and the clerk's approval all work as plain pages", async () => {
    const tab = await newPage(browser(), { javaScriptEnabled: false });
    const { page } = tab;
    withoutScripts.add(page);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel("الرقم المدني").fill("286050929658");
    await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "تسجيل الدخول", exact: true }).click();
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${baseUrl}/services/municipal-licence-renewal`);
    await page.getByRole("button", { name: "قدّم الطلب الآن" }).click();
    await page.waitForURL(/\/apply\/[0-9a-f-]+\/licence$/);
    await next(page);
    await expectText(page, "اختر الترخيص");
    await page.getByRole("group", { name: "الترخيص" }).getByRole("radio").first().check();
    await next(page);
    await page.getByLabel("سنة واحدة").check();
    await next(page);
    const reference = await submit(page);
    // Before paying, the applicant is told what the checks found and that a clerk will decide.
    await reloadUntil(page, () => page.getByRole("button", { name: /^ادفع .* عبر كي نت$/ }));
    const forewarning = page.getByTestId("forewarning");
    expect(await forewarning.innerText()).toContain("قبل السداد");
    expect((await forewarning.innerText()).replace(/[\u200e\u200f\u061c]/g, "")).toMatch(/مخالفات غير مسددة بمبلغ\s+100\.000\sد\.ك\./);
    expect(await forewarning.innerText()).toContain("موظف التراخيص في بلدية الكويت ليقرر فيه خلال ثلاثة أيام");
    await pay(page);
    await page.getByRole("link", { name: "العودة إلى الطلب" }).click();

    // An unpaid violation: the licensing clerk decides.
    const clerk = await newPage(browser());
    await staff(clerk.page, "km.clerk");
    await openTask(clerk.page, reference);
    await expectText(clerk.page, "مخالفات غير مسددة");
    // The clerk works in English.
    await switchLanguage(clerk.page, "en");
    await expectText(clerk.page, "There are unpaid violations against the licence.");
    // Beside the reason, the figure it rests on, in KWD.
    const unpaid = clerk.page.locator("dt").filter({ hasText: "Unpaid violations" });
    expect((await unpaid.locator("xpath=following-sibling::dd[1]").textContent())!).toMatch(/^KWD\s[\d,]+\.\d{3}$/);
    await expectText(clerk.page, "The premises' fire-safety licence holds until");
    await expectNoAxeViolations(clerk.page);
    await keepScreenshot(clerk.page, "staff-task-municipal-en", "desktop");
    await clerk.page.getByRole("button", { name: "Approve the renewal" }).click();
    await clerk.page.waitForURL(/\/staff\?decided=/);
    await expectText(clerk.page, `Your decision on ${reference} has been recorded.`);
    await switchLanguage(clerk.page, "ar");
    await clerk.close();

    await certificate(page, /تنزيل الشهادة MLR-/);
    await tab.close();
  });

  it("fire-safety renewal that the checks send to the prevention officer, who decides in English", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInCitizenInArabic(page, baseUrl, "271031513786", DEMO_PASSWORD);
    await start(page, "fire-safety-renewal");
    await page.getByRole("group", { name: "الترخيص", exact: true }).getByRole("radio").first().check();
    await page.getByLabel(/أقر بأنه لم يطرأ على المنشأة/).check();
    await next(page);
    const reference = await submit(page);
    await pay(page);
    await page.getByRole("link", { name: "العودة إلى الطلب" }).click();

    const officer = await newPage(browser());
    await staff(officer.page, "kff.officer");
    await switchLanguage(officer.page, "en");
    await visit(officer.page, `${baseUrl}/staff/inbox?q=${reference}`);
    await officer.page.getByRole("link", { name: reference }).click();
    await officer.page.waitForURL(/\/staff\/tasks\//);
    await officer.page.getByRole("button", { name: "Claim this step" }).click();
    await expectText(officer.page, "You have claimed this step.");
    // What the decision rests on, worked out: how far the licence's end, the last inspection and
    // the commercial licence are from today.
    await expectText(officer.page, "The fire-safety licence holds until");
    await expectText(officer.page, /\d{4} \((in \d+ days?|ends today|ended \d+ days? ago)\)/);
    await expectText(officer.page, /The premises was last inspected/);
    await expectNoAxeViolations(officer.page);
    await officer.page.getByRole("button", { name: "Approve the renewal" }).click();
    await officer.page.waitForURL(/\/staff\?decided=/);
    await switchLanguage(officer.page, "ar");
    await officer.close();

    await certificate(page, /تنزيل الشهادة FSR-/);
    await tab.close();
  });
});
