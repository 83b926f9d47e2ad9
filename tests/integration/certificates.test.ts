import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, certificates } from "../../db/schema";
import { ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import type { Viewer } from "../../app/auth/permissions";
import {
  documentOf,
  downloadCertificate,
  findCertificate,
  readMark,
  revokeCertificate,
  statusOf,
  tokenFor,
  type FoundCertificate,
} from "../../app/certificates/certificates.server";
import { Pki } from "../../app/certificates/pki.server";
import { renderCertificatePdf } from "../../app/certificates/render.server";
import { certificateSigningKey, publishedKeys, verifyCertificateToken } from "../../app/certificates/token.server";
import { actAsApplicant, decideTask, recordPayment, submitApplication } from "../../app/engine/transitions.server";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";
import { addEmployment, addMarriageContract, addPaciPerson } from "../support/registries";
import { createApplicant, createEngineHarness, loanOfficer, validAnswers, type EngineHarness } from "../support/engine";

const hasPoppler = ["pdftotext", "pdffonts", "pdfsig", "pdftoppm"].every((tool) => spawnSync("which", [tool]).status === 0);
if (!hasPoppler) console.warn("\n!!! poppler-utils missing: certificate PDF checks are skipped (apt-get install -y poppler-utils) !!!\n");

let t: TestDatabase;
let h: EngineHarness;
let found: FoundCertificate;
let holder: Viewer;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-cert-"));
const key = certificateSigningKey("certificate tests root secret, long enough");
const pki = new Pki(path.join(tmp, "pki"), "test passphrase");
const markKey = Buffer.alloc(32, 7);
const deps = { certificateKey: key, pki, markKey, origin: "https://nafitha.example" };

async function issueCertificate() {
  const { person, actor } = await createApplicant(t);
  const submitted = await submitApplication(t.db, h.deps, {
    serviceId: "engine-test-loan",
    applicantPersonId: person.id,
    applicantAccountId: null,
    answers: validAnswers,
    actor,
  });
  if (!submitted.ok) throw new Error("submit failed");
  await h.drain();
  const open = async (stepId: string) => {
    const { stepInstances } = await import("../../db/schema");
    const [row] = await t.db
      .select()
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, submitted.applicationId), eq(stepInstances.stepId, stepId), eq(stepInstances.state, "active")));
    return row!;
  };
  await decideTask(t.db, h.deps, { stepInstanceId: (await open("review")).id, action: "approve", actor: loanOfficer });
  await actAsApplicant(t.db, h.deps, { stepInstanceId: (await open("accept-terms")).id, action: "accept", values: { slot: "sun-am" }, actor });
  await decideTask(t.db, h.deps, { stepInstanceId: (await open("prepare-contract")).id, action: "done", values: { contractReady: "yes" }, actor: loanOfficer });
  await recordPayment(t.db, h.deps, { stepInstanceId: (await open("pay")).id, amountFils: 9_000, reference: "KNET-1", actor });
  await h.drain();
  const [row] = await t.db.select().from(certificates).where(eq(certificates.applicationId, submitted.applicationId));
  return { number: row!.number, person };
}

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t);
  await addPaciPerson(t.db, { civilId: "288020122596" });
  await addMarriageContract(t.db, { contractNumber: "MOJ-2026-1001", husbandCivilId: "288020122596" });
  await addEmployment(t.db, "288020122596", 1_200_000);
  const { number, person } = await issueCertificate();
  found = (await findCertificate(t.db, { number }))!;
  holder = {
    kind: "citizen",
    sessionId: "s",
    accountId: "00000000-0000-4000-8000-000000000001",
    person: { ...person, preferredLanguage: "ar" },
    lastSignInAt: null,
  };
});
afterAll(async () => {
  await h.close();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const staff = (agencyId: string, role: "clerk" | "supervisor" | "admin" = "clerk"): Viewer => ({
  kind: "staff",
  sessionId: "s",
  accountId: "00000000-0000-4000-8000-000000000002",
  username: "someone",
  person: { id: "00000000-0000-4000-8000-000000000003", civilId: "290051400029", nameAr: "نورة", nameEn: "Noura", preferredLanguage: "ar" },
  roles: [{ role, agencyId: role === "admin" ? "cait" : agencyId, position: role === "clerk" ? "loan-officer" : null }],
});

const pdfText = (file: string) => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[\u202A-\u202E\u200E\u200F]/g, "");

describe("a certificate's PDF", () => {
  it("renders the same bytes from the same data", async () => {
    const document = documentOf(found, deps.origin, key);
    expect((await renderCertificatePdf(document)).equals(await renderCertificatePdf(document))).toBe(true);
  });

  it.skipIf(!hasPoppler)("embeds its Arabic and Latin fonts, as subsets", async () => {
    const file = path.join(tmp, "plain.pdf");
    fs.writeFileSync(file, await renderCertificatePdf(documentOf(found, deps.origin, key)));
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
    for (const name of ["NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoSans-Regular"]) {
      expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${name}\\s+CID TrueType\\s+Identity-H\\s+yes yes yes`));
    }
  });

  it.skipIf(!hasPoppler)("has a text layer that reads Arabic and English in logical order", async () => {
    const file = path.join(tmp, "text.pdf");
    fs.writeFileSync(file, await renderCertificatePdf(documentOf(found, deps.origin, key)));
    const text = pdfText(file);
    for (const line of [
      "شهادة قرض تجريبي",
      "Test loan certificate",
      "أحمد عبدالله العنزي",
      "Ahmad Abdullah Al-Enezi",
      "بنك الائتمان الكويتي",
      "اسم حامل الشهادة",
      "رقم الشهادة",
      found.certificate.number,
    ]) {
      expect(text).toContain(line);
    }
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(new RegExp(`Title:\\s+شهادة قرض تجريبي — Test loan certificate — ${found.certificate.number}`));
  });
});

describe("downloads", () => {
  it.skipIf(!hasPoppler)("give the holder a copy signed by the agency, marked with who downloaded it, and audited", async () => {
    const result = await downloadCertificate(t.db, deps, { number: found.certificate.number, viewer: holder, meta: testRequestMeta });
    if (!result.ok) throw new Error(result.reason);
    const file = path.join(tmp, "download.pdf");
    fs.writeFileSync(file, result.pdf);
    const signature = execFileSync("pdfsig", [file], { encoding: "utf8" });
    expect(signature).toContain("Signature Validation: Signature is Valid.");
    expect(signature).toContain("Total document signed");
    expect(signature).toContain("Signer Certificate Common Name: Kuwait Credit Bank");
    expect(signature).toMatch(/Signature Type: (adbe\.pkcs7\.detached|ETSI\.CAdES\.detached)/);

    const mark = readMark(result.pdf, markKey);
    expect(mark).toMatchObject({ ok: true, mark: { accountId: holder.kind === "citizen" ? holder.accountId : "", number: found.certificate.number } });
    const text = pdfText(file);
    expect(text).toContain("Copy downloaded by");
    expect(text).toContain(`Ahmad Abdullah Al-Enezi on`);
    expect(text).toContain(mark.ok ? `(copy ${mark.mark.copyId})` : "no mark");
    const copyId = mark.ok ? mark.mark.copyId : "";
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "certificate.downloaded"));
    expect(audit).toMatchObject({
      actorAccountId: holder.kind === "citizen" ? holder.accountId : "",
      subjectId: found.certificate.id,
      details: { copyId, number: found.certificate.number },
    });

    // One byte changed inside the signed range: the signature no longer matches.
    const tampered = Buffer.from(result.pdf);
    const at = tampered.indexOf("Test loan certificate");
    tampered[at] = "X".charCodeAt(0);
    fs.writeFileSync(path.join(tmp, "tampered.pdf"), tampered);
    const check = spawnSync("pdfsig", [path.join(tmp, "tampered.pdf")], { encoding: "utf8" });
    expect(check.stdout).not.toContain("Signature is Valid.");
    expect(check.stdout).toMatch(/Digest Mismatch|modified/i);
  });

  it("let the issuing agency's staff and administrators download, and nobody else", async () => {
    const other = await ensurePerson(t.db, { civilId: "292091998298", nameAr: "فاطمة", nameEn: "Fatima" });
    const stranger: Viewer = {
      kind: "citizen",
      sessionId: "s",
      accountId: "00000000-0000-4000-8000-000000000009",
      person: { ...other, preferredLanguage: "en" },
      lastSignInAt: null,
    };
    const number = found.certificate.number;
    expect(await downloadCertificate(t.db, deps, { number, viewer: stranger, meta: testRequestMeta })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await downloadCertificate(t.db, deps, { number, viewer: staff("kff"), meta: testRequestMeta })).toEqual({ ok: false, reason: "not-allowed" });
    expect((await downloadCertificate(t.db, deps, { number, viewer: staff("kcb"), meta: testRequestMeta })).ok).toBe(true);
    expect((await downloadCertificate(t.db, deps, { number, viewer: staff("cait", "admin"), meta: testRequestMeta })).ok).toBe(true);
    expect(await downloadCertificate(t.db, deps, { number: "NOPE-2026-000001", viewer: holder, meta: testRequestMeta })).toEqual({
      ok: false,
      reason: "not-found",
    });
  });
});

describe("the QR code's token", () => {
  it("checks offline against the published keys and names this certificate", () => {
    const check = verifyCertificateToken(tokenFor(found, key), publishedKeys([key]));
    expect(check).toMatchObject({ ok: true, claims: { n: found.certificate.number, s: "engine-test-loan", he: "Ahmad Abdullah Al-Enezi" } });
  });
});

describe("revocation", () => {
  it("needs the issuing agency's staff and a reason, happens once, and is audited", async () => {
    const number = found.certificate.number;
    const meta = { ...testRequestMeta, channel: "back-office" as const };
    // A supervisor of KCB needs no clerk position; create one so the audit has a real actor.
    const person = await ensurePerson(t.db, { civilId: "280112200022", nameAr: "يوسف", nameEn: "Yousef" });
    const { id } = await ensureStaffAccount(t.db, {
      person,
      username: "kcb.sup",
      password: "x",
      sealKey: t.secrets.sealKey,
      roles: [{ role: "supervisor", agencyId: "kcb" }],
    });
    const supervisor = { ...(staff("kcb", "supervisor") as Extract<Viewer, { kind: "staff" }>), accountId: id };
    expect(await revokeCertificate(t.db, { number, reason: "Issued in error", viewer: staff("kff"), meta })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await revokeCertificate(t.db, { number, reason: "  ", viewer: supervisor, meta })).toEqual({ ok: false, reason: "reason-required" });
    expect(await revokeCertificate(t.db, { number, reason: "Issued in error", viewer: supervisor, meta })).toEqual({ ok: true });
    expect(await revokeCertificate(t.db, { number, reason: "Again", viewer: supervisor, meta })).toEqual({ ok: false, reason: "already-revoked" });
    const after = await findCertificate(t.db, { number });
    expect(statusOf(after!.certificate)).toBe("revoked");
    expect(after!.certificate.revokedReason).toBe("Issued in error");
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "certificate.revoked"));
    expect(audit).toMatchObject({ actorAccountId: id, details: { number, reason: "Issued in error" } });
  });
});
