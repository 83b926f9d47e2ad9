import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Pki } from "./pki.server";
import { warmCertificates } from "./warm.server";

const kff = { id: "kff", nameEn: "Kuwait Fire Force" };

describe("warming certificate making at start-up", () => {
  it("makes no key or certificate where there is none: an agency gets its own with its first certificate", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-warm-"));
    await warmCertificates(new Pki(dir, "passphrase"), [kff]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("opens the signing files that exist, and leaves them as they were", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-warm-"));
    new Pki(dir, "passphrase").agencyP12(kff.id, kff.nameEn);
    const files = fs.readdirSync(dir).sort();
    const p12 = fs.readFileSync(path.join(dir, "agency-kff.p12"));
    const pki = new Pki(dir, "passphrase");
    expect(pki.hasAgencyCertificate("kff")).toBe(true);
    expect(pki.hasAgencyCertificate("km")).toBe(false);
    expect(await warmCertificates(pki, [kff, { id: "km", nameEn: "Kuwait Municipality" }])).toBeGreaterThan(0);
    expect(fs.readdirSync(dir).sort()).toEqual(files);
    expect(fs.readFileSync(path.join(dir, "agency-kff.p12")).equals(p12)).toBe(true);
  });
});
