import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changePassword } from "../../app/accounts/profile.server";
import { completeVerification, startVerification, type VerificationDeps } from "../../app/accounts/verification.server";
import { makeCivilId, parseCivilId, type CivilId } from "../../app/auth/civil-id";
import * as password from "../../app/auth/password.server";
import { lookupSession } from "../../app/auth/session.server";
import { completeStaffSignIn, signInCitizen, startStaffSignIn } from "../../app/auth/sign-in.server";
import * as totp from "../../app/auth/totp.server";
import { catalogue } from "../../app/catalogue/services";
import { enrolKiosk, registerKiosk } from "../../app/kiosk/kiosks.server";
import { recordCard, signInWithPin } from "../../app/kiosk/sessions.server";
import { exchangeMessages, kiosks, notifications, oneTimeCodes, paciPeople, signInThrottles } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";
import { createEngineHarness, type EngineHarness } from "../support/engine";
import { addPaciPerson } from "../support/registries";

// Lock-outs count before they check: each test sends a burst of 30 concurrent tries, 29 wrong and
// the right one somewhere inside, and counts how many times the secret was actually checked.
// On PostgreSQL the burst runs on several connections at once; that is where a check-then-count
// throttle let every try through.

vi.mock("../../app/auth/password.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../app/auth/password.server")>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword), verifyDecoy: vi.fn(original.verifyDecoy) };
});
vi.mock("../../app/auth/totp.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../app/auth/totp.server")>();
  return { ...original, verifyTotp: vi.fn(original.verifyTotp) };
});

const BURST = 30;
const RIGHT_AT = 17;
const PASSWORD = "correct horse battery staple";
const IDLE = 30 * 60;
const id = (text: string) => (parseCivilId(text) as { civilId: CivilId }).civilId;

let t: TestDatabase;
let h: EngineHarness;
beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t, catalogue);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

/** 30 tries at once: `wrong(i)` for all but one, `right()` at RIGHT_AT. */
function burst<T>(wrong: (i: number) => Promise<T>, right: () => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: BURST }, (_, i) => (i === RIGHT_AT ? right() : wrong(i))));
}

const passwordChecks = () => vi.mocked(password.verifyPassword).mock.calls.length + vi.mocked(password.verifyDecoy).mock.calls.length;

