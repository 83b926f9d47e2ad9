import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import * as tar from "tar";
import type { Env } from "../app/env.server";
import { acquireDataDirLock } from "../db/lock";

// One archive holds what a Nafitha deployment cannot be rebuilt without: the database (PGlite's
// data dump, or pg_dump's custom format taken from one snapshot), and the files under the data
// directory (the root secret, the CA and agency certificates, the audit checkpoints), with the CA's
// own place (PKI_DIR) when it is kept elsewhere, as on storage every server sees. Uploads live in
// the database. A manifest gives each file's digest and each table's row count and
// digest, read from the same snapshot as the dump, so a restore can prove it put everything back.

export const ARCHIVE_FORMAT = 1;

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  createdAt: string;
  driver: "pglite" | "postgres";
  /** Files in the archive (besides this manifest), with their SHA-256. */
  files: { path: string; bytes: number; sha256: string }[];
  /** Every table's rows, as counted and digested in the dump's snapshot. */
  tables: TableFingerprint[];
}

export interface TableFingerprint {
  table: string;
  rows: number;
  digest: string;
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Each table's row count and a digest of its rows that does not depend on their order. */
export async function tableFingerprints(query: Query): Promise<TableFingerprint[]> {
  const tables = await query(
    `select table_schema || '.' || table_name as name from information_schema.tables
     where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const result: TableFingerprint[] = [];
  for (const { name } of tables) {
    const [schema, table] = String(name).split(".");
    const [row] = await query(
      `select count(*)::bigint as rows, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as digest from "${schema}"."${table}" t`,
    );
    result.push({ table: String(name), rows: Number(row?.rows ?? 0), digest: String(row?.digest ?? "") });
  }
  return result;
}

const sha256File = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Every file below `root` (relative paths, sorted), leaving out the top-level entries named. */
function filesUnder(root: string, leaveOut: readonly string[] = []): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !leaveOut.includes(file.split(path.sep)[0]!))
    .sort();
}

/** The files to keep from the data directory (the embedded database and the lock are not files to copy). */
const dataFiles = (dataDir: string) => filesUnder(dataDir, ["pglite", "nafitha.lock"]);

type Place = Pick<Env, "DATA_DIR" | "DATABASE_URL" | "PKI_DIR">;

/** Where the deployment keeps its CA and agency certificates (as the runtime reads them). */
const pkiDirOf = (env: Place) => path.resolve(env.PKI_DIR ?? path.join(env.DATA_DIR, "pki"));

/** The CA's place when it is not under DATA_DIR (PKI_DIR on storage every server sees): archived as `pki/`. */
function separatePkiDir(env: Place): string | null {
  const inData = path.relative(path.resolve(env.DATA_DIR), pkiDirOf(env));
  return inData.startsWith("..") || path.isAbsolute(inData) ? pkiDirOf(env) : null;
}

/** Where a file of the archive goes back to: the CA's files to the target's PKI place, wherever it is; the rest under DATA_DIR. */
function restoredPathOf(env: Place, archived: string): string {
  const [top, ...rest] = archived.split(path.sep);
  if (top === "pki") return path.join(pkiDirOf(env), ...rest);
  if (top === "files" && rest[0] === "pki") return path.join(pkiDirOf(env), ...rest.slice(1));
  return path.join(env.DATA_DIR, ...rest);
}

const pgliteQuery =
  (client: PGlite): Query =>
  async (text) =>
    (await client.query<Record<string, unknown>>(text)).rows;
const postgresQuery =
  (sql: postgres.Sql | postgres.TransactionSql): Query =>
  (text) =>
    sql.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => reject(new Error(`${command} could not run (${error.message}); install Debian's postgresql-client`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
  });
}

export interface BackupResult {
  archive: string;
  manifest: Manifest;
}

