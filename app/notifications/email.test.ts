import { describe, expect, it } from "vitest";
import { brandColours } from "../ui/brand";
import { emailHtml } from "./email";

describe("an email's HTML", () => {
  it("is in the message's language and direction, on the portal's letterhead", () => {
    const arabic = emailHtml({ subject: "استُلم طلبك", body: "استلمنا طلبك رقم NAF-2026-000042.\nتابعه من لوحة الطلبات.", language: "ar" });
    expect(arabic).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(arabic).toContain("<title>استُلم طلبك</title>");
    expect(arabic).toContain(">نافذة</div>");
    expect(arabic).toContain(">دولة الكويت</div>");
    expect(arabic).toContain(`background:${brandColours.brand}`);
    expect(arabic).toContain(`background:${brandColours.accentOnBrand}`);
    // Each line of the text is its own paragraph.
    expect(arabic.match(/<p /g)).toHaveLength(2);
    expect(arabic).toContain("لن تطلب منك نافذة كلمة المرور");
    const english = emailHtml({ subject: "Application received", body: "We received it.", language: "en" });
    expect(english).toMatch(/<html lang="en" dir="ltr">/);
    expect(english).toContain(">Nafitha</div>");
    expect(english).toContain("Nafitha will never ask for your password");
  });

  it("escapes what it was given, and links the web addresses in the text", () => {
    const html = emailHtml({
      subject: `<img src=x onerror="alert(1)">`,
      body: `Open https://nafitha.example/applications/42, then sign in. <script>alert(1)</script>`,
      language: "en",
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain(
      `<a href="https://nafitha.example/applications/42" style="color:#0b5394" dir="ltr">https://nafitha.example/applications/42</a>, then`,
    );
  });
});
