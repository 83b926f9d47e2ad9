import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeVerification, startVerification, type VerificationDeps } from "../../app/accounts/verification.server";
import { parseCivilId, type CivilId } from "../../app/auth/civil-id";
import { lookupSession } from "../../app/auth/session.server";
import { signInCitizen } from "../../app/auth/sign-in.server";
import { catalogue } from "../../app/catalogue/services";
import { accounts, agencyLinks, notifications, people, sessions } from "../../db/schema";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";
import { createEngineHarness, type EngineHarness } from "../support/engine";
import { addPaciPerson } from "../support/registries";

// Registering and resetting a password by civil ID, with a code texted to the phone PACI holds.

let t: TestDatabase;
let h: EngineHarness;
let deps: VerificationDeps;
const meta = testRequestMeta;
const IDLE = 30 * 60;
const id = (text: string) => (parseCivilId(text) as { civilId: CivilId }).civilId;
const AHMAD = id("288020122596");
const NO_PHONE = id("292091998298");
const NOBODY = id("227081660516");

/** The code in the latest text message to a phone, as the person would read it. */
async function textedCode(phone: string) {
  const [sms] = await t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.channel, "sms"), eq(notifications.address, phone)))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  return /\b(\d{6})\b/.exec(sms!.body)![1]!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t, catalogue);
  deps = { exchange: h.deps.exchange, sealKey: Buffer.alloc(32, 9) };
  await addPaciPerson(t.db, { civilId: AHMAD, phone: "+96599123456", nameAr: "أحمد عبدالله العنزي", nameEn: "Ahmad Abdullah Al-Enezi" });
  await addPaciPerson(t.db, { civilId: NO_PHONE, phone: null, sex: "female", nameAr: "فاطمة محمد الرشيدي", nameEn: "Fatima Mohammed Al-Rashidi" });
});
afterAll(async () => {
  await h.close();
  await t.close();
});

describe("registration", () => {
  it("finds the person at PACI, texts a code to the phone on record, and creates the account from PACI's record", async () => {
    const started = await startVerification(t.db, deps, { civilId: AHMAD, purpose: "register", language: "ar" }, meta);
    expect(started).toMatchObject({ ok: true, maskedPhone: "•••• •456" });
    if (!started.ok) return;
    const code = await textedCode("+96599123456");
    const [sms] = await t.db.select().from(notifications).where(eq(notifications.address, "+96599123456"));
    expect(sms).toMatchObject({ channel: "sms", language: "ar", status: "pending" });
    expect(sms!.body).toContain("رمز التحقق");

    const wrong = code === "000000" ? "111111" : "000000";
    expect(
      await completeVerification(
        t.db,
        deps,
        { challengeId: started.challengeId, code: wrong, password: "a-long-password-1", purpose: "register", language: "ar" },
        meta,
        IDLE,
      ),
    ).toEqual({
      ok: false,
      reason: "wrong-code",
      attemptsLeft: 4,
    });
    const done = await completeVerification(
      t.db,
      deps,
      { challengeId: started.challengeId, code, password: "a-long-password-1", purpose: "register", language: "ar" },
      meta,
      IDLE,
    );
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect((await lookupSession(t.db, done.token)).status).toBe("live");
    const [person] = await t.db.select().from(people).where(eq(people.civilId, AHMAD));
    expect(person).toMatchObject({ nameEn: "Ahmad Abdullah Al-Enezi", phone: "+96599123456", preferredLanguage: "ar" });
    expect((await signInCitizen(t.db, { civilId: AHMAD, password: "a-long-password-1", language: null }, meta, IDLE)).ok).toBe(true);

    // The code works once, and the civil ID cannot register twice.
    expect(
      await completeVerification(
        t.db,
        deps,
        { challengeId: started.challengeId, code, password: "a-long-password-1", purpose: "register", language: "ar" },
        meta,
        IDLE,
      ),
    ).toEqual({ ok: false, reason: "expired" });
  });

  it("answers the same whether or not an account exists: the holder is texted what to do instead of a code", async () => {
    // Ahmad has an account (above): registering again looks exactly like a first registration.
    const again = await startVerification(t.db, deps, { civilId: AHMAD, purpose: "register", language: "en" }, meta);
    expect(again).toEqual({ ok: true, challengeId: expect.any(String), maskedPhone: "•••• •456" });
    if (!again.ok) return;
    const [sms] = await t.db.select().from(notifications).where(eq(notifications.address, "+96599123456")).orderBy(desc(notifications.createdAt)).limit(1);
    expect(sms!.body).toContain("You already have one");
    expect(sms!.body).not.toMatch(/\d{6}/);
    // No code was sent, and none works: every guess is a wrong code, the same as with a real one.
    for (const guess of ["000000", "123456"]) {
      expect(
        await completeVerification(
          t.db,
          deps,
          { challengeId: again.challengeId, code: guess, password: "a-long-password-1", purpose: "register", language: "en" },
          meta,
          IDLE,
        ),
      ).toMatchObject({ ok: false, reason: "wrong-code" });
    }

    // Resetting for someone without an account looks exactly like a reset.
    const noAccount = id("290011637136");
    await addPaciPerson(t.db, { civilId: noAccount, phone: "+96555000222" });
    const reset = await startVerification(t.db, deps, { civilId: noAccount, purpose: "reset-password", language: "ar" }, meta);
    expect(reset).toEqual({ ok: true, challengeId: expect.any(String), maskedPhone: "•••• •222" });
    const [resetSms] = await t.db.select().from(notifications).where(eq(notifications.address, "+96555000222"));
    expect(resetSms!.body).toContain("لا يوجد حساب");
    expect(resetSms!.body).not.toMatch(/\d{6}/);
    const [account] = await t.db
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(people, eq(people.id, accounts.personId))
      .where(eq(people.civilId, noAccount));
    expect(account).toBeUndefined();
  });

  it("refuses a civil ID PACI does not know, or one with no phone on record", async () => {
    expect(await startVerification(t.db, deps, { civilId: NOBODY, purpose: "register", language: "en" }, meta)).toEqual({
      ok: false,
      reason: "not-in-registry",
    });
    expect(await startVerification(t.db, deps, { civilId: NO_PHONE, purpose: "register", language: "en" }, meta)).toEqual({ ok: false, reason: "no-phone" });
  });

  it("says the registry is unavailable when PACI is down, and saves nothing", async () => {
    await t.db.insert(agencyLinks).values({ agencyId: "paci", isDown: true });
    const before = await t.db.select().from(notifications);
    expect(await startVerification(t.db, deps, { civilId: NOBODY, purpose: "register", language: "en" }, meta)).toEqual({
      ok: false,
      reason: "registry-unavailable",
    });
    expect(await t.db.select().from(notifications)).toHaveLength(before.length);
    await t.db.delete(agencyLinks);
  });

  it("allows five tries of a code, an expiry of ten minutes, and three codes in fifteen minutes", async () => {
    const civilId = id("290011637128");
    await addPaciPerson(t.db, { civilId, phone: "+96555000111" });
    const first = await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta);
    if (!first.ok) throw new Error("start failed");
    const code = await textedCode("+96555000111");
    const wrong = code === "000000" ? "111111" : "000000";
    const attempt = () =>
      completeVerification(
        t.db,
        deps,
        { challengeId: first.challengeId, code: wrong, password: "a-long-password-1", purpose: "register", language: "en" },
        meta,
        IDLE,
      );
    for (const left of [4, 3, 2, 1]) expect(await attempt()).toEqual({ ok: false, reason: "wrong-code", attemptsLeft: left });
    expect(await attempt()).toEqual({ ok: false, reason: "too-many-attempts" });
    expect(
      await completeVerification(
        t.db,
        deps,
        { challengeId: first.challengeId, code, password: "a-long-password-1", purpose: "register", language: "en" },
        meta,
        IDLE,
      ),
    ).toEqual({ ok: false, reason: "too-many-attempts" });

    const second = await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta);
    if (!second.ok) throw new Error("start failed");
    const later = new Date(Date.now() + 11 * 60_000);
    expect(
      await completeVerification(
        t.db,
        deps,
        { challengeId: second.challengeId, code: await textedCode("+96555000111"), password: "a-long-password-1", purpose: "register", language: "en" },
        meta,
        IDLE,
        later,
      ),
    ).toEqual({ ok: false, reason: "expired" });

    expect((await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta)).ok).toBe(true);
    expect(await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta)).toEqual({ ok: false, reason: "too-many-codes" });
  });
});

