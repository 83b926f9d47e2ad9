import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { endKioskSession, isKioskSessionLive, kioskPersonOf, recordCard, signInWithPin } from "../../app/kiosk/sessions.server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printCertificateAtKiosk } from "../../app/certificates/certificates.server";
import { Pki } from "../../app/certificates/pki.server";
import { certificateSigningKey } from "../../app/certificates/token.server";
import { ensurePerson } from "../../db/seed/factories";
import { applications, auditEvents, certificates, exchangeMessages, kioskPrints, kiosks, paciPeople } from "../../db/schema";
import { useJourneys } from "../support/journeys";
import {
  enrolKiosk,
  formatCode,
  kioskOfCredential,
  kioskState,
  listKiosks,
  recordHeartbeat,
  registerKiosk,
  reissueEnrolment,
  revokeKiosk,
} from "../../app/kiosk/kiosks.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// Kiosk terminals: registered with a one-time enrolment code, enrolled once into a device
// credential, flagged when silent, and stopped at once when revoked.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

describe("kiosks", () => {
  it("enrol once with their code, within a day, typed with or without its dash", async () => {
    const { kiosk, code } = await registerKiosk(t.db, {
      nameAr: "مركز خدمة حولي 1",
      nameEn: "Hawalli Service Centre 1",
      governorate: "hawalli",
      locationAr: "الصالة الأرضية",
      locationEn: "Ground floor hall",
    });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(kioskState(kiosk)).toBe("awaiting-enrolment");
    expect(await enrolKiosk(t.db, "WRONGCODE1")).toBeNull();
    // A day and a bit later, the code has expired.
    expect(await enrolKiosk(t.db, code, new Date(Date.now() + 25 * 3600_000))).toBeNull();
    const enrolled = await enrolKiosk(t.db, formatCode(code).toLowerCase());
    expect(enrolled?.kiosk.id).toBe(kiosk.id);
    expect(await enrolKiosk(t.db, code)).toBeNull();
    expect((await kioskOfCredential(t.db, enrolled!.credential))?.id).toBe(kiosk.id);
    expect(await kioskOfCredential(t.db, "forged")).toBeNull();
    // The table keeps neither the code nor the credential.
    const [row] = (await listKiosks(t.db)).filter((candidate) => candidate.id === kiosk.id);
    expect(JSON.stringify(row)).not.toContain(enrolled!.credential);
    expect(row!.enrolmentCodeHash).toBeNull();
  });

  it("are online while they beat, flagged after two silent minutes, and stop at once when revoked", async () => {
    const { kiosk, code } = await registerKiosk(t.db, {
      nameAr: "Jahra Service Centre",
      nameEn: "Jahra Service Centre",
      governorate: "jahra",
      locationAr: "Entrance",
      locationEn: "Entrance",
    });
    const { credential } = (await enrolKiosk(t.db, code))!;
    const now = new Date();
    await recordHeartbeat(t.db, kiosk.id, { printer: "ready", paper: "low" }, now);
    const [beating] = (await listKiosks(t.db)).filter((row) => row.id === kiosk.id);
    expect(beating).toMatchObject({ printerStatus: "ready", paperStatus: "low" });
    expect(kioskState(beating!, new Date(now.getTime() + 60_000))).toBe("online");
    expect(kioskState(beating!, new Date(now.getTime() + 121_000))).toBe("silent");
    // The browser's own beat (it knows nothing of the printer) keeps it online and leaves the agent's report.
    const later = new Date(now.getTime() + 100_000);
    await recordHeartbeat(t.db, kiosk.id, {}, later);
    const [browserBeat] = (await listKiosks(t.db)).filter((row) => row.id === kiosk.id);
    expect(browserBeat).toMatchObject({ printerStatus: "ready", paperStatus: "low", lastSeenAt: later });

    expect(await revokeKiosk(t.db, kiosk.id)).toBe(true);
    expect(await kioskOfCredential(t.db, credential)).toBeNull();
    expect(await revokeKiosk(t.db, kiosk.id)).toBe(false);
    // A replaced device gets a new code; the revoked credential stays dead.
    const fresh = await reissueEnrolment(t.db, kiosk.id);
    const again = await enrolKiosk(t.db, fresh!);
    expect(again?.credential).not.toBe(credential);
    expect(await kioskOfCredential(t.db, credential)).toBeNull();
    expect((await kioskOfCredential(t.db, again!.credential))?.id).toBe(kiosk.id);
  });
});

