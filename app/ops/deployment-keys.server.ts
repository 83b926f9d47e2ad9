import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { deploymentChecks } from "../../db/schema";

// What must travel with a database for the portal to work on it: the root secret (staff second
// factors, sealed values, the audit chain's key come from it) and the certificate authority
// (every certificate's signature chains to it). A restore that lacks either is stopped at
// start-up with a sentence naming the setting, before anything is made anew in its place.

export interface KeySource {
  /** "setting": NAFITHA_SECRET; "file": DATA_DIR/secret.key. */
  secretFrom: "setting" | "file";
  dataDir: string;
  pkiDir: string;
}

const checkOf = (rootSecret: string) => crypto.createHmac("sha256", rootSecret).update("nafitha:secret-check:v1").digest("base64url");
export const CA_FILES = ["root-ca.key.pem", "root-ca.cert.pem"] as const;

/** Whether the root secret would have to be made now (no setting, no secret.key): allowed only for a new database. */
export function isSecretMissing(configured: string | undefined, dataDir: string) {
  return !configured && !fs.existsSync(path.join(dataDir, "secret.key"));
}

/**
 * The problems, as lines naming the setting, before the secret is loaded: a database made with a
 * secret whose secret.key is gone.
 */
export async function missingKeyProblems(db: Database, source: KeySource, isSecretAbsent: boolean): Promise<string[]> {
  const problems: string[] = [];
  const [made] = await db.select({ caFingerprint: deploymentChecks.caFingerprint }).from(deploymentChecks).where(eq(deploymentChecks.id, 1));
  if (made && isSecretAbsent)
    problems.push(
      `DATA_DIR: ${path.join(source.dataDir, "secret.key")} is missing, but this database was made with a root secret; restore secret.key from the same backup as the database, or set NAFITHA_SECRET to that secret`,
    );
  const present = caFingerprintIn(source.pkiDir);
  if (made?.caFingerprint && present === null)
    problems.push(
      `PKI_DIR: the certificate authority that signs this database's certificates is missing from ${source.pkiDir} (${CA_FILES.join(", ")}); restore pki/ from the same backup as the database rather than making a new one`,
    );
  else if (made?.caFingerprint && present !== made.caFingerprint)
    problems.push(
      `PKI_DIR: the certificate authority in ${source.pkiDir} is not the one that signed this database's certificates; restore pki/ from the same backup as the database`,
    );
  // A CA made before its fingerprint could be recorded (or by an earlier version) is recorded now.
  else if (made && !made.caFingerprint && present) await recordCa(db, present);
  return problems;
}

/** Records the root secret's check on a new database, or says plainly that the secret differs. */
export async function secretProblems(db: Database, rootSecret: string, source: KeySource): Promise<string[]> {
  const check = checkOf(rootSecret);
  await db.insert(deploymentChecks).values({ id: 1, secretCheck: check }).onConflictDoNothing({ target: deploymentChecks.id });
  const [made] = await db.select({ secretCheck: deploymentChecks.secretCheck }).from(deploymentChecks).where(eq(deploymentChecks.id, 1));
  if (!made || made.secretCheck === check) return [];
  return [
    source.secretFrom === "setting"
      ? "NAFITHA_SECRET: this is not the root secret this database was made with; set it to that secret (a restore needs the same secret as its backup)"
      : `DATA_DIR: ${path.join(source.dataDir, "secret.key")} is not the root secret this database was made with; restore secret.key from the same backup as the database, or set NAFITHA_SECRET to that secret`,
  ];
}

/** The root CA's fingerprint in a PKI dir, or null when it has not been made there. */
export function caFingerprintIn(pkiDir: string): string | null {
  if (!CA_FILES.every((file) => fs.existsSync(path.join(pkiDir, file)))) return null;
  return crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(pkiDir, "root-ca.cert.pem"), "utf8").trim())
    .digest("hex");
}

/** Records the CA this database's certificates chain to (when it is first made, or first seen). */
export async function recordCa(db: Database, fingerprint: string) {
  await db.update(deploymentChecks).set({ caFingerprint: fingerprint }).where(eq(deploymentChecks.id, 1));
}
