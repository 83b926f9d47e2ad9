import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, auditEvents, certificates } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { certificateSigningKey, publishedKeys } from "../../app/certificates/token.server";
import { tokenFor, findCertificate } from "../../app/certificates/certificates.server";
import { loader as verifyLoader } from "../../app/routes/verify.$code";
import { loader as jwksLoader } from "../../app/routes/[.]well-known.jwks[.]json";
import { demoAgencies } from "../../db/seed/demo";
import { ensureAgency } from "../../db/seed/factories";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { installTestRuntime } from "../support/runtime";
import { installRuntime } from "../../app/runtime.server";

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-verify-"));
const key = certificateSigningKey("verify route tests root secret, long enough");
const CODE = "AbCdEfGhIjKlMnOpQrSt";

beforeAll(async () => {
  t = await createTestDatabase();
  installTestRuntime(t, dir, { certificateKey: key });
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  const person = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد عبدالله العنزي", nameEn: "Ahmad Abdullah Al-Enezi" });
  const [application] = await t.db
    .insert(applications)
    .values({
      reference: "NAF-2026-000001",
      serviceId: "fire-safety-licence",
      serviceVersion: 1,
      applicantPersonId: person.id,
      channel: "web",
      status: "approved",
      submittedAt: new Date(),
    })
    .returning();
  await t.db.insert(certificates).values({
    applicationId: application!.id,
    serviceId: "fire-safety-licence",
    number: "FSL-2026-000001",
    verificationCode: CODE,
    holderPersonId: person.id,
    signingAgencyId: "kff",
    data: { title: { ar: "ترخيص الوقاية من الحريق", en: "Fire-safety licence" }, fields: [] },
    issuedAt: new Date("2026-11-22T09:00:00Z"),
    expiresAt: new Date("2027-11-22T09:00:00Z"),
  });
});
afterAll(async () => {
  installRuntime(undefined);
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const context = { requestId: "r", ip: "192.0.2.1", cspNonce: "n" };
async function verify(code: string, language: "ar" | "en" = "en", query = "") {
  const request = new Request(`http://localhost/verify/${code}${query}`, {
    headers: { cookie: `nafitha_lang=${language === "en" ? "ImVuIg%3D%3D" : "ImFyIg%3D%3D"}` },
  });
  const response = (await verifyLoader({ request, params: { code: decodeURIComponent(code) }, context })) as Response;
  return (await response.json()) as { status: string; isTokenGenuine: boolean | null; certificate: Record<string, string | null> | null };
}

describe("the verify page", () => {
  it("shows a valid certificate's public fields, in the visitor's language, and nothing more", async () => {
    const english = await verify(CODE);
    expect(english).toMatchObject({
      status: "valid",
      isTokenGenuine: null,
      certificate: { title: "Fire-safety licence", number: "FSL-2026-000001", holder: "Ahmad Abdullah Al-Enezi", issuer: "Kuwait Fire Force" },
    });
    expect(english.certificate!.issued).toContain("22 November 2026");
    expect(english.certificate!.issued).toContain("1448 AH");
    expect(JSON.stringify(english)).not.toContain("288020122596");
    const arabic = await verify(CODE, "ar");
    expect(arabic.certificate).toMatchObject({ title: "ترخيص الوقاية من الحريق", holder: "أحمد عبدالله العنزي", issuer: "قوة الإطفاء العام" });
  });

  it("checks the QR code's token when the scan brings one", async () => {
    const found = (await findCertificate(t.db, { code: CODE }))!;
    expect((await verify(CODE, "en", `?t=${tokenFor(found, key)}`)).isTokenGenuine).toBe(true);
    const other = certificateSigningKey("someone else's key, just as long as ours is");
    expect((await verify(CODE, "en", `?t=${tokenFor(found, other)}`)).isTokenGenuine).toBe(false);
  });

  it("says unknown for an unknown or malformed code, and audits every verification", async () => {
    expect(await verify("ZZZZZZZZZZZZZZZZZZZZ")).toEqual({ status: "unknown", isTokenGenuine: null, certificate: null, title: expect.any(String) });
    expect((await verify("abc%3Cscript%3Edef")).status).toBe("unknown");
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "certificate.verified"));
    expect(audited.length).toBeGreaterThanOrEqual(5);
    expect(audited.map((event) => event.details.status)).toEqual(expect.arrayContaining(["valid", "unknown"]));
  });

  it("opens a code pasted with a full stop, quotes, spaces or direction marks around it at the code's own address", async () => {
    for (const pasted of [`${CODE}.`, `«${CODE}»`, ` "${CODE}", `, `\u200f${CODE.slice(0, 10)} ${CODE.slice(10)}\u200e`]) {
      const request = new Request(`http://localhost/verify/${encodeURIComponent(pasted)}?t=x`);
      const answer = await Promise.resolve(verifyLoader({ request, params: { code: pasted }, context })).catch((thrown: unknown) => thrown);
      expect(answer, pasted).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(302);
      expect((answer as Response).headers.get("location")).toBe(`/verify/${CODE}?t=x`);
    }
  });

  it("shows expiry and revocation at once", async () => {
    await t.db
      .update(certificates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(certificates.verificationCode, CODE));
    expect((await verify(CODE)).status).toBe("expired");
    await t.db
      .update(certificates)
      .set({ status: "revoked", revokedAt: new Date("2026-11-23T09:00:00Z"), revokedReason: "Premises closed" })
      .where(eq(certificates.verificationCode, CODE));
    expect(await verify(CODE)).toMatchObject({ status: "revoked", certificate: { revokedReason: "Premises closed" } });
  });
});

describe("/.well-known/jwks.json", () => {
  it("publishes the key that checks the tokens", async () => {
    const body = await (jwksLoader() as Response).json();
    expect(body).toEqual(publishedKeys([key]));
  });
});
