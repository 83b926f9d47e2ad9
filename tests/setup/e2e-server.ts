import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot, startServer } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    serverDataDir: string;
  }
}

/** Builds the portal once and starts it on a fresh embedded database for the end-to-end tests. */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: repoRoot,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-e2e-"));
  const server = await startServer({ dataDir });
  project.provide("baseUrl", server.baseUrl);
  project.provide("serverDataDir", dataDir);
  return async () => {
    const code = await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) console.warn(`[e2e] the shared server exited with ${code}:\n${server.output().slice(-4000)}`);
  };
}
