// Verifies the whole audit log now: every row's keyed hash and link, and the newest signed
// checkpoint (that no counted row has gone). Prints the result; exits 0 when intact, and 1 when
// broken (naming the first bad row) or when it could not run. The result is recorded for the
// administrators' security page. With the embedded database, stop the portal first (one process
// at a time may open it).
//   npm run audit:verify
import { parseEnv } from "../app/env.server";
import { auditCheckpointsOf, startRuntime } from "../app/runtime.server";
import { verifyAuditLog } from "../app/audit/verification.server";
import type { AuditChainReport } from "../app/audit/audit.server";
import { exitOnStartupError } from "./startup";

const problems: Record<Exclude<AuditChainReport, { intact: true }>["problem"], string> = {
  altered: "its hash is not what its content and the chain's key make (edited, reordered, or a row before it removed)",
  "unkeyed-row": "it claims the old keyless hash after keyed rows (a downgrade)",
  "missing-rows": "rows that a signed checkpoint counted are gone (the newest deleted, or the table emptied)",
  "forged-checkpoint": "the checkpoint file holds a record whose signature does not verify",
};

export function describeReport(report: AuditChainReport): string {
  if (report.intact)
    return `INTACT: ${report.count} audit events verified${report.checkpointLastId === null ? " (no checkpoint yet)" : `, held to the checkpoint at event #${report.checkpointLastId}`}.`;
  const where =
    report.problem === "forged-checkpoint"
      ? "the checkpoint file"
      : report.problem === "missing-rows"
        ? `event #${report.brokenAtId}${report.lastIntactId === null ? "" : ` (the rows after #${report.lastIntactId})`}`
        : `event #${report.brokenAtId}`;
  return `BROKEN at ${where}: ${problems[report.problem]}. ${report.count} events verified before it.`;
}

async function main() {
  const { runtime, stop } = await startRuntime(parseEnv(), "script");
  try {
    const report = await verifyAuditLog(runtime.database.db, auditCheckpointsOf(runtime), "on-demand");
    const text = describeReport(report);
    if (report.intact) console.log(text);
    else console.error(text);
    process.exitCode = report.intact ? 0 : 1;
  } finally {
    await stop();
  }
}

main().catch(exitOnStartupError);