/** Writes the archive of this deployment (env: DATA_DIR, DATABASE_URL, and PKI_DIR where it is elsewhere) to `archive`. */
export async function backup(env: Place, archive: string): Promise<BackupResult> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-backup-"));
  try {
    const tables = env.DATABASE_URL ? await dumpPostgres(env.DATABASE_URL, staging) : await dumpPglite(env.DATA_DIR, staging);
    for (const file of dataFiles(env.DATA_DIR)) {
      const target = path.join(staging, "files", file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(env.DATA_DIR, file), target);
    }
    const pkiDir = separatePkiDir(env);
    for (const file of pkiDir ? filesUnder(pkiDir) : []) {
      const target = path.join(staging, "pki", file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(pkiDir!, file), target);
    }
    const contents = ["database", ...["files", "pki"].filter((kept) => fs.existsSync(path.join(staging, kept)))];
    const files = filesUnder(staging).map((file) => ({
      path: file,
      bytes: fs.statSync(path.join(staging, file)).size,
      sha256: sha256File(path.join(staging, file)),
    }));
    const manifest: Manifest = { format: ARCHIVE_FORMAT, createdAt: new Date().toISOString(), driver: env.DATABASE_URL ? "postgres" : "pglite", files, tables };
    fs.writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(path.dirname(path.resolve(archive)), { recursive: true });
    // Written beside its name, then renamed: a backup cut short leaves no archive that looks whole.
    const partial = `${archive}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, ["manifest.json", ...contents]);
    fs.renameSync(partial, archive);
    return { archive, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The embedded database, with the portal stopped (its lock refuses a second process). */
async function dumpPglite(dataDir: string, staging: string): Promise<TableFingerprint[]> {
  const pgliteDir = path.join(dataDir, "pglite");
  if (!fs.existsSync(pgliteDir)) throw new Error(`There is no embedded database in ${dataDir} to back up.`);
  const release = acquireDataDirLock(dataDir, "backup");
  const client = new PGlite(pgliteDir);
  try {
    await client.waitReady;
    const tables = await tableFingerprints(pgliteQuery(client));
    const dump = await client.dumpDataDir("none");
    fs.mkdirSync(path.join(staging, "database"), { recursive: true });
    fs.writeFileSync(path.join(staging, "database", "pglite.tar"), Buffer.from(await dump.arrayBuffer()));
    return tables;
  } finally {
    await client.close();
    release();
  }
}

/** PostgreSQL while the portal runs: pg_dump reads the snapshot this transaction exports, and the fingerprints are read in it. */
async function dumpPostgres(url: string, staging: string): Promise<TableFingerprint[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  fs.mkdirSync(path.join(staging, "database"), { recursive: true });
  try {
    return await sql.begin("isolation level repeatable read read only", async (tx) => {
      const [{ snapshot } = { snapshot: "" }] = await tx<{ snapshot: string }[]>`select pg_export_snapshot() as snapshot`;
      const dumped = run("pg_dump", [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${snapshot}`,
        `--file=${path.join(staging, "database", "postgres.dump")}`,
        url,
      ]);
      const tables = await tableFingerprints(postgresQuery(tx));
      await dumped;
      return tables;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefused";
  }
}

export interface RestoreResult {
  manifest: Manifest;
  tables: number;
  rows: number;
}

/**
 * Restores an archive into this deployment's place (DATA_DIR, and DATABASE_URL for PostgreSQL).
 * Refuses a place that holds data unless `force`; checks every file against the manifest before
 * anything is written, and every table against it after.
 */
