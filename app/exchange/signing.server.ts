import crypto from "node:crypto";

// Ed25519 signatures on every exchange message, by the portal and by each agency. The embedded
// default derives every key from the portal's root secret (agencies are simulated in-process);
// a deployment configures each real agency's public key instead.

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export interface SigningKey {
  keyId: string;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
}

export function signingKeyFromSeed(keyId: string, seed: Buffer): SigningKey {
  if (seed.length !== 32) throw new Error("An Ed25519 seed is 32 bytes");
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
  return { keyId, privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

export function deriveSigningKey(rootSecret: string, purpose: string): SigningKey {
  const seed = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(rootSecret), "nafitha-exchange", purpose, 32));
  return signingKeyFromSeed(`${purpose}-v1`, seed);
}

export const SIGNATURE_HEADER = "x-nafitha-signature";

/** `keyId:signature` over the exact bytes of the body. */
export function signBody(key: SigningKey, body: string): string {
  return `${key.keyId}:${crypto.sign(null, Buffer.from(body), key.privateKey).toString("base64url")}`;
}

export function verifyBody(header: string | null, body: string, trusted: Map<string, crypto.KeyObject>): { ok: true; keyId: string } | { ok: false } {
  if (!header) return { ok: false };
  const separator = header.lastIndexOf(":");
  const keyId = header.slice(0, separator);
  const publicKey = trusted.get(keyId);
  if (separator < 1 || !publicKey) return { ok: false };
  try {
    return crypto.verify(null, Buffer.from(body), publicKey, Buffer.from(header.slice(separator + 1), "base64url")) ? { ok: true, keyId } : { ok: false };
  } catch {
    return { ok: false };
  }
}

export const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** The portal's key and every agency's, as the embedded default has them. */
export interface ExchangeKeys {
  portal: SigningKey;
  /** A simulated agency's signing key (the embedded default signs its answers with it). */
  agency(agencyId: string): SigningKey;
  /** The key an agency's answers must verify with: its published key if configured, else the derived one. */
  agencyPublicKey(agencyId: string): { keyId: string; publicKey: crypto.KeyObject };
}

export type PublicKeyReading =
  { ok: true; key: crypto.KeyObject; der: string; fingerprint: string } | { ok: false; problem: "not-a-key" | "not-ed25519" | "private-key" };

/**
 * Reads a public key as agencies publish it: PEM ("-----BEGIN PUBLIC KEY-----") or base64 SPKI
 * DER. Only Ed25519 is accepted. The fingerprint is SHA-256 of the DER, in hex.
 */
export function readPublicKey(text: string): PublicKeyReading {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 4_000) return { ok: false, problem: "not-a-key" };
  // Node would derive the public key from a private one; a private key pasted here is refused, never kept.
  if (/PRIVATE KEY/.test(trimmed)) return { ok: false, problem: "private-key" };
  let key: crypto.KeyObject;
  try {
    key = trimmed.startsWith("-----BEGIN PUBLIC KEY-----")
      ? crypto.createPublicKey({ key: trimmed, format: "pem" })
      : crypto.createPublicKey({ key: Buffer.from(trimmed.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
  } catch {
    return { ok: false, problem: "not-a-key" };
  }
  if (key.type !== "public") return { ok: false, problem: "not-a-key" };
  if (key.asymmetricKeyType !== "ed25519") return { ok: false, problem: "not-ed25519" };
  const der = key.export({ format: "der", type: "spki" });
  return { ok: true, key, der: der.toString("base64"), fingerprint: crypto.createHash("sha256").update(der).digest("hex") };
}

/**
 * Reads `AGENCY_PUBLIC_KEYS` ("kcb=<base64 SPKI DER>;moj=…"): the published Ed25519 keys of real
 * agencies, which the portal then trusts instead of the keys it derives for simulated ones.
 */
export function parseAgencyPublicKeys(setting: string | undefined): Map<string, crypto.KeyObject> {
  const keys = new Map<string, crypto.KeyObject>();
  for (const entry of (setting ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [agencyId, der] = entry.split(/=(.*)/s);
    const reading = readPublicKey(der ?? "");
    if (!reading.ok || der?.trim().startsWith("-----")) throw new Error(`AGENCY_PUBLIC_KEYS: the key of "${agencyId}" is not a base64 SPKI Ed25519 public key`);
    keys.set(agencyId!.trim(), reading.key);
  }
  return keys;
}

export function deriveExchangeKeys(rootSecret: string, publishedAgencyKeys: ReadonlyMap<string, crypto.KeyObject> = new Map()): ExchangeKeys {
  const agencies = new Map<string, SigningKey>();
  const portal = deriveSigningKey(rootSecret, "portal");
  return {
    portal,
    agencyPublicKey(agencyId) {
      const published = publishedAgencyKeys.get(agencyId);
      return published ? { keyId: `agency-${agencyId}-v1`, publicKey: published } : this.agency(agencyId);
    },
    agency(agencyId) {
      let key = agencies.get(agencyId);
      if (!key) {
        key = deriveSigningKey(rootSecret, `agency-${agencyId}`);
        agencies.set(agencyId, key);
      }
      return key;
    },
  };
}
