// `npm run backup [-- <archive.tar.gz>]`: one archive of this deployment (the database, the files
// under DATA_DIR, a manifest of digests). On PostgreSQL it runs beside the portal; the embedded
// database must be stopped first (its lock says so). Default: ./backups/nafitha-<time>.tar.gz.
import path from "node:path";
import { parseEnv } from "../app/env.server";
import { backup } from "./backup-archive";
import { exitOnStartupError } from "./startup";

async function main() {
  const env = parseEnv();
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const archive = process.argv[2] ?? path.join("backups", `nafitha-${stamp}.tar.gz`);
  const started = Date.now();
  const { manifest } = await backup(env, archive);
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `Backed up the ${manifest.driver} database (${manifest.tables.length} tables, ${rows} rows) and ${manifest.files.filter((file) => file.path.startsWith("files")).length} files to ${archive} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main().catch(exitOnStartupError);
