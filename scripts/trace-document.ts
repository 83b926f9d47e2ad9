// Who downloaded this copy, and when: reads the per-download mark of a PDF the portal served
// and checks it was made by this portal (its HMAC, keyed from the portal's secret). Usage:
//   node --import tsx scripts/trace-document.ts <file.pdf>
// Needs the portal's secret: NAFITHA_SECRET, or DATA_DIR/secret.key as the embedded default keeps it.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { readMark } from "../app/certificates/certificates.server";
import { parseEnv } from "../app/env.server";
import { deriveSecrets, loadRootSecret } from "../app/secrets.server";

export function trace(pdf: Buffer, markKey: Buffer): { exitCode: number; report: string } {
  const result = readMark(pdf, markKey);
  if (!result.ok) {
    return {
      exitCode: 1,
      report: result.reason === "no-mark" ? "No download mark in this document." : "The download mark is not genuine: it was not made by this portal.",
    };
  }
  const { mark } = result;
  return {
    exitCode: 0,
    report: [
      `Certificate ${mark.number}, copy ${mark.copyId}`,
      `  downloaded by: ${mark.name} (account ${mark.accountId})`,
      `  downloaded at: ${mark.at}`,
      "  (The audit log has the matching event: certificate.downloaded with this copy id.)",
    ].join("\n"),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: trace-document <file.pdf>");
    process.exit(2);
  }
  const env = parseEnv();
  const { exitCode, report } = trace(fs.readFileSync(file), deriveSecrets(loadRootSecret(env.NAFITHA_SECRET, env.DATA_DIR)).markKey);
  (exitCode === 0 ? console.log : console.error)(report);
  process.exit(exitCode);
}