describe("signing in at a kiosk", () => {
  const ctx = useJourneys();

  async function kioskWithCard(pin = "4321") {
    const civilId = await ctx.person();
    await ctx.t.db
      .update(paciPeople)
      .set({ cardPinHash: await hashPassword(pin) })
      .where(eq(paciPeople.civilId, civilId));
    const { code } = await registerKiosk(ctx.t.db, {
      nameAr: `Kiosk ${civilId}`,
      nameEn: `Kiosk ${civilId}`,
      governorate: "capital",
      locationAr: "Hall",
      locationEn: "Hall",
    });
    const { kiosk } = (await enrolKiosk(ctx.t.db, code))!;
    await recordCard(ctx.t.db, kiosk.id, { kind: "inserted", civilId });
    const [withCard] = await ctx.t.db.select().from(kiosks).where(eq(kiosks.id, kiosk.id));
    return { civilId, kiosk: withCard! };
  }

  it("takes the card's PIN as PACI checks it, and locks the card after three wrong ones", async () => {
    const { kiosk, civilId } = await kioskWithCard();
    const exchange = ctx.j.h.deps.exchange;
    expect(await signInWithPin(ctx.t.db, exchange, kiosk, "1111")).toEqual({ ok: false, reason: "wrong-pin", triesLeft: 2 });
    expect(await signInWithPin(ctx.t.db, exchange, kiosk, "2222")).toEqual({ ok: false, reason: "wrong-pin", triesLeft: 1 });
    expect(await signInWithPin(ctx.t.db, exchange, kiosk, "3333")).toEqual({ ok: false, reason: "locked", minutes: 15 });
    // Locked: even the right PIN waits, at this kiosk or any other.
    expect(await signInWithPin(ctx.t.db, exchange, kiosk, "4321")).toMatchObject({ ok: false, reason: "locked" });
    expect(await signInWithPin(ctx.t.db, exchange, kiosk, "4321", new Date(Date.now() + 16 * 60_000))).toMatchObject({ ok: true });
    // PACI was asked, and the portal never kept the PIN.
    const asked = await ctx.t.db
      .select()
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.operation, "paci.verify-card-pin"), eq(exchangeMessages.callerServiceId, "portal-kiosk")));
    expect(asked.length).toBeGreaterThanOrEqual(4);
    // The message log keeps hashes of what was sent, never the PIN itself (ids, hashes and times are random or derived).
    const texts = asked.map(({ purpose, error, operation, callerServiceId, outcome }) =>
      JSON.stringify({ purpose, error, operation, callerServiceId, outcome }),
    );
    expect(texts.join("\n")).not.toContain("4321");
    expect(Object.keys(asked[0]!)).not.toContain("payload");
    expect(civilId).toMatch(/^\d{12}$/);
  });

  it("keeps a session while touched, and ends it after 80 idle seconds, on finish, and when the card comes out", async () => {
    const { kiosk } = await kioskWithCard("9876");
    const exchange = ctx.j.h.deps.exchange;
    const signIn = async () => {
      const result = await signInWithPin(ctx.t.db, exchange, kiosk, "9876");
      if (!result.ok) throw new Error(result.reason);
      return result.token;
    };
    const first = await signIn();
    const now = Date.now();
    // The screen's polls for progress do not keep the session alive; a touch does.
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, first, { now: new Date(now + 40_000), isActivity: false })).not.toBeNull();
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, first, { now: new Date(now + 60_000) })).not.toBeNull();
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, first, { now: new Date(now + 60_000 + 70_000), isActivity: false })).not.toBeNull();
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, first, { now: new Date(now + 60_000 + 81_000), isActivity: false })).toBeNull();
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, first, { now: new Date(now + 60_000 + 81_000) })).toBeNull();
    // Another kiosk cannot use the token.
    const other = await registerKiosk(ctx.t.db, { nameAr: "Elsewhere", nameEn: "Elsewhere", governorate: "capital", locationAr: "Hall", locationEn: "Hall" });
    const second = await signIn();
    expect(await kioskPersonOf(ctx.t.db, other.kiosk.id, second)).toBeNull();
    await endKioskSession(ctx.t.db, second);
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, second)).toBeNull();
    const third = await signIn();
    // The screen's check does not count as a touch: asked after 70 s, the session still ends at 80.
    const signedInAt = Date.now();
    expect(await isKioskSessionLive(ctx.t.db, kiosk.id, third, new Date(signedInAt + 70_000))).toBe(true);
    expect(await isKioskSessionLive(ctx.t.db, kiosk.id, third, new Date(signedInAt + 85_000))).toBe(false);
    expect(await isKioskSessionLive(ctx.t.db, other.kiosk.id, third)).toBe(false);
    await recordCard(ctx.t.db, kiosk.id, { kind: "removed" });
    expect(await isKioskSessionLive(ctx.t.db, kiosk.id, third)).toBe(false);
    expect(await kioskPersonOf(ctx.t.db, kiosk.id, third)).toBeNull();
    const [emptied] = await ctx.t.db.select().from(kiosks).where(eq(kiosks.id, kiosk.id));
    expect(await signInWithPin(ctx.t.db, exchange, emptied!, "9876")).toEqual({ ok: false, reason: "no-card" });
  });

  it("prints a certificate only for its holder, recorded against the kiosk and audited", async () => {
    const { kiosk, civilId } = await kioskWithCard();
    const holder = await ensurePerson(ctx.t.db, { civilId, nameAr: "حامل الشهادة", nameEn: "Holder" });
    const [application] = await ctx.t.db
      .insert(applications)
      .values({
        reference: `NAF-2026-${civilId.slice(6)}`,
        serviceId: "fire-safety-renewal",
        serviceVersion: 1,
        applicantPersonId: holder.id,
        channel: "kiosk",
        status: "approved",
        submittedAt: new Date(),
      })
      .returning();
    const number = `FSR-2026-${civilId.slice(6)}`;
    await ctx.t.db.insert(certificates).values({
      applicationId: application!.id,
      serviceId: "fire-safety-renewal",
      number,
      verificationCode: `Kiosk${civilId}abcdefghij`.slice(0, 20),
      holderPersonId: holder.id,
      signingAgencyId: "kff",
      data: { title: { ar: "ترخيص الوقاية من الحريق", en: "Fire-safety licence" }, fields: [] },
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 365 * 24 * 3600_000),
    });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-kiosk-print-"));
    const deps = {
      certificateKey: certificateSigningKey("kiosk print tests root secret, long enough"),
      pki: new Pki(path.join(tmp, "pki"), "kiosk print tests"),
      markKey: Buffer.alloc(32, 9),
      origin: "https://nafitha.example",
    };
    const meta = { requestId: "test", ip: null, userAgent: null, channel: "kiosk" as const };
    const stranger = await ensurePerson(ctx.t.db, { civilId: await ctx.person(), nameAr: "شخص آخر", nameEn: "Someone else" });
    expect(
      await printCertificateAtKiosk(ctx.t.db, deps, {
        number,
        holder: { personId: stranger.id, nameAr: "شخص آخر", nameEn: "Someone else" },
        kioskId: kiosk.id,
        meta,
      }),
    ).toEqual({ ok: false, reason: "not-found" });
    const printed = await printCertificateAtKiosk(ctx.t.db, deps, {
      number,
      holder: { personId: holder.id, nameAr: "حامل الشهادة", nameEn: "Holder" },
      kioskId: kiosk.id,
      meta,
    });
    expect(printed.ok && printed.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const prints = await ctx.t.db.select().from(kioskPrints).where(eq(kioskPrints.kioskId, kiosk.id));
    expect(prints).toMatchObject([{ document: number, personId: holder.id }]);
    const [audited] = await ctx.t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "certificate.printed"), eq(auditEvents.subjectType, "certificate")));
    expect(audited?.details).toMatchObject({ number, kioskId: kiosk.id, copyId: prints[0]!.copyId });
  });
});
