import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

const FALLBACK = "/dashboard";

// Each of these has been used to send someone from a trusted sign-in page to another site.
const hostile: [string, string][] = [
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with path", "//evil.example/sign-in"],
  ["triple slash", "///evil.example"],
  ["backslash after slash", "/\\evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["slash and backslash mixed", "/\\/evil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["encoded backslash, lower case", "/%5cevil.example"],
  ["double-encoded backslash", "/%255Cevil.example"],
  ["encoded slash after slash", "/%2Fevil.example"],
  ["double-encoded slashes", "/%252F%252Fevil.example"],
  ["tab inside the slashes", "/\t/evil.example"],
  ["newline inside the slashes", "/\n/evil.example"],
  ["carriage return", "/\r/evil.example"],
  ["encoded tab", "/%09/evil.example"],
  ["encoded newline", "/%0A/evil.example"],
  ["NUL byte", "/\u0000/evil.example"],
  ["leading space", " //evil.example"],
  ["leading tab", "\t/dashboard"],
  ["no-break space", "/\u00a0/evil.example"],
  ["absolute https URL", "https://evil.example/"],
  ["absolute http URL", "http://evil.example"],
  ["scheme without slashes", "https:evil.example"],
  ["javascript scheme", "javascript:alert(document.cookie)"],
  ["encoded javascript scheme", "javascript%3Aalert(1)"],
  ["data scheme", "data:text/html,<script>alert(1)</script>"],
  ["dot segments collapsing into two slashes", "/.//evil.example"],
  ["dot-dot segments collapsing", "/x/..//evil.example"],
  ["user info", "//user@evil.example"],
  ["relative path without slash", "dashboard"],
  ["dot relative path", "./dashboard"],
  ["empty", ""],
  ["too long", `/${"a".repeat(5000)}`],
  ["malformed percent-encoding then slashes", "/%E0%A4%A//evil.example"],
];

describe("safeRedirectPath", () => {
  it.each(hostile)("falls back for %s (%j)", (_name, target) => {
    expect(safeRedirectPath(target, FALLBACK)).toBe(FALLBACK);
  });

  it("falls back for what is not a string (a file field, nothing)", () => {
    expect(safeRedirectPath(null, FALLBACK)).toBe(FALLBACK);
    expect(safeRedirectPath(undefined, FALLBACK)).toBe(FALLBACK);
    expect(safeRedirectPath(new File(["x"], "x.txt"), FALLBACK)).toBe(FALLBACK);
  });

  it.each([
    ["/services", "/services"],
    ["/services?q=%D8%B1%D8%AE%D8%B5%D8%A9&page=2", "/services?q=%D8%B1%D8%AE%D8%B5%D8%A9&page=2"],
    ["/applications/0b7c6a9e-4d5e-4f6a-9b8c-1d2e3f4a5b6c#history", "/applications/0b7c6a9e-4d5e-4f6a-9b8c-1d2e3f4a5b6c#history"],
    ["/staff/inbox?step=review", "/staff/inbox?step=review"],
    ["/services?q=50%25", "/services?q=50%25"],
    ["/services/./fire-safety-renewal", "/services/fire-safety-renewal"],
  ])("keeps the portal's own path %j", (target, expected) => {
    expect(safeRedirectPath(target, FALLBACK)).toBe(expected);
  });
});
