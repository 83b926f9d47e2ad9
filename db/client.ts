import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { observedPglite, observedPostgres, type DatabaseUsage } from "./observed";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The database, or a transaction on it: queries take either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseDriver = "pglite" | "postgres";

export type DatabaseConfig =
  | { driver: "postgres"; url: string; maxConnections?: number }
  /** `dataDir: null` keeps the database in memory (tests); `loadDataDir` starts from a dump. */
  | { driver: "pglite"; dataDir: string | null; loadDataDir?: Blob };

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  /** Applies the committed SQL migrations under db/migrations. Safe to run from several processes. */
  migrate(): Promise<void>;
  /** A tarball of the whole PGlite data dir (PGlite only), to clone a migrated database quickly. */
  dump?(): Promise<Blob>;
  /**
   * Runs `work` while no other process of the portal runs its own (PostgreSQL: under the advisory
   * lock the migrations take), so that two servers started together seed the demo once.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /** Pool use and query counts of this handle, for the operators' metrics. */
  readonly usage: Readonly<DatabaseUsage>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
// Any constant will do; it only has to be the same in every process of the portal.
const MIGRATION_LOCK_KEY = 7_240_311;

export async function connect(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.driver === "pglite" ? connectPglite(config) : connectPostgres(config);
}

const PGLITE_SHARED_BUFFERS = "16MB";

/**
 * Makes a new PGlite data dir in a short-lived process of its own. Making one (initdb) takes PGlite
 * to about 0.9 GB, and a process keeps most of what it once held; one that opens a data dir that
 * exists stays near a third of that. So the portal's first start weighs what every later one does.
 */
function initialiseDataDir(dataDir: string) {
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve("@electric-sql/pglite")).href;
  const made = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const { PGlite } = await import(${JSON.stringify(pglite)}); const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();`,
      dataDir,
    ],
    { encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`The embedded database could not be made in ${dataDir}: ${made.stderr.trim()}`);
}

async function connectPglite(config: Extract<DatabaseConfig, { driver: "pglite" }>): Promise<DatabaseHandle> {
  if (config.dataDir && !config.loadDataDir && !fs.existsSync(path.join(config.dataDir, "PG_VERSION"))) initialiseDataDir(config.dataDir);
  // PostgreSQL's default 128 MB of shared buffers sits inside PGlite's memory whatever the data's
  // size; the embedded database is the demo's and a small office's, and 16 MB keeps its working set.
  const options = { loadDataDir: config.loadDataDir, postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`] };
  const client = config.dataDir ? new PGlite(config.dataDir, options) : new PGlite(options);
  await client.waitReady;
  const usage: DatabaseUsage = { poolSize: 1, inUse: 0, queries: 0, errors: 0 };
  const db = drizzlePglite({ client: observedPglite(client, usage), schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    usage,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    dump: () => client.dumpDataDir("none"),
    // One process holds the embedded database: nothing else can run at the same time.
    exclusively: (work) => work(),
    close: () => client.close(),
  };
}

async function connectPostgres(config: Extract<DatabaseConfig, { driver: "postgres" }>): Promise<DatabaseHandle> {
  const poolSize = config.maxConnections ?? 10;
  const client = postgres(config.url, {
    max: poolSize,
    onnotice: () => {},
    connection: { application_name: "nafitha" },
  });
  const usage: DatabaseUsage = { poolSize, inUse: 0, queries: 0, errors: 0 };
  const db = drizzlePostgres({ client: observedPostgres(client, usage), schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    usage,
    // Several app processes may start at once: one migrates, the others wait for it.
    migrate: () =>
      underMigrationLock(config.url, (single) => migratePostgres(drizzlePostgres(single, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS_DIR })),
    exclusively: (work) => underMigrationLock(config.url, () => work()),
    close: () => client.end({ timeout: 5 }),
  };
}

/** A client of one connection keeps the session-level advisory lock, and the work under it, on one session. */
async function underMigrationLock<T>(url: string, work: (single: postgres.Sql) => Promise<T>): Promise<T> {
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    return await work(single);
  } finally {
    await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    await single.end({ timeout: 5 });
  }
}

/** Runs raw SQL and returns its rows, whichever driver answers (they shape results differently). */
export async function queryRows<Row extends Record<string, unknown>>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

export async function appliedMigrationCount(db: Database): Promise<number> {
  try {
    const rows = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`);
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

/**
 * What an operator must fix when the database cannot be opened, as one line naming the setting
 * (unreachable, unknown, refused); null for a failure that is not about the setting.
 */
export function describeDatabaseFailure(error: unknown, url: string): string | null {
  let cause: unknown = error;
  // drizzle wraps the driver's error; the first one with a code says what happened.
  while (cause && typeof cause === "object" && !("code" in cause) && "cause" in cause) cause = (cause as { cause: unknown }).cause;
  const code = (cause as { code?: unknown } | null)?.code;
  let where = "the database server";
  let name = "";
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || "5432"}`;
    name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  } catch {
    // the setting's own check names a malformed URL
  }
  switch (code) {
    case "ECONNREFUSED":
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
    case "EHOSTUNREACH":
      return `DATABASE_URL: no PostgreSQL server answers at ${where} (${String(code)}); start it, or correct the host and port`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DATABASE_URL: the host of ${where} is not known (${String(code)}); correct the host name`;
    case "3D000":
      return `DATABASE_URL: there is no database "${name}" on ${where}; create it (createdb ${name}) or correct its name`;
    case "28P01":
    case "28000":
      return `DATABASE_URL: ${where} refused the user and password given; correct them`;
    default:
      return null;
  }
}