export async function restore(env: Place, archive: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  if (!fs.existsSync(archive)) throw new RestoreRefused(`There is no archive at ${archive}.`);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-restore-"));
  try {
    try {
      await tar.extract({ file: archive, cwd: staging, strict: true });
    } catch (error) {
      throw new RestoreRefused(`${archive} is not a Nafitha backup archive (${(error as Error).message}).`);
    }
    const manifestPath = path.join(staging, "manifest.json");
    if (!fs.existsSync(manifestPath)) throw new RestoreRefused(`${archive} has no manifest: it is not a Nafitha backup archive.`);
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
    if (manifest.format !== ARCHIVE_FORMAT)
      throw new RestoreRefused(`${archive} is of format ${String(manifest.format)}; this version restores format ${ARCHIVE_FORMAT}.`);
    for (const file of manifest.files) {
      const full = path.join(staging, file.path);
      if (!fs.existsSync(full) || sha256File(full) !== file.sha256)
        throw new RestoreRefused(`${file.path} in ${archive} does not match its manifest: the archive is damaged.`);
    }
    const target = env.DATABASE_URL ? "postgres" : "pglite";
    if (manifest.driver !== target)
      throw new RestoreRefused(`This archive holds a ${manifest.driver} database; the target is ${target}. Restore it into the same kind of database.`);

    const hasData = env.DATABASE_URL ? await postgresHasTables(env.DATABASE_URL) : fs.existsSync(path.join(env.DATA_DIR, "pglite"));
    const hasFiles = dataFiles(env.DATA_DIR).length > 0 || filesUnder(pkiDirOf(env)).length > 0;
    if ((hasData || hasFiles) && !options.force)
      throw new RestoreRefused(
        `The target already holds data (${env.DATABASE_URL ? "the database has tables" : env.DATA_DIR}). Restore into an empty place, or add --force to replace it.`,
      );

    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, "restore");
    try {
      if (env.DATABASE_URL)
        await run("pg_restore", [
          "--no-owner",
          "--no-privileges",
          "--clean",
          "--if-exists",
          "--exit-on-error",
          `--dbname=${env.DATABASE_URL}`,
          path.join(staging, "database", "postgres.dump"),
        ]);
      else {
        fs.rmSync(path.join(env.DATA_DIR, "pglite"), { recursive: true, force: true });
        const dump = new Blob([fs.readFileSync(path.join(staging, "database", "pglite.tar"))]);
        const client = new PGlite(path.join(env.DATA_DIR, "pglite"), { loadDataDir: dump });
        await client.waitReady;
        await client.close();
      }
      for (const file of manifest.files.filter((one) => one.path.startsWith(`files${path.sep}`) || one.path.startsWith(`pki${path.sep}`))) {
        const to = restoredPathOf(env, file.path);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(path.join(staging, file.path), to);
        // Private keys are for the portal's user alone, as they were written.
        if (/^secret\.key$|\.key\.pem$|\.p12$/.test(path.basename(to))) fs.chmodSync(to, 0o600);
      }
      const restored = await fingerprintsOf(env);
      const problems = compareFingerprints(manifest.tables, restored);
      if (problems.length > 0) throw new Error(`The restored database does not match the archive's manifest:\n  ${problems.join("\n  ")}`);
      return { manifest, tables: restored.length, rows: restored.reduce((sum, table) => sum + table.rows, 0) };
    } finally {
      release();
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

async function postgresHasTables(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    return (row?.n ?? 0) > 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The fingerprints of the database this deployment points at (PGlite: with its lock held by the caller). */
export async function fingerprintsOf(env: Pick<Env, "DATA_DIR" | "DATABASE_URL">): Promise<TableFingerprint[]> {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      return await tableFingerprints(postgresQuery(sql));
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  const client = new PGlite(path.join(env.DATA_DIR, "pglite"));
  try {
    await client.waitReady;
    return await tableFingerprints(pgliteQuery(client));
  } finally {
    await client.close();
  }
}

/** What differs between two sets of fingerprints, table by table, in words. */
export function compareFingerprints(expected: TableFingerprint[], actual: TableFingerprint[]): string[] {
  const problems: string[] = [];
  const byName = new Map(actual.map((table) => [table.table, table]));
  for (const table of expected) {
    const found = byName.get(table.table);
    if (!found) problems.push(`${table.table}: missing`);
    else if (found.rows !== table.rows) problems.push(`${table.table}: ${found.rows} rows, the archive has ${table.rows}`);
    else if (found.digest !== table.digest) problems.push(`${table.table}: the rows differ from the archive's`);
  }
  return problems;
}