describe("two registrations of one civil ID at once", () => {
  it("make one account: the other is told it exists, with no error", async () => {
    const civilId = id("290011637144");
    await addPaciPerson(t.db, { civilId, phone: "+96555000333" });
    const first = await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta);
    const firstCode = await textedCode("+96555000333");
    const second = await startVerification(t.db, deps, { civilId, purpose: "register", language: "en" }, meta);
    const secondCode = await textedCode("+96555000333");
    if (!first.ok || !second.ok) throw new Error("start failed");
    const results = await Promise.all([
      completeVerification(
        t.db,
        deps,
        { challengeId: first.challengeId, code: firstCode, password: "a-long-password-1", purpose: "register", language: "en" },
        meta,
        IDLE,
      ),
      completeVerification(
        t.db,
        deps,
        { challengeId: second.challengeId, code: secondCode, password: "a-long-password-2", purpose: "register", language: "en" },
        meta,
        IDLE,
      ),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "already-registered")).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("sets a new password and signs out every other session", async () => {
    const [account] = await t.db
      .select({ id: accounts.id })
      .from(accounts)
      .innerJoin(people, eq(people.id, accounts.personId))
      .where(eq(people.civilId, AHMAD));
    const open = await t.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, account!.id), isNull(sessions.revokedAt)));
    expect(open.length).toBeGreaterThan(0);

    const started = await startVerification(t.db, deps, { civilId: AHMAD, purpose: "reset-password", language: "en" }, meta);
    if (!started.ok) throw new Error("start failed");
    // A reset code does not register, and a registration code does not reset.
    expect(
      await completeVerification(
        t.db,
        deps,
        { challengeId: started.challengeId, code: await textedCode("+96599123456"), password: "another-password-2", purpose: "register", language: "en" },
        meta,
        IDLE,
      ),
    ).toEqual({ ok: false, reason: "expired" });
    const done = await completeVerification(
      t.db,
      deps,
      { challengeId: started.challengeId, code: await textedCode("+96599123456"), password: "another-password-2", purpose: "reset-password", language: "en" },
      meta,
      IDLE,
    );
    expect(done.ok).toBe(true);

    for (const session of open) expect((await t.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]!.revokedAt).not.toBeNull();
    expect((await signInCitizen(t.db, { civilId: AHMAD, password: "a-long-password-1", language: null }, meta, IDLE)).ok).toBe(false);
    expect((await signInCitizen(t.db, { civilId: AHMAD, password: "another-password-2", language: null }, meta, IDLE)).ok).toBe(true);
  });
});
