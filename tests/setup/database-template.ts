import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { connect } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: { adminUrl: string; templateName: string };
  }
}

/**
 * Migrates once per run: a PGlite dump that every test file loads (0.6 s instead of a 3 s
 * migration), or a Postgres template database that every test file copies.
 */
export default async function setup(project: TestProject) {
  const driver = project.config.env?.TEST_DB_DRIVER;
  if (driver === "postgres") return setupPostgres(project);
  return setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const handle = await connect({ driver: "pglite", dataDir: null });
  await handle.migrate();
  const dump = await handle.dump!();
  await handle.close();
  const file = path.join(os.tmpdir(), `nafitha-template-${process.pid}-${crypto.randomBytes(4).toString("hex")}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplatePath", file);
  return () => fs.rmSync(file, { force: true });
}

async function setupPostgres(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const templateName = `nafitha_tpl_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${templateName}"`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateName}`;
  try {
    const handle = await connect({ driver: "postgres", url: templateUrl.toString(), maxConnections: 1 });
    await handle.migrate();
    await handle.close();
  } catch (error) {
    await admin.unsafe(`drop database if exists "${templateName}" with (force)`);
    await admin.end();
    throw error;
  }
  project.provide("postgresTemplate", { adminUrl, templateName });
  return async () => {
    const leftovers = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`nafitha_t_${process.pid}_%`} or datname = ${templateName}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
