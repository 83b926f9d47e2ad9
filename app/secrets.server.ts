import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Keys derived from one root secret, each for one purpose, so none is reused across purposes. */
export interface Secrets {
  /** AES-256-GCM key that seals TOTP secrets at rest. */
  sealKey: Buffer;
  /** HMAC key of the per-download marks on documents. */
  markKey: Buffer;
  /** Passphrase of the agencies' PKCS#12 signing files. */
  pkiPassphrase: string;
  /** HMAC key shared with the simulated payment gateway, which signs what it sends back. */
  gatewayKey: Buffer;
  /** The root of each kiosk's card-reader bridge key (kept nowhere in the database). */
  kioskBridgeKey: Buffer;
  /** HMAC key of the audit log's chain: without it no row can be re-hashed. */
  auditChainKey: Buffer;
  /** Ed25519 seed of the key that signs the audit chain's checkpoints. */
  auditCheckpointSeed: Buffer;
}

export function deriveSecrets(rootSecret: string): Secrets {
  const root = Buffer.from(rootSecret, "utf8");
  const derive = (info: string) => Buffer.from(crypto.hkdfSync("sha256", root, "nafitha", info, 32));
  return {
    sealKey: derive("seal:v1"),
    markKey: derive("mark:v1"),
    pkiPassphrase: derive("pki:v1").toString("base64url"),
    gatewayKey: derive("gateway:v1"),
    kioskBridgeKey: derive("kiosk-bridge:v1"),
    auditChainKey: derive("audit-chain:v1"),
    auditCheckpointSeed: derive("audit-checkpoints:v1"),
  };
}

/**
 * The root secret comes from NAFITHA_SECRET; the embedded default makes one on first start
 * and keeps it under the data dir (mode 0600), so restarts keep working sessions and TOTP.
 */
export function loadRootSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}

export function seal(key: Buffer, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function unseal(key: Buffer, sealed: string): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("Unknown sealed value format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
