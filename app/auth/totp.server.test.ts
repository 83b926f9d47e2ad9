import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from "./totp.server";

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;

describe("TOTP", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("matches the RFC 6238 vector at t=%i", (seconds, code) => {
    expect(totpCode(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(code);
  });

  it("makes 160-bit base32 secrets", () => {
    expect(generateTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("accepts the code of the neighbouring step but not a replay or a stranger", () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    const previous = totpCode(RFC_SECRET, step - 1);
    expect(verifyTotp(RFC_SECRET, previous, at, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, previous, at, step - 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at, step)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 3), at, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "12345", at, null)).toBeNull();
  });

  it("writes the otpauth:// address an authenticator app reads from the QR code", () => {
    const uri = new URL(totpUri(RFC_SECRET, "kcb.officer", "Nafitha"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Nafitha:kcb.officer");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: RFC_SECRET, issuer: "Nafitha", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
