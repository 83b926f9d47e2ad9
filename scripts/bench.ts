// npm run bench — every benchmark, one after another, each in its own process (its own database,
// server or browser), then one table of every figure beside its baseline, with the ratio and
// whether the target is met, written also as JSON (data/bench/results.json, or --json <file>).
// `npm run bench -- --quick` runs smaller case loads (100,000 applications, fewer iterations and
// seconds) for a run of a few minutes; the full run stays under ten on a 2-core machine.
// On PGlite in memory by default; DATABASE_URL runs the database benchmarks on PostgreSQL.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchFigure } from "./bench-support";

const BENCHES = ["pdf", "inbox", "catalogue", "reports", "pages", "http"] as const;
const args = process.argv.slice(2);
const isQuick = args.includes("--quick");
const jsonAt = args.indexOf("--json");
const jsonFile = path.resolve(jsonAt >= 0 ? args[jsonAt + 1]! : "data/bench/results.json");
const only = args.filter((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--json");
const quick = isQuick ? { BENCH_APPLICATIONS: "100000", BENCH_ITERATIONS: "100", BENCH_HTTP_SECONDS: "2" } : {};

interface Result {
  bench: string;
  seconds: number;
  status: number | null;
  context: Record<string, unknown>;
  figures: BenchFigure[];
}

const results: Result[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-bench-"));
const started = performance.now();
for (const bench of BENCHES.filter((name) => only.length === 0 || only.includes(name))) {
  const file = path.join(dir, `${bench}.json`);
  const at = performance.now();
  console.log(`\n=== bench:${bench}`);
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, `bench-${bench}.ts`)], {
    stdio: "inherit",
    env: { ...process.env, ...quick, BENCH_JSON: file },
  });
  const written = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Omit<Result, "seconds" | "status">) : null;
  results.push({ bench, seconds: (performance.now() - at) / 1000, status: child.status, context: written?.context ?? {}, figures: written?.figures ?? [] });
}
fs.rmSync(dir, { recursive: true, force: true });

const number = (value: number, unit: string) => `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${unit}`;
const rows = results.flatMap((result) =>
  result.figures.map((figure) => [
    result.bench,
    figure.figure,
    number(figure.value, figure.unit),
    figure.baseline ? `${number(figure.baseline.value, figure.unit)} (${figure.baseline.label})` : "",
    figure.ratio !== undefined
      ? `${figure.ratio.toFixed(2)}×`
      : figure.baseline && figure.baseline.value > 0
        ? `${(figure.value / figure.baseline.value).toFixed(2)}×`
        : "",
    figure.target ? `${figure.target.label}: ${figure.target.isMet ? "met" : "NOT MET"}` : "",
  ]),
);
const header = ["bench", "figure", "value", "baseline", "ratio", "target"];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
console.log(`\n${line(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}`);
for (const row of rows) console.log(line(row));
const failed = results.filter((result) => result.status !== 0);
const totalSeconds = (performance.now() - started) / 1000;
console.log(
  `\n${results.length} benchmarks in ${(totalSeconds / 60).toFixed(1)} min${isQuick ? " (quick)" : ""}; ${rows.filter((row) => row[5]!.endsWith("NOT MET")).length} targets not met${failed.length ? `; FAILED: ${failed.map((result) => result.bench).join(", ")}` : ""}`,
);
fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
fs.writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), isQuick, minutes: totalSeconds / 60, results }, null, 2));
console.log(`written to ${path.relative(process.cwd(), jsonFile)}`);
process.exitCode = failed.length ? 1 : 0;
