import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, people, sessions, signInThrottles } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson, ensureStaffAccount, ensureAgency } from "../../db/seed/factories";
import { parseCivilId, type CivilId } from "../../app/auth/civil-id";
import { completeStaffSignIn, pendingEnrolmentSecret, signInCitizen, signOut, startStaffSignIn } from "../../app/auth/sign-in.server";
import { lookupSession } from "../../app/auth/session.server";
import { generateTotpSecret, totpCode, totpStep } from "../../app/auth/totp.server";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";

let t: TestDatabase;
const PASSWORD = "correct horse battery staple";
const civilId = (text: string) => (parseCivilId(text) as { civilId: CivilId }).civilId;
const IDLE = 30 * 60;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureAgency(t.db, { id: "kcb", nameAr: "بنك الائتمان الكويتي", nameEn: "Kuwait Credit Bank" });
  for (const [id, nameEn] of [
    ["288020122596", "Ahmad"],
    ["292091998298", "Fatima"],
    ["227081660516", "Abdulaziz"],
  ] as const) {
    const person = await ensurePerson(t.db, { civilId: id, nameAr: "اسم", nameEn });
    await ensureCitizenAccount(t.db, person, PASSWORD);
  }
});
afterAll(() => t.close());

describe("citizen sign-in", () => {
  it("opens a session and records the sign-in in the audit log", async () => {
    const result = await signInCitizen(t.db, { civilId: civilId("288020122596"), password: PASSWORD, language: null }, testRequestMeta, IDLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const found = await lookupSession(t.db, result.token);
    expect(found).toMatchObject({ status: "live", session: { stage: "active", channel: "web" }, person: { civilId: "288020122596" } });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorAccountId, result.accountId), eq(auditEvents.action, "auth.signed-in")));
    expect(audit).toMatchObject({ ip: testRequestMeta.ip, requestId: "test-request" });
  });

  it("refuses a wrong password and an unknown civil ID with the same answer", async () => {
    const wrong = await signInCitizen(t.db, { civilId: civilId("292091998298"), password: "nope", language: null }, testRequestMeta, IDLE);
    const unknown = await signInCitizen(t.db, { civilId: civilId("285031244114"), password: PASSWORD, language: null }, testRequestMeta, IDLE);
    expect(wrong).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("throttles an account after five failures, even for the right password, and says for how long", async () => {
    const target = civilId("227081660516");
    const meta = { ...testRequestMeta, ip: "198.51.100.7" };
    for (let i = 0; i < 5; i++) await signInCitizen(t.db, { civilId: target, password: `guess ${i}`, language: null }, meta, IDLE);
    const result = await signInCitizen(t.db, { civilId: target, password: PASSWORD, language: null }, meta, IDLE);
    expect(result).toEqual({ ok: false, reason: "throttled", retryAfterMinutes: 15 });
    // Another account from another address is not affected.
    const other = await signInCitizen(t.db, { civilId: civilId("288020122596"), password: PASSWORD, language: null }, { ...meta, ip: "203.0.113.1" }, IDLE);
    expect(other.ok).toBe(true);
  });

  it("throttles an address that tries many accounts", async () => {
    const meta = { ...testRequestMeta, ip: "203.0.113.99" };
    await t.db.insert(signInThrottles).values({ key: "ip:203.0.113.99", failures: 29, windowStartedAt: new Date() });
    await signInCitizen(t.db, { civilId: civilId("292091998298"), password: "wrong", language: null }, meta, IDLE);
    const result = await signInCitizen(t.db, { civilId: civilId("288020122596"), password: PASSWORD, language: null }, meta, IDLE);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("ends sessions that are idle too long, revoked, or signed out", async () => {
    const result = await signInCitizen(
      t.db,
      { civilId: civilId("288020122596"), password: PASSWORD, language: null },
      { ...testRequestMeta, ip: "203.0.113.2" },
      IDLE,
    );
    if (!result.ok) throw new Error("sign-in failed");
    const later = new Date(Date.now() + (IDLE + 5) * 1000);
    expect(await lookupSession(t.db, result.token, { now: later })).toEqual({ status: "ended" });
    const live = await lookupSession(t.db, result.token);
    if (live.status !== "live") throw new Error("expected a live session");
    await signOut(t.db, { id: live.session.id, accountId: result.accountId }, testRequestMeta);
    expect(await lookupSession(t.db, result.token)).toEqual({ status: "ended" });
    expect(await lookupSession(t.db, "not-a-token")).toEqual({ status: "ended" });
    expect(await lookupSession(t.db, null)).toEqual({ status: "none" });
  });

  it("keeps a session alive for the person's requests, not for a page polling its own progress", async () => {
    const result = await signInCitizen(
      t.db,
      { civilId: civilId("288020122596"), password: PASSWORD, language: null },
      { ...testRequestMeta, ip: "203.0.113.4" },
      IDLE,
    );
    if (!result.ok) throw new Error("sign-in failed");
    const found = await lookupSession(t.db, result.token, { isActivity: false });
    if (found.status !== "live") throw new Error("expected a live session");
    const lastSeen = async () => (await t.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, found.session.id)))[0]!.at;
    const signedInAt = await lastSeen();
    // Polls all through the idle timeout do not stretch it.
    for (const minutes of [2, 5, 10]) {
      const at = new Date(signedInAt.getTime() + minutes * 60_000);
      expect((await lookupSession(t.db, result.token, { now: at, isActivity: false })).status).toBe("live");
    }
    expect(await lastSeen()).toEqual(signedInAt);
    expect(await lookupSession(t.db, result.token, { now: new Date(signedInAt.getTime() + (IDLE + 1) * 1000), isActivity: false })).toEqual({
      status: "ended",
    });
    // A click two minutes in does.
    const clicked = new Date(signedInAt.getTime() + 2 * 60_000);
    await lookupSession(t.db, result.token, { now: clicked });
    expect(await lastSeen()).toEqual(clicked);
  });

  it("refuses a suspended account and ends its sessions", async () => {
    const meta = { ...testRequestMeta, ip: "203.0.113.3" };
    const result = await signInCitizen(t.db, { civilId: civilId("292091998298"), password: PASSWORD, language: null }, meta, IDLE);
    if (!result.ok) throw new Error("sign-in failed");
    await t.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, result.accountId));
    expect(await lookupSession(t.db, result.token)).toEqual({ status: "ended" });
    expect(await signInCitizen(t.db, { civilId: civilId("292091998298"), password: PASSWORD, language: null }, meta, IDLE)).toEqual({
      ok: false,
      reason: "disabled",
    });
    await t.db.update(accounts).set({ disabledAt: null }).where(eq(accounts.id, result.accountId));
  });
});

