import crypto from "node:crypto";
import { deriveSigningKey, type SigningKey } from "../exchange/signing.server";

/**
 * The QR code's token: a compact Ed25519-signed statement of the certificate, checkable offline
 * with only the published keys (/.well-known/jwks.json). Format: `N1.<claims>.<signature>`,
 * both base64url; the claims are short JSON keys so the code scans from a printed page.
 */
export interface CertificateClaims {
  /** Certificate number. */
  n: string;
  /** Service id. */
  s: string;
  /** Holder's name in Arabic and English. */
  ha: string;
  he: string;
  /** Issue and expiry dates (YYYY-MM-DD, Kuwait); no expiry: null. */
  i: string;
  e: string | null;
  /** Key id. */
  k: string;
}

export interface Jwks {
  keys: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" }[];
}

const PREFIX = "N1";

export function certificateSigningKey(rootSecret: string): SigningKey {
  return deriveSigningKey(rootSecret, "certificates");
}

export function signCertificateToken(key: SigningKey, claims: Omit<CertificateClaims, "k">): string {
  const body = Buffer.from(JSON.stringify({ ...claims, k: key.keyId })).toString("base64url");
  const signature = crypto.sign(null, Buffer.from(`${PREFIX}.${body}`), key.privateKey).toString("base64url");
  return `${PREFIX}.${body}.${signature}`;
}

export function publishedKeys(keys: SigningKey[]): Jwks {
  return {
    keys: keys.map((key) => {
      const jwk = key.publicKey.export({ format: "jwk" }) as { x: string };
      return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: key.keyId, alg: "EdDSA", use: "sig" };
    }),
  };
}

export type TokenCheck = { ok: true; claims: CertificateClaims } | { ok: false; reason: "malformed" | "unknown-key" | "bad-signature" };

/** Checks a token with nothing but the published keys: the offline verifier's whole job. */
export function verifyCertificateToken(token: string, jwks: Jwks): TokenCheck {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: "malformed" };
  let claims: CertificateClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as CertificateClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims?.n !== "string" || typeof claims.k !== "string") return { ok: false, reason: "malformed" };
  const jwk = jwks.keys.find((key) => key.kid === claims.k);
  if (!jwk) return { ok: false, reason: "unknown-key" };
  const publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
  const isValid = crypto.verify(null, Buffer.from(`${PREFIX}.${parts[1]}`), publicKey, Buffer.from(parts[2]!, "base64url"));
  return isValid ? { ok: true, claims } : { ok: false, reason: "bad-signature" };
}

/** The token inside a verify URL (`…/verify/<code>?t=<token>`), or the text itself if it is a token. */
export function tokenFromScan(scanned: string): string | null {
  if (scanned.startsWith(`${PREFIX}.`)) return scanned;
  try {
    return new URL(scanned).searchParams.get("t");
  } catch {
    return null;
  }
}
