import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectHeading,
  expectNoAxeViolations,
  expectText,
  fillDate,
  hasChromium,
  keepScreenshot,
  newPage,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
} from "../setup/browser";

// Reports in a browser: an administrator's of every service and a supervisor's of their agency's,
// in Arabic and in English, drawn as SVG with their figures as tables, and downloaded as CSV.

const baseUrl = inject("baseUrl");
const staff = (username: string) => demoStaff.find((member) => member.username === username)!;

describe.skipIf(!hasChromium)("reports", () => {
  const browser = useBrowser();

  it(
    "an administrator reads every service's report in Arabic and in English, chooses a service and weeks, is told a wrong range, and downloads it",
    { timeout: 120_000 },
    async () => {
      const { page, close } = await newPage(browser());
      await signInStaffInArabic(page, baseUrl, "admin", DEMO_PASSWORD, staff("admin").totpSecret!);
      await page.getByRole("link", { name: "التقارير", exact: true }).click();
      await expectHeading(page, "التقارير");
      const summary = page.getByRole("table", { name: "الطلبات حسب الخدمة والجهة خلال المدة" });
      for (const name of ["القرض الاجتماعي", "ترخيص الوقاية من الحريق", "تجديد الترخيص البلدي", "إجمالي قوة الإطفاء العام", "جميع الخدمات"])
        await summary.getByText(name, { exact: true }).waitFor();
      // Drawn without script, each chart with its figures as a table.
      expect(await page.locator("svg[role=img] title").first().textContent()).toBe("الطلبات الواردة والمبتوت فيها يوميًا");
      await page.getByText("عرض الأرقام في جدول").first().click();
      await page.getByRole("table", { name: "الطلبات الواردة والمبتوت فيها يوميًا" }).getByRole("columnheader", { name: "الواردة" }).waitFor();
      // What applicants said, without who said it (the demo has no comment on these services).
      await page.getByRole("heading", { level: 2, name: "ما قاله مقدمو الطلبات" }).waitFor();
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-reports-ar", "desktop");

      await page.getByLabel("الخدمة", { exact: true }).selectOption("social-loan");
      await page.getByLabel("العدّ حسب").selectOption("week");
      await page.getByRole("button", { name: "عرض التقرير" }).click();
      await page.waitForURL(/service=social-loan&bucket=week/);
      await expectText(page, "الطلبات الواردة والمبتوت فيها أسبوعيًا");
      expect(await summary.getByText("ترخيص الوقاية من الحريق", { exact: true }).count()).toBe(0);

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /حسب الخدمة والجهة/ }).click()]);
      const csv = fs.readFileSync((await download.path())!, "utf8");
      expect(csv.split("\r\n")[0]).toBe(
        "\uFEFFالخدمة,الجهة,الواردة,المعتمدة,المرفوضة,المسحوبة,المبتوت فيها (معتمدة أو مرفوضة),المدة الوسيطة بالساعات,المئين التسعون بالساعات,المنجزة آليًا,مهام الموظفين المنجزة,المهام المتأخرة,الرسوم المحصّلة (د.ك)",
      );
      expect(csv.split("\r\n")[1]).toMatch(/^القرض الاجتماعي,بنك الائتمان الكويتي,\d+,/);

      await fillDate(page, "من تاريخ", "2026-12-05");
      await fillDate(page, "إلى تاريخ", "2026-12-01");
      await page.getByRole("button", { name: "عرض التقرير" }).click();
      await expectText(page, "يجب ألا يسبق تاريخ النهاية تاريخ البداية.");
      // The days typed stay in their boxes, and the search keeps one address (from=…&to=…).
      await page.waitForURL(/[?&]from=2026-12-05&to=2026-12-01/);
      const from = page.getByRole("group", { name: "من تاريخ" });
      expect([
        await from.getByLabel("اليوم", { exact: true }).inputValue(),
        await from.getByLabel("الشهر", { exact: true }).inputValue(),
        await from.getByLabel("السنة", { exact: true }).inputValue(),
      ]).toEqual(["05", "12", "2026"]);
      await expectNoAxeViolations(page);

      await visit(page, `${baseUrl}/staff/reports`);
      await switchLanguage(page, "en");
      await expectHeading(page, "Reports");
      await page.getByRole("table", { name: "Applications per service and agency over the range" }).getByText("All services", { exact: true }).waitFor();
      await expectText(page, "Applications received and decided per day");
      await expectNoAxeViolations(page);
      await keepScreenshot(page, "staff-reports-en", "phone");
      await switchLanguage(page, "ar");
      await close();
    },
  );

  it("a supervisor reads their agency's services only; another agency's is refused, and a clerk has no reports", { timeout: 120_000 }, async () => {
    const { page, close } = await newPage(browser());
    await signInStaffInArabic(page, baseUrl, "kcb.supervisor", DEMO_PASSWORD, staff("kcb.supervisor").totpSecret!);
    await visit(page, `${baseUrl}/staff/reports`);
    await expectText(page, "الخدمات التي تقدمها بنك الائتمان الكويتي");
    expect(await page.locator("#field-service option").allTextContents()).toEqual(["جميع الخدمات", "القرض الاجتماعي"]);
    await visit(page, `${baseUrl}/staff/reports?service=fire-safety-licence`);
    await expectText(page, "اختر خدمة من القائمة.");
    const file = await page.context().request.get(`${baseUrl}/staff/reports/export?table=summary`);
    const lines = (await file.text()).trim().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["القرض الاجتماعي", "إجمالي بنك الائتمان الكويتي", "جميع الخدمات"]);
    await expectNoAxeViolations(page);
    await close();

    const clerk = await newPage(browser());
    await signInStaffInArabic(clerk.page, baseUrl, "kcb.officer", DEMO_PASSWORD, staff("kcb.officer").totpSecret!);
    for (const path of ["/staff/reports", "/staff/reports/export"])
      expect((await clerk.page.context().request.get(`${baseUrl}${path}`, { maxRedirects: 0 })).status()).toBe(403);
    await clerk.close();
  });
});
