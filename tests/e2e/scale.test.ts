import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { freePort, repoRoot, startServer, type ServerProcess } from "../setup/server-process";

// More than one process, proven: two portal servers and a standalone worker on one PostgreSQL
// database, applications submitted to both, one server killed (SIGKILL) mid-way. Every
// application answered for is there once, every case gets past its agencies, no job ran twice
// (no agency call was made twice for the same attempt), and none failed. Then the survivor is
// stopped (SIGTERM) with calls in hand, and finishes them before it exits.

const TOKEN = "operators-scale-token-that-is-long-enough-77";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two servers and a worker on one PostgreSQL database", () => {
  it("lose no application, duplicate none and run no job twice when one server is killed under load", { timeout: 300_000 }, async () => {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `nafitha_scale_${crypto.randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const db = postgres(url.toString(), { max: 2, onnotice: () => {} });
    const dirs: string[] = [];
    const dir = () => {
      const made = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-scale-"));
      dirs.push(made);
      return made;
    };
    const common = {
      DATABASE_URL: url.toString(),
      NAFITHA_SECRET: crypto.randomBytes(32).toString("base64url"),
      DEMO_DATA: "true",
      NAFITHA_ALLOW_DEMO_IN_PRODUCTION: "true",
      OPERATOR_TOKEN: TOKEN,
      // A job held by a process that died is taken over after this.
      JOB_LEASE_SECONDS: "8",
      // PIFSS answers slowly, so that the killed server dies with calls in hand.
      AGENCY_FAULTS: "pifss:latency=1500;moj:latency=1500",
    };
    let survivor: ServerProcess | undefined;
    let victim: ServerProcess | undefined;
    let worker: ReturnType<typeof spawn> | undefined;
    try {
      survivor = await startServer({ dataDir: dir(), env: common });
      // Every process calls the agencies the survivor serves, so that calls outlive the victim.
      const exchange = { EXCHANGE_BASE_URL: `${survivor.baseUrl}/exchange/agencies` };
      victim = await startServer({ dataDir: dir(), env: { ...common, ...exchange } });
      const metricsPort = await freePort();
      worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        cwd: repoRoot,
        env: {
          ...process.env,
          ...common,
          ...exchange,
          DATA_DIR: dir(),
          NODE_ENV: "production",
          LOG_LEVEL: "info",
          METRICS_PORT: String(metricsPort),
          METRICS_TOKEN: TOKEN,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let workerOutput = "";
      worker.stdout!.on("data", (chunk) => (workerOutput += chunk));
      worker.stderr!.on("data", (chunk) => (workerOutput += chunk));
      for (let waited = 0; !workerOutput.includes('"msg":"worker started"'); waited += 200) {
        if (waited > 60_000 || worker.exitCode !== null) throw new Error(`the worker did not start:\n${workerOutput}`);
        await sleep(200);
      }

      const answered: string[] = [];
      let lostInFlight = 0;
      const submit = async (server: ServerProcess) => {
        try {
          const response = await fetch(`${server.baseUrl}/ops/drill`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ step: "submit", agency: "pifss" }),
          });
          expect(response.status, await response.clone().text()).toBe(200);
          answered.push(((await response.json()) as { applicationId: string }).applicationId);
        } catch (error) {
          // Only a request to the killed server may go unanswered.
          if (server !== victim) throw error;
          lostInFlight++;
        }
      };
      // Four at a time, to both servers, until the victim is killed: at a moment when its worker
      // holds agency calls in hand (PIFSS is slow), after it has answered some submissions. It is
      // stopped (SIGSTOP) before it is looked at, so that what it holds then is what it dies with.
      const victimPid = victim.child.pid!;
      let isKilled = false;
      let heldAtKill: string[] = [];
      const heldByVictim = async () =>
        (
          await db<{ id: string }[]>`
            select id from jobs where kind = 'exchange.call' and status = 'running' and locked_by like ${`%:${victimPid}:%`}`
        ).map((row) => row.id);
      for (let round = 0; round < 30 && !(isKilled && round >= 10); round++) {
        await Promise.all([0, 1, 2, 3].map((slot) => submit(slot % 2 === 0 || isKilled ? survivor! : victim!)));
        if (!isKilled && answered.length >= 8) {
          victim.child.kill("SIGSTOP");
          const held = await heldByVictim();
          if (held.length) {
            victim.child.kill("SIGKILL");
            isKilled = true;
            heldAtKill = held;
          } else victim.child.kill("SIGCONT");
        }
      }
      expect(isKilled).toBe(true);

      // Everything settles: the victim's claimed jobs are taken over when their lease ends.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [{ open } = { open: 0 }] = await db<{ open: number }[]>`
          select count(*)::int as open from jobs where kind = 'exchange.call' and status in ('queued', 'running')`;
        if (open === 0) break;
        if (Date.now() > deadline) throw new Error(`${open} exchange calls still open`);
        await sleep(500);
      }

      const rows = await db<{ id: string; applicant_person_id: string; status: string }[]>`
        select id, applicant_person_id, status from applications
        where service_id = 'social-loan' and reference is not null and applicant_person_id in (select id from people where name_en = 'Drill applicant')`;
      const ids = new Set(rows.map((row) => row.id));
      // Nothing answered for is lost; a request cut off by the kill committed at most once.
      for (const id of answered) expect(ids.has(id), id).toBe(true);
      expect(rows.length).toBeGreaterThanOrEqual(answered.length);
      expect(rows.length).toBeLessThanOrEqual(answered.length + lostInFlight);
      // Each drill applicant applied once: no application was made twice.
      expect(new Set(rows.map((row) => row.applicant_person_id)).size).toBe(rows.length);
      // Every case got past its agencies, to the loan officer's review.
      const stuck = await db`
        select a.id from applications a where a.service_id = 'social-loan' and a.reference is not null
          and a.applicant_person_id in (select id from people where name_en = 'Drill applicant')
          and not exists (select 1 from step_instances s where s.application_id = a.id and s.step_id = 'review' and s.state in ('active', 'waiting'))`;
      expect(stuck).toEqual([]);
      // No job ran twice: no agency was called twice for the same attempt of a step.
      const twice = await db`
        select step_instance_id, attempt, count(*)::int as calls from exchange_messages
        where step_instance_id is not null group by step_instance_id, attempt having count(*) > 1`;
      expect(twice).toEqual([]);
      // The killed server's calls in hand were taken over: run again, as a new attempt, and done.
      const takenOver = await db<{ status: string; attempts: number }[]>`select status, attempts from jobs where id in ${db(heldAtKill)}`;
      expect(takenOver).toHaveLength(heldAtKill.length);
      for (const job of takenOver) expect(job).toMatchObject({ status: "succeeded", attempts: expect.any(Number) as number });
      expect(Math.min(...takenOver.map((job) => job.attempts))).toBeGreaterThanOrEqual(2);
      const [{ failed } = { failed: -1 }] = await db<{ failed: number }[]>`select count(*)::int as failed from jobs where status = 'failed'`;
      expect(failed).toBe(0);

      // The standalone worker's own figures, on its METRICS_PORT.
      const scraped = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(Number(/^nafitha_job_runs_total\{kind="exchange.call",outcome="done"\} (\d+)$/m.exec(scraped)?.[1] ?? 0)).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(401);

      // A drill on PostgreSQL, against the surviving server.
      const drilled = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", "scripts/drill.ts", "--agency", "kcb", "--minutes", "0.1", "--rate", "60", "--url", survivor!.baseUrl],
          {
            cwd: repoRoot,
            env: { ...process.env, OPERATOR_TOKEN: TOKEN },
          },
        );
        let stdout = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stdout += chunk));
        child.on("exit", (status) => resolve({ status, stdout }));
      });
      expect(drilled.status, drilled.stdout).toBe(0);
      expect(drilled.stdout).toMatch(/"failed":0/);

      // SIGTERM with calls in hand: the survivor stops claiming, finishes what it holds while its
      // simulated agencies still answer (PIFSS slowly), and exits 0; nothing it held is left running
      // for another process to take over.
      const survivorPid = survivor.child.pid!;
      const heldBySurvivor = async () =>
        (
          await db<{ id: string }[]>`
            select id from jobs where kind = 'exchange.call' and status = 'running' and locked_by like ${`%:${survivorPid}:%`}`
        ).map((row) => row.id);
      let inHand: string[] = [];
      for (let round = 0; round < 20 && inHand.length === 0; round++) {
        await Promise.all([0, 1, 2, 3].map(() => submit(survivor!)));
        inHand = await heldBySurvivor();
      }
      expect(inHand.length).toBeGreaterThan(0);
      const attemptsBefore = await db<{ id: string; attempts: number }[]>`select id, attempts from jobs where id in ${db(inHand)} order by id`;
      const stopping = survivor;
      survivor = undefined;
      expect(await stopping.stop(), stopping.output().split("\n").slice(-15).join("\n")).toBe(0);
      const afterStop = await db<
        { id: string; status: string; attempts: number }[]
      >`select id, status, attempts from jobs where id in ${db(inHand)} order by id`;
      expect(afterStop).toEqual(attemptsBefore.map((job) => ({ ...job, status: "succeeded" })));
    } finally {
      worker?.kill("SIGTERM");
      await victim?.stop();
      await survivor?.stop();
      await db.end();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      for (const made of dirs) fs.rmSync(made, { recursive: true, force: true });
    }
  });
});
