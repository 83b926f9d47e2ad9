import { sql } from "drizzle-orm";
import journal from "../../db/migrations/meta/_journal.json";
import { appliedMigrationCount } from "../../db/client";
import { getRuntime } from "../runtime.server";

export type Readiness =
  | { status: "ok"; driver: string; migrations: { expected: number; applied: number } }
  | { status: "migrations-pending"; driver: string; migrations: { expected: number; applied: number } }
  | { status: "database-unreachable"; message: string };

/** Ready when the database answers and every migration this build knows of is applied. */
export async function checkReadiness(): Promise<Readiness> {
  const expected = journal.entries.length;
  try {
    const { database } = getRuntime();
    await database.db.execute(sql`select 1`);
    const applied = await appliedMigrationCount(database.db);
    return { status: applied >= expected ? "ok" : "migrations-pending", driver: database.driver, migrations: { expected, applied } };
  } catch (error) {
    return { status: "database-unreachable", message: error instanceof Error ? error.message : String(error) };
  }
}
