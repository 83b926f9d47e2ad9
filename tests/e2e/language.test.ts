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