describe("staff sign-in with a second factor", () => {
  const secret = generateTotpSecret();
  let staffAccountId: string;

  beforeAll(async () => {
    const person = await ensurePerson(t.db, { civilId: "290051400029", nameAr: "نورة", nameEn: "Noura" });
    staffAccountId = (
      await ensureStaffAccount(t.db, {
        person,
        username: "kcb.officer",
        password: PASSWORD,
        totpSecret: secret,
        sealKey: t.secrets.sealKey,
        roles: [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }],
      })
    ).id;
  });

  it("needs the password first, then a current code, and replaces the pending session", async () => {
    const meta = { ...testRequestMeta, ip: "203.0.113.10", channel: "back-office" as const };
    const first = await startStaffSignIn(t.db, { username: "KCB.Officer ", password: PASSWORD }, meta);
    expect(first).toMatchObject({ ok: true, isEnrolled: true });
    if (!first.ok) return;
    const pending = await lookupSession(t.db, first.token);
    if (pending.status !== "live") throw new Error("no pending session");
    expect(pending.session.stage).toBe("second-factor");

    const input = { pendingSessionId: pending.session.id, accountId: staffAccountId, username: "kcb.officer", language: null };
    expect(await completeStaffSignIn(t.db, { ...input, code: "000000" }, meta, t.secrets, 900)).toEqual({ ok: false, reason: "invalid-credentials" });

    const code = totpCode(secret, totpStep(new Date()));
    const done = await completeStaffSignIn(t.db, { ...input, code }, meta, t.secrets, 900);
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(await lookupSession(t.db, first.token)).toEqual({ status: "ended" });
    expect(await lookupSession(t.db, done.token)).toMatchObject({ status: "live", session: { stage: "active" }, account: { kind: "staff" } });

    // The same code a second time is a replay: refused.
    const again = await startStaffSignIn(t.db, { username: "kcb.officer", password: PASSWORD }, meta);
    if (!again.ok) throw new Error("password step failed");
    const pendingAgain = await lookupSession(t.db, again.token);
    if (pendingAgain.status !== "live") throw new Error("no pending session");
    const replay = await completeStaffSignIn(t.db, { ...input, pendingSessionId: pendingAgain.session.id, code }, meta, t.secrets, 900);
    expect(replay).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("enrols an account on its first sign-in: one secret, shown until confirmed, never after", async () => {
    const person = await ensurePerson(t.db, { civilId: "295060600076", nameAr: "خالد", nameEn: "Khaled" });
    const { id } = await ensureStaffAccount(t.db, {
      person,
      username: "new.clerk",
      password: PASSWORD,
      sealKey: t.secrets.sealKey,
      roles: [{ role: "supervisor", agencyId: "kcb" }],
    });
    const meta = { ...testRequestMeta, ip: "203.0.113.11", channel: "back-office" as const };
    const first = await startStaffSignIn(t.db, { username: "new.clerk", password: PASSWORD }, meta);
    expect(first).toMatchObject({ ok: true, isEnrolled: false });
    if (!first.ok) return;

    const [shown, shownAgain] = await Promise.all([pendingEnrolmentSecret(t.db, id, t.secrets), pendingEnrolmentSecret(t.db, id, t.secrets)]);
    expect(shown).toMatch(/^[A-Z2-7]{32}$/);
    expect(shownAgain).toBe(shown);

    const pending = await lookupSession(t.db, first.token);
    if (pending.status !== "live") throw new Error("no pending session");
    const done = await completeStaffSignIn(
      t.db,
      { pendingSessionId: pending.session.id, accountId: id, username: "new.clerk", code: totpCode(shown!, totpStep(new Date())), language: "en" },
      meta,
      t.secrets,
      900,
    );
    expect(done.ok).toBe(true);
    expect(await pendingEnrolmentSecret(t.db, id, t.secrets)).toBeNull();
    // The language chosen before signing in is now the account's.
    const [saved] = await t.db.select({ language: people.preferredLanguage }).from(people).where(eq(people.id, person.id));
    expect(saved!.language).toBe("en");
    const actions = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.actorAccountId, id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.totp-enrolled", "auth.signed-in"]));
  });

  it("stores only a hash of the session token and a sealed TOTP secret", async () => {
    const [row] = await t.db.select({ sealed: accounts.totpSecretSealed }).from(accounts).where(eq(accounts.id, staffAccountId));
    expect(row!.sealed).not.toContain(secret);
    const ids = await t.db.select({ id: sessions.id }).from(sessions);
    for (const { id } of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});