describe("a burst of 30 concurrent tries is checked no more often than the limit allows", () => {
  it("citizen password: at most 5 checks, the rest refused as throttled", async () => {
    const person = await ensurePerson(t.db, { civilId: "288020122596", nameAr: "أحمد", nameEn: "Ahmad" });
    await ensureCitizenAccount(t.db, person, PASSWORD);
    const meta = { ...testRequestMeta, ip: "198.51.100.21" };
    const before = passwordChecks();
    const results = await burst(
      (i) => signInCitizen(t.db, { civilId: id("288020122596"), password: `guess ${i}`, language: null }, meta, IDLE),
      () => signInCitizen(t.db, { civilId: id("288020122596"), password: PASSWORD, language: null }, meta, IDLE),
    );
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);
    const checked = results.filter((r) => r.ok || r.reason === "invalid-credentials");
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(BURST - 5);
  });

  it("staff password and TOTP code: at most 5 checks of each", async () => {
    const secret = totp.generateTotpSecret();
    const person = await ensurePerson(t.db, { civilId: "290051400029", nameAr: "نورة", nameEn: "Noura" });
    const { id: accountId } = await ensureStaffAccount(t.db, {
      person,
      username: "burst.officer",
      password: PASSWORD,
      totpSecret: secret,
      sealKey: t.secrets.sealKey,
      roles: [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }],
    });
    const meta = { ...testRequestMeta, ip: "198.51.100.22", channel: "back-office" as const };

    let before = passwordChecks();
    await burst(
      (i) => startStaffSignIn(t.db, { username: "burst.officer", password: `guess ${i}` }, meta),
      () => startStaffSignIn(t.db, { username: "burst.officer", password: PASSWORD }, meta),
    );
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);

    // The TOTP step, from a pending session opened when the account is not locked.
    await t.db.delete(signInThrottles).where(like(signInThrottles.key, "%burst.officer%"));
    const started = await startStaffSignIn(t.db, { username: "burst.officer", password: PASSWORD }, meta);
    if (!started.ok) throw new Error(`password step refused: ${started.reason}`);
    const pending = await lookupSession(t.db, started.token);
    if (pending.status !== "live") throw new Error("no pending session");
    const input = { pendingSessionId: pending.session.id, accountId, username: "burst.officer", language: null };
    const rightCode = totp.totpCode(secret, totp.totpStep(new Date()));
    const wrongCode = (i: number) => String((Number(rightCode) + 1 + i) % 1_000_000).padStart(6, "0");
    before = vi.mocked(totp.verifyTotp).mock.calls.length;
    const results = await burst(
      (i) => completeStaffSignIn(t.db, { ...input, code: wrongCode(i) }, meta, t.secrets, 900),
      () => completeStaffSignIn(t.db, { ...input, code: rightCode }, meta, t.secrets, 900),
    );
    expect(vi.mocked(totp.verifyTotp).mock.calls.length - before).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(BURST - 5);
  });

  it("current password on the profile: at most 5 checks", async () => {
    const person = await ensurePerson(t.db, { civilId: "292091998298", nameAr: "فاطمة", nameEn: "Fatima" });
    const { id: accountId } = await ensureCitizenAccount(t.db, person, PASSWORD);
    const owner = { accountId, personId: person.id, sessionId: "none" };
    const before = passwordChecks();
    const results = await burst(
      (i) => changePassword(t.db, owner, { current: `guess ${i}`, password: "a-new-long-password" }, testRequestMeta),
      () => changePassword(t.db, owner, { current: PASSWORD, password: "a-new-long-password" }, testRequestMeta),
    );
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(BURST - 5);
  });

  it("kiosk PIN: at most 3 calls to PACI, and the card locks", async () => {
    const civilId = id("227081660516");
    await addPaciPerson(t.db, { civilId, nameAr: "عبدالعزيز", nameEn: "Abdulaziz" });
    await t.db
      .update(paciPeople)
      .set({ cardPinHash: await password.hashPassword("4321") })
      .where(eq(paciPeople.civilId, civilId));
    const { code } = await registerKiosk(t.db, {
      nameAr: "Burst kiosk",
      nameEn: "Burst kiosk",
      governorate: "capital",
      locationAr: "Hall",
      locationEn: "Hall",
    });
    const { kiosk } = (await enrolKiosk(t.db, code))!;
    await recordCard(t.db, kiosk.id, { kind: "inserted", civilId });
    const [withCard] = await t.db.select().from(kiosks).where(eq(kiosks.id, kiosk.id));
    const pinChecks = async () =>
      (
        await t.db
          .select({ n: count() })
          .from(exchangeMessages)
          .where(and(eq(exchangeMessages.operation, "paci.verify-card-pin"), eq(exchangeMessages.callerServiceId, "portal-kiosk")))
      )[0]!.n;
    const before = await pinChecks();
    const results = await burst(
      (i) => signInWithPin(t.db, h.deps.exchange, withCard!, String(1000 + i)),
      () => signInWithPin(t.db, h.deps.exchange, withCard!, "4321"),
    );
    expect((await pinChecks()) - before).toBeLessThanOrEqual(3);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(BURST - 3);
  });

  it("registration and reset codes: at most 3 texts for one civil ID, and at most 5 tries of a code", async () => {
    const deps: VerificationDeps = { exchange: h.deps.exchange, sealKey: Buffer.alloc(32, 7) };
    const civilId = id("297051431214");
    await addPaciPerson(t.db, { civilId, phone: "+96555123414", nameAr: "ريم", nameEn: "Reem", sex: "female" });
    const starts = await Promise.all(
      Array.from({ length: BURST }, () => startVerification(t.db, deps, { civilId, purpose: "register", language: "ar" }, testRequestMeta)),
    );
    const texts = await t.db.select().from(notifications).where(eq(notifications.address, "+96555123414"));
    expect(texts.length).toBeLessThanOrEqual(3);
    expect(starts.filter((s) => s.ok).length).toBe(texts.length);
    expect(starts.filter((s) => !s.ok && s.reason === "too-many-codes").length).toBe(BURST - texts.length);

    // One code, tried 30 times at once.
    const other = makeCivilId("1991-04-12", 4000);
    await addPaciPerson(t.db, { civilId: other, phone: "+96599123401", nameAr: "أحمد", nameEn: "Ahmad" });
    const started = await startVerification(t.db, deps, { civilId: other, purpose: "register", language: "en" }, testRequestMeta);
    if (!started.ok) throw new Error(`no code was sent: ${started.reason}`);
    const [sms] = await t.db.select().from(notifications).where(eq(notifications.address, "+96599123401"));
    const code = /\b(\d{6})\b/.exec(sms!.body)![1]!;
    const wrongCode = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0");
    const input = { challengeId: started.challengeId, password: "Ahmad-Enezi-2026", purpose: "register" as const, language: "en" as const };
    const results = await burst(
      (i) => completeVerification(t.db, deps, { ...input, code: wrongCode(i) }, testRequestMeta, IDLE),
      () => completeVerification(t.db, deps, { ...input, code }, testRequestMeta, IDLE),
    );
    const [after] = await t.db.select({ attempts: oneTimeCodes.attempts }).from(oneTimeCodes).where(eq(oneTimeCodes.id, started.challengeId));
    expect(after!.attempts).toBeLessThanOrEqual(5);
    const compared = results.filter((r) => r.ok || r.reason === "wrong-code");
    expect(compared.length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "too-many-attempts").length).toBeGreaterThanOrEqual(BURST - 5);
  });
});
