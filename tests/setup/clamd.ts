import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { clamdScanner } from "../../app/uploads/scanner.server";
import { eicar, flaggedPdf } from "../fixtures/files";
import { freePort } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    /** A running clamd with the tests' signatures (tcp://127.0.0.1:<port>), or null when ClamAV is not installed. */
    clamavUrl: string | null;
  }
}

import { CLAMD_PATH } from "./clamd-path";

/** The signatures clamd is started with: EICAR's and the flagged test PDF's, by hash (there is no signature download here). */
export function writeSignatures(dir: string) {
  const line = (bytes: Buffer, name: string) => `${crypto.createHash("md5").update(bytes).digest("hex")}:${bytes.length}:${name}`;
  fs.writeFileSync(path.join(dir, "nafitha-tests.hdb"), `${line(eicar, "Eicar-Test-Signature")}\n${line(flaggedPdf, "Nafitha.Test.FlaggedPdf")}\n`);
}

/**
 * Starts ClamAV's daemon for the run, as a real deployment runs it, with a local signature
 * database, and provides its address; without ClamAV installed, provides null (the scanning
 * tests say so and are skipped; .ci/run installs it).
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(CLAMD_PATH)) {
    project.provide("clamavUrl", null);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-clamd-"));
  fs.mkdirSync(path.join(dir, "db"));
  writeSignatures(path.join(dir, "db"));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, "clamd.conf"),
    [
      `Foreground yes`,
      `DatabaseDirectory ${path.join(dir, "db")}`,
      `TCPSocket ${port}`,
      `TCPAddr 127.0.0.1`,
      `LogFile ${path.join(dir, "clamd.log")}`,
      `StreamMaxLength 30M`,
    ].join("\n"),
  );
  const child: ChildProcess = spawn(CLAMD_PATH, ["-c", path.join(dir, "clamd.conf")], { stdio: "ignore" });
  const url = `tcp://127.0.0.1:${port}`;
  const scanner = clamdScanner(url);
  const deadline = Date.now() + 60_000;
  while (!(await scanner.ping())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const logged = fs.existsSync(path.join(dir, "clamd.log")) ? fs.readFileSync(path.join(dir, "clamd.log"), "utf8").slice(-2000) : "";
      throw new Error(`clamd did not start:\n${logged}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide("clamavUrl", url);
  // For the end-to-end server, started by the next global setup of its project.
  process.env.NAFITHA_TEST_CLAMAV_URL = url;
  return () => {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
