import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import { expectHeading, expectNoAxeViolations, expectText, hasChromium, keepScreenshot, newPage, signInStaffInArabic, useBrowser, visit } from "../setup/browser";

// Kiosk terminals, from the administrator's page to the kiosk's browser (portrait 1080×1920):
// register, enrol with the one-time code, the heartbeat, revoke.

const baseUrl = inject("baseUrl");

describe.skipIf(!hasChromium)("kiosk terminals", () => {
  const browser = useBrowser();

  it("an administrator registers a kiosk, the kiosk enrols with its code and beats, and stops when revoked", async () => {
    const admin = await newPage(browser());
    await signInStaffInArabic(admin.page, baseUrl, "admin", DEMO_PASSWORD, demoStaff.find((s) => s.username === "admin")!.totpSecret!);
    await admin.page.getByRole("link", { name: "أجهزة الخدمة الذاتية: القيد والتسجيل والمتابعة" }).click();
    await expectHeading(admin.page, "أجهزة الخدمة الذاتية");
    await admin.page.getByRole("button", { name: "قيد الجهاز" }).click();
    await expectText(admin.page, "أدخل اسم الجهاز (بحد أقصى 80 حرفًا)");
    await expectNoAxeViolations(admin.page);
    await admin.page.getByLabel("الاسم").fill("مركز خدمة حولي 2");
    await admin.page.getByLabel("المحافظة").selectOption("hawalli");
    await admin.page.getByLabel("الموقع").fill("الصالة الأرضية");
    await admin.page.getByRole("button", { name: "قيد الجهاز" }).click();
    const code = (await admin.page.getByTestId("enrolment-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await expectNoAxeViolations(admin.page);
    await keepScreenshot(admin.page, "staff-kiosks-ar", "desktop");

    // The kiosk's browser, portrait: a wrong code is refused; the right one enrols it.
    const kioskContext = await browser().newContext({ viewport: { width: 1080, height: 1920 } });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${baseUrl}/kiosk/enrol`);
    await expectHeading(kiosk, "تسجيل جهاز الخدمة الذاتية");
    await kiosk.getByLabel("رمز التسجيل").fill("AAAAA-BBBBB");
    await kiosk.getByRole("button", { name: "تسجيل الجهاز" }).click();
    await expectText(kiosk, "الرمز غير صحيح أو انتهت صلاحيته أو سبق استخدامه. اطلب رمزًا جديدًا من المسؤول.");
    await kiosk.getByLabel("رمز التسجيل").fill(code);
    await kiosk.getByRole("button", { name: "تسجيل الجهاز" }).click();
    await expectText(kiosk, "سُجّل هذا المتصفح بوصفه جهاز الخدمة الذاتية مركز خدمة حولي 2 (الصالة الأرضية).");
    await expectNoAxeViolations(kiosk);
    await kiosk.screenshot({ path: "tests/.artifacts/screenshots/kiosk-enrolled-ar-portrait.png", fullPage: true });

    // Its heartbeat; a browser that is not an enrolled kiosk is refused.
    const beat = await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "low" }, headers: { Origin: baseUrl } });
    expect(beat.status()).toBe(204);
    // A device agent, with the credential as a bearer token and no browser headers: refused when forged.
    expect((await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Authorization: "Bearer forged" } })).status()).toBe(401);
    const stranger = await newPage(browser());
    expect((await stranger.page.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Origin: baseUrl } })).status()).toBe(401);
    await stranger.close();

    await visit(admin.page, `${baseUrl}/staff/kiosks`);
    const row = admin.page.getByRole("row", { name: /مركز خدمة حولي 2/ });
    await row.getByText("متصل").waitFor();
    await row.getByText("منخفض").waitFor();
    await admin.page.getByRole("button", { name: "إلغاء مركز خدمة حولي 2" }).click();
    await expectText(admin.page, "أُلغي الجهاز مركز خدمة حولي 2، وتوقف عن العمل فورًا.");

    // At once: the kiosk's next heartbeat is refused, and it is no longer recognised.
    expect((await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Origin: baseUrl } })).status()).toBe(401);
    await kiosk.goto(`${baseUrl}/kiosk/enrol`);
    await expectText(kiosk, "أدخل رمز التسجيل");
    await kioskContext.close();
    await admin.close();
  });
});
