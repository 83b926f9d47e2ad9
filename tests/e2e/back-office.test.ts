import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import {
  expectCount,
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

// The back office in a browser: the inbox (search, filters, counts), a supervisor's page and
// reassignment, another agency's clerk refused, and the fire force's inspection slots. The e2e seed's
// social-loan application for Ahmad waits on KCB's loan officers.

const baseUrl = inject("baseUrl");
const secretOf = (username: string) => demoStaff.find((s) => s.username === username)!.totpSecret!;

describe.skipIf(!hasChromium)("the back office", () => {
  const browser = useBrowser();

  it("a supervisor finds the application in the inbox, in English, sees the workload, and gives it to a loan officer; another agency cannot open it", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInStaffInArabic(page, baseUrl, "kcb.supervisor", DEMO_PASSWORD, secretOf("kcb.supervisor"));
    await page.getByRole("link", { name: /فتح صندوق المهام/ }).click();
    await expectHeading(page, "صندوق المهام");
    await page.getByRole("cell", { name: "أحمد عبدالله العنزي" }).first().waitFor();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-inbox-ar", "desktop");
    await keepScreenshot(page, "staff-inbox-ar", "phone");

    await switchLanguage(page, "en");
    await expectHeading(page, "Your inbox");
    await page.getByLabel("Reference or civil ID").fill("hello");
    await page.getByRole("button", { name: "Show" }).click();
    await expectText(page, "Enter a reference like NAF-2026-000123 or a 12-digit civil ID");
    await page.getByLabel("Reference or civil ID").fill("288020122596");
    await page.getByLabel("Time left").selectOption("on-time");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/q=288020122596/);
    await page.getByRole("cell", { name: /Ahmad Abdullah Al-Enezi/ }).waitFor();
    await expectCount(page.getByRole("option", { name: /^Social loan \(\d+\)$/ }), 1);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-inbox-en", "desktop");

    // The step page, in English: who holds it, what the agencies answered; the supervisor gives it to Noura.
    const reference = (await page.getByRole("link", { name: /^NAF-/ }).first().textContent())!;
    await page.getByRole("link", { name: reference }).click();
    await page.waitForURL(/\/staff\/tasks\//);
    const taskUrl = page.url();
    await expectText(page, "Nobody has claimed this step yet.");
    await expectText(page, "What the agencies answered");
    await expectText(page, "Public Authority for Civil Information");
    await page.getByLabel("Give it to").selectOption({ label: "Noura Khaled Al-Hajri" });
    await page.getByRole("button", { name: "Reassign" }).click();
    await expectText(page, "Claimed by Noura Khaled Al-Hajri.");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-task-en", "desktop");
    await keepScreenshot(page, "staff-task-en", "phone");

    await visit(page, `${baseUrl}/staff/supervision`);
    await expectHeading(page, "Supervision");
    await page.getByRole("row", { name: /Noura Khaled Al-Hajri/ }).waitFor();
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-supervision-en", "desktop");
    // Put it back, so that the application waits unclaimed as the other tests expect.
    await page.goto(taskUrl);
    await page.getByRole("button", { name: "Put it back in the queue" }).click();
    await expectText(page, "Nobody has claimed this step yet.");
    await switchLanguage(page, "ar");
    await visit(page, `${baseUrl}/staff/supervision`);
    await expectHeading(page, "الإشراف");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-supervision-ar", "desktop");
    await tab.close();

    // The municipality's clerk: the KCB step is not found, even by its address.
    const other = await newPage(browser());
    await signInStaffInArabic(other.page, baseUrl, "km.clerk", DEMO_PASSWORD, secretOf("km.clerk"));
    const refused = await other.page.goto(taskUrl);
    expect(refused?.status()).toBe(404);
    await other.close();
  });

  it("a fire prevention officer offers and withdraws an inspection slot, and sees the day's inspections", async () => {
    const tab = await newPage(browser());
    const { page } = tab;
    await signInStaffInArabic(page, baseUrl, "kff.officer", DEMO_PASSWORD, secretOf("kff.officer"));
    await page.getByRole("link", { name: "الفحوص الميدانية: فحوص اليوم" }).click();
    await expectHeading(page, "الفحوص الميدانية");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "إدارة مواعيد الفحص في كل محافظة" }).click();
    await expectHeading(page, "مواعيد الفحص");
    await page.getByLabel("المحافظة").selectOption("jahra");
    await page.getByRole("button", { name: "عرض" }).click();
    await page.waitForURL(/governorate=jahra/);

    // A day in the past is refused with a message; a day to come is offered, then withdrawn.
    await fillDate(page, "يوم الموعد", "2020-01-05");
    await page.getByRole("button", { name: "إتاحة الموعد" }).click();
    await expectText(page, "انقضى هذا اليوم، فاختر اليوم أو يومًا لاحقًا");
    await expectNoAxeViolations(page);
    const day = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
    await fillDate(page, "يوم الموعد", day, { isArabicIndic: true });
    await page.getByLabel("الوقت").fill("06:15");
    await page.getByRole("button", { name: "إتاحة الموعد" }).click();
    await expectText(page, "أُتيح الموعد، ويمكن لمقدمي الطلبات حجزه الآن.");
    await expectNoAxeViolations(page);
    await keepScreenshot(page, "staff-slots-ar", "desktop");
    await keepScreenshot(page, "staff-slots-ar", "phone");
    await page.getByRole("button", { name: /^سحب موعد .*06:15/ }).click();
    await expectText(page, "سُحب الموعد.");
    await tab.close();
  });
});
