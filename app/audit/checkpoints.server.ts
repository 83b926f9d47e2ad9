import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "../../db/client";
import { signingKeyFromSeed, type SigningKey } from "../exchange/signing.server";
import { log } from "../log.server";
import { auditChainHead } from "./audit.server";

// The audit chain's head (its newest row, that row's hash, and the number of rows) is written out
// regularly as a signed record, outside the audit table: appended to a file under the data
// directory and to the log (which a deployment ships elsewhere). Someone who can write to the
// database can delete the newest rows, or all of them, and leave a chain that checks out; they
// cannot also unwrite what the checkpoints recorded, nor sign a new one.

export interface AuditCheckpoint {
  v: 1;
  lastId: number;
  hash: string | null;
  count: number;
  at: string;
  keyId: string;
  signature: string;
}

export interface CheckpointStore {
  file: string;
  key: SigningKey;
}

export function checkpointStore(dataDir: string, seed: Buffer): CheckpointStore {
  return { file: path.join(dataDir, "audit", "checkpoints.jsonl"), key: signingKeyFromSeed("audit-checkpoints-v1", seed) };
}

const signedText = (record: Omit<AuditCheckpoint, "signature">) =>
  JSON.stringify([record.v, record.lastId, record.hash, record.count, record.at, record.keyId]);

/** Signs the chain's head as it is now, appends it to the file, and logs it. */
export async function writeAuditCheckpoint(db: Database, store: CheckpointStore, now = new Date()): Promise<AuditCheckpoint> {
  const head = await auditChainHead(db);
  const record = { v: 1 as const, ...head, at: now.toISOString(), keyId: store.key.keyId };
  const checkpoint: AuditCheckpoint = { ...record, signature: crypto.sign(null, Buffer.from(signedText(record)), store.key.privateKey).toString("base64url") };
  fs.mkdirSync(path.dirname(store.file), { recursive: true });
  fs.appendFileSync(store.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  log.info("audit checkpoint", { ...checkpoint });
  return checkpoint;
}

export type CheckpointRead = { ok: true; latest: AuditCheckpoint | null; count: number } | { ok: false; badLine: number };

/** The newest checkpoint of the file, every line's signature checked; a line that does not verify is reported. */
export function readAuditCheckpoints(store: CheckpointStore): CheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(store.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, latest: null, count: 0 };
    throw error;
  }
  let latest: AuditCheckpoint | null = null;
  let count = 0;
  for (const [index, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let checkpoint: AuditCheckpoint;
    try {
      checkpoint = JSON.parse(line) as AuditCheckpoint;
      const { signature, ...record } = checkpoint;
      const isValid =
        checkpoint.keyId === store.key.keyId && crypto.verify(null, Buffer.from(signedText(record)), store.key.publicKey, Buffer.from(signature, "base64url"));
      if (!isValid) return { ok: false, badLine: index + 1 };
    } catch {
      return { ok: false, badLine: index + 1 };
    }
    count++;
    if (!latest || checkpoint.lastId >= latest.lastId) latest = checkpoint;
  }
  return { ok: true, latest, count };
}
