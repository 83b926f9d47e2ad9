import { describe, expect, inject, it } from "vitest";
import { expectLanguage, expectNoAxeViolations, hasChromium, newPage, switchLanguage, useBrowser, visit } from "../setup/browser";

// The language a visitor meets: their browser's on a first visit, the one a link names, and then
// the one they chose, remembered.

const baseUrl = inject("baseUrl");
const htmlLang = (html: string) => /<html lang="(\w+)" dir="(\w+)"/.exec(html)?.slice(1);

describe("the language of the portal", () => {
  it("answers a first visit in the browser's language, and Arabic when it asks for neither", async () => {
    for (const [header, expected] of [
      ["en-US,en;q=0.9", ["en", "ltr"]],
      ["ar-KW,ar;q=0.9,en;q=0.8", ["ar", "rtl"]],
      ["fr-FR,fr;q=0.9", ["ar", "rtl"]],
    ] as const) {
      const answer = await fetch(`${baseUrl}/services`, { headers: { "accept-language": header } });
      expect(htmlLang(await answer.text()), header).toEqual(expected);
      expect(answer.headers.get("content-language")).toBe(expected[0]);
    }
  });

  it("opens a link that names its language in it, at the address without it, and remembers the choice", async () => {
    const linked = await fetch(`${baseUrl}/services/social-loan?lang=en`, { redirect: "manual", headers: { "accept-language": "ar" } });
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe("/services/social-loan");
    const cookie = linked.headers.get("set-cookie")!.split(";")[0]!;
    const page = await fetch(`${baseUrl}/services/social-loan`, { headers: { cookie, "accept-language": "ar" } });
    expect(htmlLang(await page.text())).toEqual(["en", "ltr"]);
    const home = await fetch(`${baseUrl}/`, { headers: { cookie, "accept-language": "ar" } });
    expect(htmlLang(await home.text())).toEqual(["en", "ltr"]);
  });
});

describe.skipIf(!hasChromium)("the language in a browser", () => {
  const browser = useBrowser();

  it("in an English browser: English first, Arabic once chosen, and a link's language after that", async () => {
    const tab = await newPage(browser(), { locale: "en-US" });
    const { page } = tab;
    await visit(page, `${baseUrl}/`);
    await expectLanguage(page, "en");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    await expectNoAxeViolations(page);

    await switchLanguage(page, "ar");
    await visit(page, `${baseUrl}/services`);
    await expectLanguage(page, "ar");

    await visit(page, `${baseUrl}/services?lang=en`);
    expect(new URL(page.url()).search).toBe("");
    await expectLanguage(page, "en");
    await visit(page, `${baseUrl}/status`);
    await expectLanguage(page, "en");
    await tab.close();
  });
});

describe.skipIf(!hasChromium)("a page's translations in the browser", () => {
  const browser = useBrowser();

  it("come with the page, in its language only, and a later page's are fetched once and kept", async () => {
    const tab = await newPage(browser(), { locale: "ar" });
    const { page } = tab;
    const fetched: string[] = [];
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/i18n/")) fetched.push(new URL(request.url()).pathname);
    });
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script") scripts.push(await response.text());
    });
    await visit(page, `${baseUrl}/services`);
    await expectLanguage(page, "ar");
    // Nothing is fetched for the first page: what it needs came inside it, Arabic only.
    expect(fetched).toEqual([]);
    const boot = JSON.parse((await page.locator("#nafitha-i18n").textContent()) ?? "{}") as { lang: string; resources: Record<string, unknown> };
    expect(boot.lang).toBe("ar");
    expect(Object.keys(boot.resources).sort()).toEqual(["catalogue", "common", "status"]);
    // No script carries translations: the English footer's words and the staff pages' Arabic are in none.
    expect(scripts.length).toBeGreaterThan(5);
    for (const script of scripts) {
      expect(script).not.toContain("Skip to main content");
      expect(script).not.toContain("صندوق المهام");
    }

    // A page whose words the first one was not sent: fetched once, in Arabic, and shown translated.
    await page.getByRole("link", { name: "أداء الخدمات" }).click();
    await page.waitForURL(`${baseUrl}/performance`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("أداء");
    expect(fetched).toEqual(["/i18n/ar/performance"]);
    await expect.poll(() => page.locator("main").textContent()).not.toMatch(/\b[a-z]+\.[a-zA-Z]+\.[a-zA-Z]+\b/);

    // The other language after a switch: its words are fetched, and the page is all English.
    await switchLanguage(page, "en");
    await expectLanguage(page, "en");
    await expect.poll(() => page.locator("h1").textContent()).toBe("How the services perform");
    expect(fetched.filter((path) => path.startsWith("/i18n/en/"))).not.toEqual([]);
    await tab.close();
  });

  it("are answered for a known language and namespace only, and kept for good under the current version", async () => {
    const page = await fetch(`${baseUrl}/services`, { headers: { "accept-language": "ar" } });
    const version = /"version":"(\w+)"/.exec(await page.text())?.[1];
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    const current = await fetch(`${baseUrl}/i18n/en/staff?v=${version}`);
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toContain("immutable");
    expect(((await current.json()) as Record<string, unknown>).inbox).toBeTruthy();
    const old = await fetch(`${baseUrl}/i18n/en/staff?v=000000000000`);
    expect(old.headers.get("cache-control")).toBe("no-cache");
    for (const wrong of ["/i18n/fr/staff", "/i18n/en/secrets", "/i18n/en/..%2Fpackage"]) expect((await fetch(`${baseUrl}${wrong}`)).status, wrong).toBe(404);
  });
});
