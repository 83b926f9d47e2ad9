import { describe, expect, inject, it } from "vitest";
import {
  expectCount,
  expectHeading,
  expectLanguage,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  switchLanguage,
  useBrowser,
  visit,
} from "../setup/browser";

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("finding a service", () => {
  const browser = useBrowser();

  it("starts from a life event or an area on the home page, in Arabic and in English, each tile with its picture and its count", async () => {
    const { page } = await newPage(browser());
    await visit(page, `${baseUrl}/?lang=ar`);
    const events = page.getByRole("region", { name: "الخدمات بحسب مناسبات الحياة" });
    // The life events come before the search, the first three as the client asked, each a link naming how many services it gathers.
    const tiles = events.getByRole("link");
    expect((await tiles.allInnerTexts()).slice(0, 3).map((text) => text.split("\n")[0])).toEqual(["الزواج", "تأسيس نشاط تجاري", "السكن"]);
    expect(await events.locator("svg.icon[aria-hidden=true]").count()).toBe(await tiles.count());
    const marriage = tiles.filter({ hasText: "الزواج" }).first();
    const counted = /(\d+) خدمات|(خدمتان)|خدمة واحدة|(\d+) خدمة/.exec(await marriage.innerText())!;
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "home-events-ar", "phone");
    await marriage.click();
    await page.waitForURL(/\/services\?event=marriage/);
    await expectText(page, "توثيق عقد الزواج، والفحص الطبي قبل الزواج، وقرض الزواج، وطلب الرعاية السكنية.");
    await expectText(page, counted[0]!);
    await page.getByRole("link", { name: "القرض الاجتماعي" }).waitFor();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "catalogue-marriage-ar", "desktop");

    // In English, from an area: the category's services, the category named above them.
    await visit(page, `${baseUrl}/?lang=en`);
    const areas = page.getByRole("region", { name: "Browse services by area" });
    await areas.getByRole("link", { name: /^Safety and civil defence/ }).click();
    await page.waitForURL(/\/services\?category=safety/);
    await expectText(page, "Fire-safety licence");
    expect(await page.locator(".chosen").innerText()).toBe("Safety and civil defence");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "home-areas-en", "desktop");
    await visit(page, `${baseUrl}/?lang=en`);
    expect(
      (await page.getByRole("region", { name: "Services for moments in your life" }).getByRole("link").allInnerTexts())
        .slice(0, 3)
        .map((text) => text.split("\n")[0]),
    ).toEqual(["Getting married", "Starting a business", "A home of your own"]);
    await keepScreenshot(page, "home-en", "desktop");
    await keepScreenshot(page, "home-en", "phone");
    await visit(page, `${baseUrl}/?lang=ar`);
  });

  it("searches in Arabic whatever the spelling, filters, and opens a service's page", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/`);
    await page.getByRole("link", { name: "القرض الاجتماعي" }).waitFor();
    await keepScreenshot(page, "home-ar", "desktop");
    await keepScreenshot(page, "home-ar", "phone");
    await page.getByLabel("ما الخدمة التي تحتاج إليها؟").fill("قرض");
    await page.getByRole("button", { name: "بحث", exact: true }).click();
    await page.waitForURL(/\/services\?q=/);
    await page.getByRole("link", { name: "القرض الاجتماعي" }).waitFor();
    await page.getByRole("link", { name: "الخدمات", exact: true }).click();
    await expectHeading(page, "الخدمات الحكومية");
    await expectLanguage(page, "ar");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "catalogue-ar", "desktop");
    await keepScreenshot(page, "catalogue-ar", "phone");

    // Taa marbuta typed as haa, and no hamza: still found.
    await page.getByLabel("البحث في الخدمات").fill("ترخيص الوقايه");
    await page.getByRole("button", { name: "بحث", exact: true }).click();
    await page.waitForURL(/q=/);
    await page.getByRole("link", { name: "تجديد ترخيص الوقاية من الحريق" }).waitFor();
    await page.getByRole("link", { name: "ترخيص الوقاية من الحريق", exact: true }).waitFor();
    await expectCount(page.getByRole("link", { name: "القرض الاجتماعي" }), 0);
    await expectNoAxeViolations(page);

    await page.getByLabel("البحث في الخدمات").fill("");
    await page.getByLabel("طريقة تقديم الخدمة").selectOption("kiosk");
    await page.getByRole("button", { name: "بحث", exact: true }).click();
    await page.waitForURL(/channel=kiosk/);
    await expectText(page, "3 خدمات");
    expect(await page.locator(".result h3 a").allTextContents()).toEqual(
      expect.arrayContaining(["تجديد الترخيص البلدي", "ترخيص الوقاية من الحريق", "تجديد ترخيص الوقاية من الحريق"]),
    );

    await page.getByRole("link", { name: "ترخيص الوقاية من الحريق", exact: true }).click();
    await expectHeading(page, "ترخيص الوقاية من الحريق");
    await page.getByRole("heading", { name: "المستندات المطلوبة" }).waitFor();
    await expectText(page, "المخطط الهندسي للمنشأة — إلزامي");
    await expectText(page, "الفحص الميداني");
    await expectText(page, "500 د.ك.");
    // A step taken only when something needs it is shown as such, within the step it follows.
    const steps = page.locator("ol.workflow > li");
    const inspection = steps.filter({ hasText: "الفحص الميداني" });
    await expectCount(inspection, 1);
    const remedy = steps.filter({ hasText: "معالجة الملاحظات وطلب إعادة الفحص" });
    expect(await remedy.locator(".workflow__ways").textContent()).toBe("عند الحاجة فقط:");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "service-ar", "desktop");
    await keepScreenshot(page, "service-ar", "phone");

    // The social loan checks the marriage contract or the deed, by the loan chosen, at the same time as the rest.
    await visit(page, `${baseUrl}/services/social-loan`);
    const checks = page.locator("ol.workflow > li").filter({ hasText: "في الوقت نفسه:" });
    await expectCount(checks, 1);
    const either = checks.locator("li").filter({ hasText: "أحد ما يلي، بحسب طلبك:" });
    expect(await either.locator("ul.workflow--ways > li .workflow__title").allTextContents()).toEqual(["التحقق من عقد الزواج", "التحقق من وثيقة الملكية"]);
    expect(await checks.locator(":scope > ul > li > .workflow__title").allTextContents()).toEqual(["التحقق من الراتب", "التحقق من القروض القائمة"]);
    await keepScreenshot(page, "service-social-loan-ar", "phone");
    await tab.close();
  });

  it("searches in English by part of a word and by agency, and links out for an information-only service", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await visit(page, `${baseUrl}/services`);
    await switchLanguage(page, "en");
    await expectHeading(page, "Government services");
    await page.getByLabel("Search services").fill("renew licen");
    await page.getByLabel("Agency").selectOption({ label: "Kuwait Municipality" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/agency=km/);
    await page.getByRole("link", { name: "Municipal licence renewal" }).waitFor();
    await expectCount(page.getByRole("link", { name: "Fire-safety licence renewal" }), 0);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "catalogue-en", "desktop");
    await keepScreenshot(page, "catalogue-en", "phone");

    await visit(page, `${baseUrl}/services?q=civil+id+card`);
    await page.locator(".result h3 a").first().click();
    await page.getByText("not through Nafitha").waitFor();
    const link = page.getByRole("link", { name: /Go to the service on the website of/ });
    expect(await link.getAttribute("href")).toMatch(/^https:\/\/www\.paci\.gov\.kw\//);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "information-en", "desktop");
    await tab.close();
  });

  it("works without JavaScript, and answers 404 for a service that does not exist", async () => {
    const tab = await newPage(browser(), { javaScriptEnabled: false });
    const { page } = tab;
    await page.goto(`${baseUrl}/services`);
    await page.getByText(/^الصفحة 1 من \d+$/).waitFor();
    await page.getByRole("link", { name: "الصفحة التالية" }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(/^الصفحة 2 من \d+$/).waitFor();
    await expectCount(page.locator(".result"), 20);
    await page.getByLabel("البحث في الخدمات").fill("قرض");
    await page.getByRole("button", { name: "بحث", exact: true }).click();
    await page.waitForURL(/q=/);
    await page.getByRole("link", { name: "القرض الاجتماعي" }).waitFor();
    const response = await page.goto(`${baseUrl}/services/no-such-service`);
    expect(response?.status()).toBe(404);
    await tab.close();
  });
});
