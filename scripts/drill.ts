// `npm run drill -- --agency <id> --minutes N [--rate <applications a minute>] [--url <portal>]`:
// a continuity drill against a running demo portal (either database). It has applications that
// need the agency filled in first (their forms' lookups made, as by people who began before the
// outage), puts the agency's simulated endpoint down, submits them as a stream for N minutes, lifts
// the fault, and follows the backlog until it has drained; then it reports what was submitted,
// what waited, what completed afterwards, what failed (must be none) and how long the drain took.
// The portal needs OPERATOR_TOKEN set, and this process the same token.
import { parseArgs } from "node:util";

interface Report {
  submitted: number;
  waiting: number;
  completed: number;
  failed: number;
}

const { values } = parseArgs({
  options: {
    agency: { type: "string" },
    minutes: { type: "string" },
    rate: { type: "string", default: "20" },
    url: { type: "string", default: process.env.PORTAL_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
    "drain-minutes": { type: "string", default: "15" },
  },
});

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(2);
}

const agency = values.agency ?? fail("Usage: npm run drill -- --agency <id> --minutes N [--rate per-minute] [--url http://localhost:3000]");
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!(minutes > 0 && minutes <= 120)) fail("--minutes: give the drill's length in minutes (more than 0, at most 120).");
if (!(rate > 0 && rate <= 600)) fail("--rate: give the applications a minute (more than 0, at most 600).");
const token = process.env.OPERATOR_TOKEN ?? fail("OPERATOR_TOKEN: set it to the portal's operator token.");
const base = values.url.replace(/\/$/, "");

async function ask<T>(body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${base}/ops/drill`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ agency, ...body }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) fail(`The portal refused the drill (${response.status}): ${answer.error ?? response.statusText}`);
  return answer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const applications: string[] = [];
  console.log(`Drill: ${agency} down for ${minutes} min at ${base}, ${rate} applications a minute.`);
  const wanted = Math.max(1, Math.ceil(minutes * rate));
  const ready: string[] = [];
  while (ready.length < wanted) ready.push(...(await ask<{ prepared: string[] }>({ step: "prepare", count: Math.min(50, wanted - ready.length) })).prepared);
  await ask({ step: "fault", isDown: true });
  let lifted = false;
  try {
    const end = Date.now() + minutes * 60_000;
    const every = 60_000 / rate;
    for (let next = Date.now(); next < end && ready.length > 0; next += every) {
      await sleep(Math.max(0, next - Date.now()));
      applications.push((await ask<{ applicationId: string }>({ step: "submit", prepared: ready.shift() })).applicationId);
    }
    const during = await ask<Report>({ step: "report", applications });
    console.log(`While ${agency} was down: ${during.submitted} submitted, ${during.waiting} waiting, ${during.completed} past it, ${during.failed} failed.`);
    await ask({ step: "fault", isDown: false });
    lifted = true;
    const liftedAt = Date.now();
    const deadline = liftedAt + Number(values["drain-minutes"]) * 60_000;
    let report = during;
    while (report.waiting > 0 && Date.now() < deadline) {
      await sleep(1_000);
      report = await ask<Report>({ step: "report", applications });
    }
    const drainMs = Date.now() - liftedAt;
    const summary = {
      agency,
      submitted: report.submitted,
      waitingWhileDown: during.waiting,
      completedAfterwards: report.completed - during.completed,
      stillWaiting: report.waiting,
      failed: report.failed,
      drainSeconds: Math.round(drainMs / 100) / 10,
    };
    console.log(JSON.stringify(summary));
    if (report.waiting > 0 || report.failed > 0) {
      console.error(`The drill did not pass: ${report.waiting} still waiting after ${seconds(drainMs)}, ${report.failed} failed.`);
      process.exit(1);
    }
    console.log(`Passed: the backlog of ${during.waiting} drained in ${seconds(drainMs)}, nothing failed.`);
  } finally {
    // Whatever happened, the agency is not left down.
    if (!lifted) await ask({ step: "fault", isDown: false }).catch(() => {});
  }
}

main().catch((error: unknown) => fail(`The drill could not run: ${(error as Error).message}`));
