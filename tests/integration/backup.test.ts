import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connect } from "../../db/client";
import { seedDemo } from "../../db/seed/demo";
import { backup, compareFingerprints, fingerprintsOf, restore, RestoreRefused } from "../../scripts/backup-archive";
import { createTestDatabase, testDriver, type TestDatabase } from "../setup/database";

// Backups, as an operator makes and uses them: a seeded portal backed up into one archive,
// restored into a fresh place, and every table compared (rows and a digest of them); a place
// that holds data refused unless forced; a damaged archive refused before anything is written.

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Place = { DATA_DIR: string; DATABASE_URL: string | undefined; PKI_DIR?: string };
let source: Place;
let source_t: TestDatabase | undefined;

/** A fresh, empty place to restore into: a data dir, and on PostgreSQL an empty database. */
async function emptyPlace(): Promise<Place> {
  const dataDir = tempDir("nafitha-restore-target-");
  if (testDriver !== "postgres") return { DATA_DIR: dataDir, DATABASE_URL: undefined };
  const { adminUrl } = inject("postgresTemplate");
  const name = `nafitha_restore_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { DATA_DIR: dataDir, DATABASE_URL: url.toString() };
}

beforeAll(async () => {
  const dataDir = tempDir("nafitha-backup-source-");
  // The files a deployment keeps beside its database.
  fs.writeFileSync(path.join(dataDir, "secret.key"), crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  fs.mkdirSync(path.join(dataDir, "pki"));
  fs.writeFileSync(path.join(dataDir, "pki", "root-ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  if (testDriver === "postgres") {
    source_t = await createTestDatabase();
    await seedDemo(source_t.db, source_t.secrets);
    source = { DATA_DIR: dataDir, DATABASE_URL: source_t.url };
  } else {
    // The migrated template, as the portal's data dir, seeded with the demo.
    const t = await createTestDatabase();
    const handle = await connect({ driver: "pglite", dataDir: path.join(dataDir, "pglite"), loadDataDir: await t.handle.dump!() });
    await t.close();
    await seedDemo(handle.db, t.secrets);
    await handle.close();
    source = { DATA_DIR: dataDir, DATABASE_URL: undefined };
  }
}, 120_000);
afterAll(() => source_t?.close());

describe(`backup and restore (${testDriver})`, () => {
  let archive: string;

  it("backs a seeded portal up into one archive with a manifest, and restores it into a fresh place, every table equal", { timeout: 120_000 }, async () => {
    archive = path.join(tempDir("nafitha-archives-"), "portal.tar.gz");
    const { manifest } = await backup(source, archive);
    expect(manifest.driver).toBe(testDriver);
    expect(manifest.files.map((file) => file.path).sort()).toEqual(
      [testDriver === "postgres" ? "database/postgres.dump" : "database/pglite.tar", "files/pki/root-ca.pem", "files/secret.key"].sort(),
    );
    const people = manifest.tables.find((table) => table.table === "public.people");
    expect(people?.rows).toBeGreaterThan(10);
    expect(fs.existsSync(`${archive}.partial`)).toBe(false);

    const target = await emptyPlace();
    const restored = await restore(target, archive);
    expect(restored.tables).toBe(manifest.tables.length);
    // Compared here again, independently of the restore's own check.
    const before = await fingerprintsOf(source);
    const after = await fingerprintsOf(target);
    expect(compareFingerprints(before, after)).toEqual([]);
    expect(after).toEqual(before);
    expect(fs.readFileSync(path.join(target.DATA_DIR, "secret.key"), "utf8")).toBe(fs.readFileSync(path.join(source.DATA_DIR, "secret.key"), "utf8"));
    expect(fs.statSync(path.join(target.DATA_DIR, "secret.key")).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(target.DATA_DIR, "pki", "root-ca.pem"))).toBe(true);

    // Into the same place again: refused, unless forced.
    await expect(restore(target, archive)).rejects.toThrow(RestoreRefused);
    await expect(restore(target, archive)).rejects.toThrow(/already holds data.*--force/);
    expect((await restore(target, archive, { force: true })).tables).toBe(manifest.tables.length);
    expect(await fingerprintsOf(target)).toEqual(before);
  });

  it(
    "keeps the CA that lives outside the data directory (PKI_DIR on shared storage), and puts it back where the target keeps its own",
    { timeout: 120_000 },
    async () => {
      const pkiDir = tempDir("nafitha-shared-pki-");
      fs.writeFileSync(path.join(pkiDir, "root-ca.cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
      fs.writeFileSync(path.join(pkiDir, "root-ca.key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n", { mode: 0o600 });
      const withSharedPki = path.join(tempDir("nafitha-archives-"), "shared-pki.tar.gz");
      const { manifest } = await backup({ ...source, PKI_DIR: pkiDir }, withSharedPki);
      expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining(["pki/root-ca.cert.pem", "pki/root-ca.key.pem", "files/secret.key"]));

      // Restored where the target keeps its CA: its own PKI_DIR, private key for the portal's user alone.
      const target = { ...(await emptyPlace()), PKI_DIR: path.join(tempDir("nafitha-target-pki-"), "pki") };
      await restore(target, withSharedPki);
      expect(fs.readFileSync(path.join(target.PKI_DIR, "root-ca.cert.pem"), "utf8")).toBe(fs.readFileSync(path.join(pkiDir, "root-ca.cert.pem"), "utf8"));
      expect(fs.statSync(path.join(target.PKI_DIR, "root-ca.key.pem")).mode & 0o777).toBe(0o600);
      // The source's CA under its data directory (files/pki) goes to the target's PKI_DIR too.
      expect(fs.existsSync(path.join(target.PKI_DIR, "root-ca.pem"))).toBe(true);
      // A target whose CA place holds files is refused as one that holds data.
      const another = { ...(await emptyPlace()), PKI_DIR: target.PKI_DIR };
      await expect(restore(another, withSharedPki)).rejects.toThrow(/already holds data/);
    },
  );

  it("refuses a damaged archive before writing anything, and what is not an archive", { timeout: 60_000 }, async () => {
    const unpacked = tempDir("nafitha-tamper-");
    await tar.extract({ file: archive, cwd: unpacked });
    fs.writeFileSync(path.join(unpacked, "files", "secret.key"), "a different secret");
    const tampered = path.join(unpacked, "..", `${path.basename(unpacked)}.tar.gz`);
    dirs.push(tampered);
    await tar.create({ gzip: true, file: tampered, cwd: unpacked }, fs.readdirSync(unpacked));
    const target = await emptyPlace();
    await expect(restore(target, tampered)).rejects.toThrow(/secret\.key .* does not match its manifest/);
    expect(fs.readdirSync(target.DATA_DIR)).toEqual([]);

    const notArchive = path.join(unpacked, "notes.txt");
    fs.writeFileSync(notArchive, "not an archive");
    await expect(restore(target, notArchive)).rejects.toThrow(/not a Nafitha backup archive/);
  });
});
