// `npm run restore -- <archive.tar.gz> [--force]`: puts a backup back into DATA_DIR (and the
// database at DATABASE_URL). A place that holds data is refused unless --force; every file is
// checked against the archive's manifest before anything is written, every table after.
import { parseEnv } from "../app/env.server";
import { restore, RestoreRefused } from "./backup-archive";
import { exitOnStartupError } from "./startup";

async function main() {
  const args = process.argv.slice(2);
  const archive = args.find((arg) => !arg.startsWith("--"));
  if (!archive) {
    console.error("Usage: npm run restore -- <archive.tar.gz> [--force]");
    process.exit(2);
  }
  const env = parseEnv();
  const started = Date.now();
  try {
    const result = await restore(env, archive, { force: args.includes("--force") });
    console.log(
      `Restored ${archive} (made ${result.manifest.createdAt}): ${result.tables} tables, ${result.rows} rows, each matching the manifest, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch(exitOnStartupError);
