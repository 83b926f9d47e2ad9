import { describe, expect, it } from "vitest";
import { certificateSigningKey, publishedKeys, signCertificateToken, tokenFromScan, verifyCertificateToken } from "./token.server";

const key = certificateSigningKey("a root secret that is long enough to use here");
const jwks = publishedKeys([key]);
const claims = { n: "FSL-2026-000123", s: "fire-safety-licence", ha: "أحمد عبدالله العنزي", he: "Ahmad Abdullah Al-Enezi", i: "2026-11-22", e: "2027-11-22" };

describe("certificate tokens", () => {
  it("verify with only the published keys, and carry the certificate's public facts", () => {
    const token = signCertificateToken(key, claims);
    expect(verifyCertificateToken(token, jwks)).toEqual({ ok: true, claims: { ...claims, k: "certificates-v1" } });
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: "certificates-v1", alg: "EdDSA" });
  });

  it("are small enough for a QR code read from paper", () => {
    expect(`https://nafitha.example/verify/Xk3pQ9vT2mLw8RbN4cYh?t=${signCertificateToken(key, claims)}`.length).toBeLessThan(400);
  });

  it("refuse a changed claim, another key, and garbage", () => {
    const token = signCertificateToken(key, claims);
    const [prefix, , signature] = token.split(".");
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, e: "2099-01-01", k: "certificates-v1" })).toString("base64url")}.${signature}`;
    expect(verifyCertificateToken(forged, jwks)).toEqual({ ok: false, reason: "bad-signature" });
    const other = publishedKeys([certificateSigningKey("another secret, just as long as the first one")]);
    expect(verifyCertificateToken(token, { keys: other.keys.map((k) => ({ ...k, kid: "certificates-v1" })) })).toEqual({ ok: false, reason: "bad-signature" });
    expect(verifyCertificateToken(token, { keys: [] })).toEqual({ ok: false, reason: "unknown-key" });
    expect(verifyCertificateToken("hello", jwks)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyCertificateToken("N1.!!!.x", jwks)).toEqual({ ok: false, reason: "malformed" });
  });

  it("are found in a scanned verify URL", () => {
    expect(tokenFromScan("https://nafitha.example/verify/abc?t=N1.a.b")).toBe("N1.a.b");
    expect(tokenFromScan("N1.a.b")).toBe("N1.a.b");
    expect(tokenFromScan("not a url")).toBeNull();
  });
});
