import fs from "node:fs";
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

/** One figure a benchmark reports: what was measured, its value, and what it is measured against. */
export interface BenchFigure {
  figure: string;
  value: number;
  unit: string;
  /** The same measured the other way in the same run (the way it was done before, or a bare route). */
  baseline?: { label: string; value: number };
  /** How the value compares with the baseline, as the figure means it (Chromium ÷ pdfkit, a page ÷ the bare route); else value ÷ baseline. */
  ratio?: number;
  /** The figure the issue asks for, and whether this run met it. */
  target?: { label: string; isMet: boolean };
}

/** Hands the figures to `npm run bench` (scripts/bench.ts), which names a file in BENCH_JSON; alone, a benchmark only prints. */
export function reportFigures(bench: string, figures: BenchFigure[], context: Record<string, unknown> = {}) {
  const file = process.env.BENCH_JSON;
  if (file) fs.writeFileSync(file, JSON.stringify({ bench, context, figures }, null, 2));
}
