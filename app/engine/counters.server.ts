import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { counters } from "../../db/schema";

/**
 * The next number of a series in a year, gap-free: the counter row is incremented in the
 * caller's transaction, so a number is used only if that transaction commits, and two
 * transactions queue on the row instead of taking the same number.
 */
export async function nextNumber(tx: Database, series: string, year: number): Promise<number> {
  await tx.insert(counters).values({ series, year, value: 0 }).onConflictDoNothing();
  const [row] = await tx
    .update(counters)
    .set({ value: sql`${counters.value} + 1` })
    .where(and(eq(counters.series, series), eq(counters.year, year)))
    .returning({ value: counters.value });
  return row!.value;
}

export const formatNumber = (prefix: string, year: number, value: number) => `${prefix}-${year}-${String(value).padStart(6, "0")}`;
