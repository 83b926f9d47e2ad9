import crypto from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, demoStaff } from "../../db/seed/demo";
import type { Browser, Page } from "playwright-core";
import {
  expectCount,
  expectHeading,
  expectNoAxeViolations,
  expectText,
  hasChromium,
  keepScreenshot,
  newPage,
  signInStaffInArabic,
  switchLanguage,
  useBrowser,
  visit,
  waitForHydration,
} from "../setup/browser";

// Kiosk terminals, from the administrator's page to the kiosk's browser (portrait 1080×1920):
// register, enrol with the one-time code, the heartbeat, revoke.

const baseUrl = inject("baseUrl");
/**
 * Touch only: every visible control (a link, a button, a field, a choice's label) is at least
 * 64 CSS px high, and all visible text is at least 20 px. Answers what falls short.
 */
async function expectTouchSized(page: Page) {
  const small = await page.evaluate(() => {
    const isShown = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && !element.closest("[hidden], .visually-hidden");
    };
    const name = (element: Element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`;
    const controls = [...document.querySelectorAll("a, button, input, select, textarea")].map((element) =>
      element instanceof HTMLInputElement && ["radio", "checkbox"].includes(element.type) ? (element.closest("label") ?? element) : element,
    );
    const tooSmall = controls
      .filter((element) => isShown(element) && Math.min(element.getBoundingClientRect().height, element.getBoundingClientRect().width) < 64)
      .map(
        (element) => `target ${name(element)}: ${Math.round(element.getBoundingClientRect().width)} × ${Math.round(element.getBoundingClientRect().height)} px`,
      );
    const texts = [...document.querySelectorAll("main *, header *")].filter((element) =>
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()),
    );
    const tooFine = texts
      .filter((element) => isShown(element) && parseFloat(getComputedStyle(element).fontSize) < 20)
      .map((element) => `text ${name(element)}: ${getComputedStyle(element).fontSize}`);
    return [...tooSmall, ...tooFine];
  });
  expect(small, `touch sizes on ${page.url()}`).toEqual([]);
}

const shotEn = (page: Page, name: string) => page.screenshot({ path: `tests/.artifacts/screenshots/kiosk-${name}-en-portrait.png`, fullPage: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `tests/.artifacts/screenshots/kiosk-${name}-ar-portrait.png`, fullPage: true });

describe.skipIf(!hasChromium)("kiosk terminals", () => {
  const browser = useBrowser();

  it("an administrator registers a kiosk, the kiosk enrols with its code and beats, and stops when revoked", async () => {
    const admin = await newPage(browser());
    await signInStaffInArabic(admin.page, baseUrl, "admin", DEMO_PASSWORD, demoStaff.find((s) => s.username === "admin")!.totpSecret!);
    await admin.page.getByRole("link", { name: "أجهزة الخدمة الذاتية: القيد والتسجيل والمتابعة" }).click();
    await expectHeading(admin.page, "أجهزة الخدمة الذاتية");
    await admin.page.getByRole("button", { name: "قيد الجهاز" }).click();
    await expectText(admin.page, "أدخل اسم الجهاز بالعربية (بحد أقصى 80 حرفًا)");
    await expectText(admin.page, "أدخل موقع الجهاز بالإنجليزية (بحد أقصى 120 حرفًا)");
    await expectNoAxeViolations(admin.page);
    await admin.page.getByLabel("الاسم بالعربية").fill("مركز خدمة حولي 2");
    await admin.page.getByLabel("الاسم بالإنجليزية").fill("Hawalli Service Centre 2");
    await admin.page.getByLabel("المحافظة").selectOption("hawalli");
    await admin.page.getByLabel("الموقع بالعربية").fill("الصالة الأرضية");
    await admin.page.getByLabel("الموقع بالإنجليزية").fill("Ground floor hall");
    await admin.page.getByRole("button", { name: "قيد الجهاز" }).click();
    const code = (await admin.page.getByTestId("enrolment-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await expectNoAxeViolations(admin.page);
    await keepScreenshot(admin.page, "staff-kiosks-ar", "desktop");

    // The kiosk's browser, portrait: a wrong code is refused; the right one enrols it.
    const kioskContext = await browser().newContext({ viewport: { width: 1080, height: 1920 } });
    const kiosk = await kioskContext.newPage();
    const errors: string[] = [];
    kiosk.on("pageerror", (error) => errors.push(error.message));
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

    // The attract screen, the card (the demo's simulated reader), the PIN on the keypad.
    await kiosk.getByRole("link", { name: "فتح شاشة البداية للجهاز" }).click();
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await expectNoAxeViolations(kiosk);
    await kiosk.screenshot({ path: "tests/.artifacts/screenshots/kiosk-attract-ar-portrait.png", fullPage: true });
    await kiosk.getByRole("link", { name: "متابعة طلباتك" }).click();
    await expectHeading(kiosk, "أدخل بطاقتك المدنية");
    await expectNoAxeViolations(kiosk);
    await kiosk.getByRole("button", { name: "إدخال بطاقة أحمد عبدالله العنزي" }).click();
    await expectHeading(kiosk, "أدخل الرقم السري للبطاقة");
    await waitForHydration(kiosk);
    const press = async (digits: string) => {
      for (const digit of digits) await kiosk.getByRole("button", { name: digit, exact: true }).click();
    };
    await press("9999");
    await kiosk.getByRole("button", { name: "دخول", exact: true }).click();
    await expectText(kiosk, "الرقم السري غير صحيح، وتتبقى محاولتان قبل إيقاف البطاقة 15 دقيقة.");
    await expectNoAxeViolations(kiosk);
    await kiosk.screenshot({ path: "tests/.artifacts/screenshots/kiosk-pin-ar-portrait.png", fullPage: true });
    await press("1234");
    await kiosk.getByRole("button", { name: "دخول", exact: true }).click();
    await expectHeading(kiosk, "مرحبًا، أحمد عبدالله العنزي");
    await kiosk.getByText(/^NAF-/).first().waitFor();
    await expectNoAxeViolations(kiosk);
    await kiosk.screenshot({ path: "tests/.artifacts/screenshots/kiosk-home-ar-portrait.png", fullPage: true });
    // The copy a kiosk prints of a certificate the person holds: marked and signed; nobody else's.
    const copy = await kiosk.request.get(`${baseUrl}/kiosk/certificates/TST-2026-900001.pdf`);
    expect(copy.status()).toBe(200);
    expect(copy.headers()["content-type"]).toBe("application/pdf");
    expect((await copy.body()).toString("latin1")).toContain("/SubFilter /adbe.pkcs7.detached");
    expect((await kiosk.request.get(`${baseUrl}/kiosk/certificates/SLA-2026-999999.pdf`)).status()).toBe(404);
    // Finish: back to the start, and the back button brings nothing of the person back.
    await kiosk.getByRole("button", { name: "إنهاء واستلام البطاقة" }).click();
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await kiosk.goBack();
    await expectHeading(kiosk, "أدخل بطاقتك المدنية");
    await expectCount(kiosk.getByText("أحمد عبدالله العنزي", { exact: false }), 1); // the simulated reader's button only

    // Three wrong PINs lock the card.
    await kiosk.getByRole("button", { name: "إدخال بطاقة فاطمة محمد الرشيدي" }).click();
    for (const [index, wrong] of ["1111", "2222", "3333"].entries()) {
      await press(wrong);
      await kiosk.getByRole("button", { name: "دخول", exact: true }).click();
      // Each answer empties the keypad's PIN; wait for it before the next try.
      await kiosk
        .getByRole("alert")
        .filter({ hasText: index < 2 ? "الرقم السري غير صحيح" : "أُوقفت البطاقة" })
        .waitFor();
      await kiosk.waitForFunction(() => (document.getElementById("pin") as HTMLInputElement | null)?.value === "");
    }
    await expectText(kiosk, "أُدخل رقم سري خاطئ عدة مرات، فأُوقفت البطاقة 15 دقيقة.");
    await kiosk.getByRole("button", { name: "إخراج البطاقة" }).click();
    // The card is out before the bridge inserts the next one (else the ejection, landing late, takes that one out).
    await expectHeading(kiosk, "أدخل بطاقتك المدنية");

    // The card-reader bridge: its key fetched once by the kiosk, each event signed with it and
    // numbered higher than the last.
    const { kioskId: id, key } = (await (await kiosk.request.get(`${baseUrl}/kiosk/bridge-key`)).json()) as { kioskId: string; key: string };
    let sequence = Date.now() * 1000;
    const signed = (body: object, signWith = key) => {
      const data = JSON.stringify(body);
      const time = String(Date.now());
      const number = String(++sequence);
      const signature = crypto.createHmac("sha256", signWith).update(`${time}.${number}.${data}`).digest("base64url");
      return {
        data,
        headers: { "content-type": "application/json", "x-kiosk-id": id, "x-kiosk-time": time, "x-kiosk-sequence": number, "x-kiosk-signature": signature },
      };
    };
    const send = (message: ReturnType<typeof signed>) => kiosk.request.post(`${baseUrl}/kiosk/card`, message);
    const post = (body: object, signWith = key) => send(signed(body, signWith));
    expect((await post({ event: "inserted", civilId: "285031244114" }, "not the key")).status()).toBe(401);
    const inserted = signed({ event: "inserted", civilId: "285031244114" });
    expect((await send(inserted)).status()).toBe(204);
    // The same message captured and sent again is refused.
    expect((await send(inserted)).status()).toBe(401);
    await kiosk.reload();
    await expectHeading(kiosk, "أدخل الرقم السري للبطاقة");
    await waitForHydration(kiosk);
    await press("1234");
    await kiosk.getByRole("button", { name: "دخول", exact: true }).click();
    await expectHeading(kiosk, "مرحبًا، راجيش كومار");
    // The card comes out: the screen leaves for the start by itself, and nothing of the person stays.
    expect((await post({ event: "removed" })).status()).toBe(204);
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await expectCount(kiosk.getByText("راجيش كومار"), 0);
    await kiosk.goBack();
    await kiosk.locator("h1").first().waitFor();
    await kiosk.waitForLoadState("networkidle");
    await expectCount(kiosk.getByRole("heading", { name: "مرحبًا، راجيش كومار" }), 0);

    // Idle: after a minute without a touch, a countdown; twenty seconds later, the start screen.
    const idle = await kioskContext.newPage();
    await idle.clock.install();
    await idle.goto(`${baseUrl}/kiosk/sign-in`);
    await waitForHydration(idle);
    await idle.getByRole("button", { name: "إدخال بطاقة أحمد عبدالله العنزي" }).click();
    await expectHeading(idle, "أدخل الرقم السري للبطاقة");
    await waitForHydration(idle);
    for (const digit of "1234") await idle.getByRole("button", { name: digit, exact: true }).click();
    await idle.getByRole("button", { name: "دخول", exact: true }).click();
    await expectHeading(idle, "مرحبًا، أحمد عبدالله العنزي");
    // Where a service's button is: the tap that answers the countdown lands there.
    const underneath = (await idle.locator("form button.kiosk-button").first().boundingBox())!;
    await idle.clock.fastForward(61_000);
    await idle.getByRole("alertdialog").waitFor();
    await expectText(idle, "هل ما زلت هنا؟");
    expect(await idle.evaluate(() => document.activeElement?.textContent)).toBe("ما زلت هنا");
    // The cover hides everything of the person's beneath it.
    expect(await idle.locator(".kiosk-idle").evaluate((cover) => getComputedStyle(cover).backgroundColor)).toMatch(/^rgb\(/);
    await idle.screenshot({ path: "tests/.artifacts/screenshots/kiosk-idle-ar-portrait.png" });
    // "Still here": the countdown closes, and the tap does not fall through to the service beneath.
    await idle.mouse.click(underneath.x + underneath.width / 2, underneath.y + underneath.height / 2);
    await expectCount(idle.getByRole("alertdialog"), 0);
    expect(new URL(idle.url()).pathname).toBe("/kiosk/home");
    await expectHeading(idle, "مرحبًا، أحمد عبدالله العنزي");
    await idle.clock.fastForward(61_000);
    await idle.getByRole("alertdialog").waitFor();
    await idle.clock.fastForward(21_000);
    await expectHeading(idle, "الخدمات الحكومية بالخدمة الذاتية");
    const home = await idle.goto(`${baseUrl}/kiosk/home`);
    expect(home?.url()).toMatch(/\/kiosk\/sign-in$/);
    await idle.close();

    // Its heartbeat; a browser that is not an enrolled kiosk is refused.
    const beat = await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "low" }, headers: { Origin: baseUrl } });
    expect(beat.status()).toBe(204);
    // A device agent, with the credential as a bearer token and no browser headers: refused when forged.
    expect(
      (
        await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Authorization: "Bearer forged" } })
      ).status(),
    ).toBe(401);
    const stranger = await newPage(browser());
    await stranger.page.goto(`${baseUrl}/kiosk`);
    await expectHeading(stranger.page, "تسجيل جهاز الخدمة الذاتية");
    expect(
      (await stranger.page.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Origin: baseUrl } })).status(),
    ).toBe(401);
    await stranger.close();

    await visit(admin.page, `${baseUrl}/staff/kiosks`);
    const row = admin.page.getByRole("row", { name: /مركز خدمة حولي 2/ });
    await row.getByText("متصل").waitFor();
    await row.getByText("منخفض").waitFor();
    await admin.page.getByRole("button", { name: "إلغاء مركز خدمة حولي 2" }).click();
    await expectText(admin.page, "أُلغي الجهاز مركز خدمة حولي 2، وتوقف عن العمل فورًا.");

    // At once: the kiosk's next heartbeat is refused, and it is no longer recognised.
    expect((await kiosk.request.post(`${baseUrl}/kiosk/heartbeat`, { data: { printer: "ready", paper: "ok" }, headers: { Origin: baseUrl } })).status()).toBe(
      401,
    );
    await kiosk.goto(`${baseUrl}/kiosk/enrol`);
    await expectText(kiosk, "أدخل رمز التسجيل");
    await kioskContext.close();
    expect(errors, "errors in the kiosk's pages").toEqual([]);
    await admin.close();
  });

  it("a signatory renews a fire-safety licence at a kiosk: the on-screen keyboard, card and PIN, the form, the terminal (declined, then paid), the receipt and the certificate printed", async () => {
    const { kioskContext, kiosk, errors, admin } = await enrolledKiosk(browser(), { ar: "مركز خدمة الجهراء", en: "Jahra Service Centre" });
    await admin.close();
    // The kiosk's browser beats on every kiosk page.
    const [beat] = await Promise.all([kiosk.waitForResponse((response) => response.url().endsWith("/kiosk/heartbeat")), kiosk.goto(`${baseUrl}/kiosk`)]);
    expect(beat.status()).toBe(204);
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await kiosk.getByRole("link", { name: "بدء الخدمة: تجديد ترخيص الوقاية من الحريق" }).click();
    await expectHeading(kiosk, "أدخل بطاقتك المدنية");
    await kiosk.getByRole("button", { name: "إدخال بطاقة ناصر حمد المري" }).click();
    await expectHeading(kiosk, "أدخل الرقم السري للبطاقة");
    await waitForHydration(kiosk);
    for (const digit of "1234") await kiosk.getByRole("button", { name: digit, exact: true }).click();
    await kiosk.getByRole("button", { name: "دخول", exact: true }).click();
    await expectHeading(kiosk, "مرحبًا، ناصر حمد المري");
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shot(kiosk, "signatory-home");

    // The form, in the kiosk's chrome: the licence, the declaration, check and submit.
    await kiosk.getByRole("button", { name: "بدء طلب تجديد ترخيص الوقاية من الحريق" }).click();
    await expectHeading(kiosk, "الترخيص المراد تجديده");
    await kiosk.getByRole("button", { name: "حفظ ومتابعة", exact: true }).click();
    await expectText(kiosk, "اختر الترخيص");
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await kiosk.getByRole("radio", { name: /FSL-2025-000512/ }).check();
    await kiosk.getByLabel(/أقر بأنه لم يطرأ على المنشأة/).check();
    await shot(kiosk, "renewal-form");
    await kiosk.getByRole("button", { name: "حفظ ومتابعة", exact: true }).click();
    await kiosk.waitForURL(/\/kiosk\/apply\/[^/]+\/check$/);
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    // Deleting the draft asks first; keeping it leaves everything as it was.
    await kiosk.getByRole("button", { name: "حذف المسودة" }).click();
    await kiosk.getByRole("alert").filter({ hasText: "هل تريد حذف هذه المسودة؟" }).waitFor();
    await expectTouchSized(kiosk);
    await kiosk.getByRole("link", { name: "لا، أبقِ المسودة" }).click();
    await expectCount(kiosk.getByRole("alert").filter({ hasText: "هل تريد حذف هذه المسودة؟" }), 0);
    await kiosk.getByLabel("أؤكد الإقرار الوارد أعلاه").check();
    await kiosk.getByRole("button", { name: "تقديم الطلب" }).click();
    await kiosk.waitForURL(/\/kiosk\/applications\//);

    // The fee, at the card terminal: declined first (nothing paid), then approved.
    await kiosk.getByRole("heading", { name: "سداد الرسوم" }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shot(kiosk, "renewal-pay");
    await kiosk.getByRole("button", { name: /^الدفع بالبطاقة المصرفية/ }).click();
    await expectHeading(kiosk, "الدفع بالبطاقة المصرفية");
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shot(kiosk, "terminal");
    await kiosk.getByRole("button", { name: "رفض العملية" }).click();
    await expectText(kiosk, "رُفضت العملية من جهاز الدفع، ولم يُخصم أي مبلغ. يمكنك المحاولة مرة أخرى ببطاقة أخرى.");
    await kiosk.getByRole("button", { name: /^الدفع بالبطاقة المصرفية/ }).click();
    await kiosk.getByRole("button", { name: "قبول العملية" }).click();
    await expectText(kiosk, "تم السداد بنجاح. يمكنك طباعة الإيصال أدناه.");

    // The receipt goes to the printer from the print screen.
    const [receipt] = await Promise.all([
      kiosk.waitForResponse(/\/kiosk\/receipts\/[^/]+\.pdf/),
      kiosk.getByRole("link", { name: /^طباعة الإيصال RCP-/ }).click(),
    ]);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()["content-type"]).toBe("application/pdf");
    await expectHeading(kiosk, `طباعة الإيصال ${(await kiosk.locator("h1 bdi, h1").first().textContent())!.replace("طباعة الإيصال ", "")}`);
    await kiosk.locator("[data-print-state=sent]").waitFor();
    await expectText(kiosk, "أُرسل المستند إلى الطابعة. استلمه من فتحة الطابعة أسفل الشاشة.");
    expect(await kiosk.evaluate(() => (window as unknown as { printed?: string[] }).printed)).toEqual(["application/pdf"]);
    await expectNoAxeViolations(kiosk, { exclude: ".kiosk-print-frame" });
    await expectTouchSized(kiosk);
    await shot(kiosk, "print-receipt");
    await kiosk.getByRole("link", { name: "العودة" }).click();

    // Straight through: the renewed licence is issued in seconds; the page looks again by itself.
    await kiosk.getByRole("link", { name: /^طباعة الشهادة FSR-/ }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shot(kiosk, "renewal-approved");
    const [certificate] = await Promise.all([
      kiosk.waitForResponse(/\/kiosk\/certificates\/FSR-[^/]+\.pdf/),
      kiosk.getByRole("link", { name: /^طباعة الشهادة FSR-/ }).click(),
    ]);
    expect(certificate.status()).toBe(200);
    await kiosk.locator("[data-print-state=sent]").waitFor();
    expect(await kiosk.evaluate(() => (window as unknown as { printed?: string[] }).printed)).toEqual(["application/pdf", "application/pdf"]); // the receipt, then the certificate (one page, navigated in place)
    await shot(kiosk, "print-certificate");
    await kiosk.getByRole("button", { name: "إنهاء واستلام البطاقة" }).click();
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await kioskContext.close();
    expect(errors, "errors in the kiosk's pages").toEqual([]);
  });

  // Long: the clerk's sign-in may wait for the next one-time code when another test used this one.
  it("in English: a municipal licence renewal at a kiosk, its number typed on the on-screen keyboard, paid and printed", { timeout: 120_000 }, async () => {
    const { kioskContext, kiosk, errors, admin } = await enrolledKiosk(browser(), { ar: "مركز خدمة الجهراء 2", en: "Jahra Service Centre 2" });
    await admin.close();
    await kioskContext.addInitScript(() => {
      window.print = () => undefined;
    });
    await kiosk.goto(`${baseUrl}/kiosk`);
    await kiosk.getByRole("button", { name: "English", exact: true }).click();
    await expectHeading(kiosk, "Government services, self-service");
    // Where the kiosk stands, as the administrator wrote it in English.
    await expectText(kiosk, "Main hall");
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shotEn(kiosk, "attract");
    await kiosk.getByRole("link", { name: "Start: Municipal licence renewal" }).click();
    await kiosk.getByRole("button", { name: "Insert the card of Nasser Hamad Al-Marri" }).click();
    await waitForHydration(kiosk);
    for (const digit of "1234") await kiosk.getByRole("button", { name: digit, exact: true }).click();
    await kiosk.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectHeading(kiosk, "Welcome, Nasser Hamad Al-Marri");
    await shotEn(kiosk, "home");
    await kiosk.getByRole("button", { name: "Start Municipal licence renewal" }).click();
    await expectHeading(kiosk, "The licence to renew");
    // "Another licence": the page asks for its number at once, without saving first.
    const number = kiosk.getByLabel("Licence number");
    expect(await number.isVisible()).toBe(false);
    await kiosk.getByRole("radio", { name: "Another licence (type its number)" }).check();
    await number.waitFor();
    expect(new URL(kiosk.url()).search).toBe("");
    await number.click();
    const keyboard = kiosk.getByRole("group", { name: "English keyboard" });
    // A wrong key, taken back with Delete.
    for (const key of "ML-2024-0013988") await keyboard.getByRole("button", { name: key, exact: true }).click();
    await keyboard.getByRole("button", { name: "Delete" }).click();
    expect(await number.inputValue()).toBe("ML-2024-001398");
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shotEn(kiosk, "keyboard");
    // The Arabic layout, and back.
    await keyboard.getByRole("button", { name: "Switch to Arabic" }).click();
    const arabic = kiosk.getByRole("group", { name: "Arabic keyboard" });
    await arabic.getByRole("button", { name: "ض", exact: true }).waitFor();
    await expectTouchSized(kiosk);
    await shotEn(kiosk, "keyboard-arabic");
    await arabic.getByRole("button", { name: "Switch to English" }).click();
    expect(await number.inputValue()).toBe("ML-2024-001398");
    await keyboard.getByRole("button", { name: "Done" }).click();
    await kiosk.getByRole("button", { name: "Save and continue", exact: true }).click();
    await expectHeading(kiosk, "How long to renew for");
    await kiosk.getByLabel("1 year").check();
    await kiosk.getByRole("button", { name: "Save and continue", exact: true }).click();
    await kiosk.waitForURL(/\/check$/);
    await shotEn(kiosk, "check");
    await kiosk.getByLabel("I confirm the declaration above").check();
    await kiosk.getByRole("button", { name: "Submit application" }).click();
    await kiosk.getByRole("button", { name: /^Pay by card/ }).click({ timeout: 30_000 });
    await shotEn(kiosk, "terminal");
    await kiosk.getByRole("button", { name: "Approve the payment" }).click();
    await expectText(kiosk, "Payment made. You can print the receipt below.");
    // An unpaid violation sends it to the municipality's clerk; the kiosk's page follows by itself.
    await kiosk.getByRole("heading", { name: "The agencies are working on your application" }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shotEn(kiosk, "waiting");
    const reference = (await kiosk.locator("h1 bdi").textContent())!.trim();
    const clerk = await newPage(browser());
    await signInStaffInArabic(clerk.page, baseUrl, "km.clerk", DEMO_PASSWORD, demoStaff.find((s) => s.username === "km.clerk")!.totpSecret!);
    await switchLanguage(clerk.page, "en");
    await visit(clerk.page, `${baseUrl}/staff/inbox?q=${reference}`);
    await clerk.page.getByRole("link", { name: reference }).click();
    await clerk.page.getByRole("button", { name: "Claim this step" }).click();
    await expectText(clerk.page, "You have claimed this step.");
    await clerk.page.getByRole("button", { name: "Approve the renewal" }).click();
    await clerk.page.waitForURL(/\/staff\?decided=/);
    await switchLanguage(clerk.page, "ar");
    await clerk.close();
    await kiosk.getByRole("link", { name: /^Print certificate MLR-/ }).waitFor({ timeout: 30_000 });
    await expectNoAxeViolations(kiosk);
    await expectTouchSized(kiosk);
    await shotEn(kiosk, "approved");
    await kiosk.getByRole("link", { name: /^Print certificate MLR-/ }).click();
    await kiosk.locator("[data-print-state=sent]").waitFor();
    await expectText(kiosk, "Sent to the printer. Take it from the printer's slot below the screen.");
    await shotEn(kiosk, "print");
    // Finishing leaves nothing of the person, their language included: the next one finds Arabic.
    await kiosk.getByRole("button", { name: "Finish and take your card" }).click();
    await expectHeading(kiosk, "الخدمات الحكومية بالخدمة الذاتية");
    await kioskContext.close();
    expect(errors, "errors in the kiosk's pages").toEqual([]);
  });
});

/** A kiosk registered by the administrator and enrolled in a portrait browser, its code typed on the on-screen keyboard. */
async function enrolledKiosk(browser: Browser, name: { ar: string; en: string }) {
  const admin = await newPage(browser);
  await signInStaffInArabic(admin.page, baseUrl, "admin", DEMO_PASSWORD, demoStaff.find((s) => s.username === "admin")!.totpSecret!);
  await visit(admin.page, `${baseUrl}/staff/kiosks`);
  await admin.page.getByLabel("الاسم بالعربية").fill(name.ar);
  await admin.page.getByLabel("الاسم بالإنجليزية").fill(name.en);
  await admin.page.getByLabel("المحافظة").selectOption("jahra");
  await admin.page.getByLabel("الموقع بالعربية").fill("الصالة الرئيسية");
  await admin.page.getByLabel("الموقع بالإنجليزية").fill("Main hall");
  await admin.page.getByRole("button", { name: "قيد الجهاز" }).click();
  const code = (await admin.page.getByTestId("enrolment-code").textContent())!.trim();
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  // The kiosk's printer: headless Chromium has none (printing a PDF there crashes the page), so
  // each frame's print() is counted on the top page instead, with the frame's document type.
  await kioskContext.addInitScript(() => {
    window.print = () => {
      const top = window.top as unknown as { printed?: string[] };
      top.printed = [...(top.printed ?? []), window === window.top ? "page" : document.contentType];
    };
  });
  const kiosk = await kioskContext.newPage();
  const errors: string[] = [];
  kiosk.on("pageerror", (error) => errors.push(error.message));
  await kiosk.goto(`${baseUrl}/kiosk/enrol`);
  await waitForHydration(kiosk);
  await kiosk.getByLabel("رمز التسجيل").click();
  const keyboard = kiosk.getByRole("group", { name: "لوحة المفاتيح الإنجليزية" });
  await keyboard.waitFor();
  await expectNoAxeViolations(kiosk);
  await expectTouchSized(kiosk);
  await shot(kiosk, "keyboard");
  for (const letter of code) await keyboard.getByRole("button", { name: letter, exact: true }).click();
  expect(await kiosk.getByLabel("رمز التسجيل").inputValue()).toBe(code);
  await keyboard.getByRole("button", { name: "تم" }).click();
  await keyboard.waitFor({ state: "detached" });
  await kiosk.getByRole("button", { name: "تسجيل الجهاز" }).click();
  await expectText(kiosk, `سُجّل هذا المتصفح بوصفه جهاز الخدمة الذاتية ${name.ar} (الصالة الرئيسية).`);
  return { kioskContext, kiosk, errors, admin };
}
