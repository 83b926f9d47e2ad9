import { connect } from "../db/client";

// What the benchmarks share: their database (PGlite in memory, or PostgreSQL with DATABASE_URL,
// migrated) and how they time a piece of work (a few runs to warm it up, then `runs` timed runs,
// reported as their median and 95th percentile in milliseconds).

export async function openBenchDatabase() {
  const handle = process.env.DATABASE_URL
    ? await connect({ driver: "postgres", url: process.env.DATABASE_URL })
    : await connect({ driver: "pglite", dataDir: null });
  await handle.migrate();
  return handle;
}

export function medianAndP95(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}

export async function timeWarm(run: () => Promise<unknown> | unknown, runs: number, warmups = 3) {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return medianAndP95(times);
}
