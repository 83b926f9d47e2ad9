import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword, listOpenSessions, signOutEverywhereElse, updateContact, updateLanguage } from "../../app/accounts/profile.server";
import { parseCivilId, type CivilId } from "../../app/auth/civil-id";
import { signInCitizen } from "../../app/auth/sign-in.server";
import { lookupSession } from "../../app/auth/session.server";
import { auditEvents, people, sessions } from "../../db/schema";
import { ensureCitizenAccount, ensurePerson } from "../../db/seed/factories";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";

// A citizen's own account: contact details, language, password, sessions.

let t: TestDatabase;
const CIVIL_ID = (parseCivilId("288020122596") as { civilId: CivilId }).civilId;
const IDLE = 30 * 60;
let owner: { accountId: string; personId: string; sessionId: string };
const tokens: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const person = await ensurePerson(t.db, { civilId: CIVIL_ID, nameAr: "أحمد", nameEn: "Ahmad", phone: "+96599123456" });
  const account = await ensureCitizenAccount(t.db, person, "first-password-1");
  for (let i = 0; i < 3; i++) {
    const signedIn = await signInCitizen(t.db, { civilId: CIVIL_ID, password: "first-password-1", language: null }, testRequestMeta, IDLE);
    if (!signedIn.ok) throw new Error("sign-in failed");
    tokens.push(signedIn.token);
  }
  const found = await lookupSession(t.db, tokens[0]!);
  if (found.status !== "live") throw new Error("no session");
  owner = { accountId: account.id, personId: person.id, sessionId: found.session.id };
});
afterAll(() => t.close());

describe("the citizen's account", () => {
  it("changes the contact details and the language, audited", async () => {
    await updateContact(t.db, owner, { email: "ahmad@example.kw", phone: "+96566000000" }, testRequestMeta);
    await updateLanguage(t.db, owner, "en", testRequestMeta);
    const [person] = await t.db.select().from(people).where(eq(people.id, owner.personId));
    expect(person).toMatchObject({ email: "ahmad@example.kw", phone: "+96566000000", preferredLanguage: "en" });
    const actions = (await t.db.select({ action: auditEvents.action }).from(auditEvents)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["account.contact-changed", "account.language-changed"]));
  });

  it("lists the open sessions, not those idle past their timeout", async () => {
    expect(await listOpenSessions(t.db, owner.accountId)).toHaveLength(3);
    const later = new Date(Date.now() + (IDLE + 60) * 1000);
    expect(await listOpenSessions(t.db, owner.accountId, later)).toHaveLength(0);
  });

  it("signs out everywhere else, keeping this session", async () => {
    expect(await signOutEverywhereElse(t.db, owner, testRequestMeta)).toBe(2);
    expect((await lookupSession(t.db, tokens[0]!)).status).toBe("live");
    expect((await lookupSession(t.db, tokens[1]!)).status).not.toBe("live");
    expect(await signOutEverywhereElse(t.db, owner, testRequestMeta)).toBe(0);
  });

  it("changes the password only with the current one, and signs out the other sessions", async () => {
    const other = await signInCitizen(t.db, { civilId: CIVIL_ID, password: "first-password-1", language: null }, testRequestMeta, IDLE);
    if (!other.ok) throw new Error("sign-in failed");
    expect(await changePassword(t.db, owner, { current: "not-the-password", password: "second-password-2" }, testRequestMeta)).toEqual({
      ok: false,
      reason: "wrong-password",
    });
    expect(await changePassword(t.db, owner, { current: "first-password-1", password: "second-password-2" }, testRequestMeta)).toEqual({ ok: true });
    expect((await lookupSession(t.db, other.token)).status).not.toBe("live");
    expect((await lookupSession(t.db, tokens[0]!)).status).toBe("live");
    expect((await signInCitizen(t.db, { civilId: CIVIL_ID, password: "second-password-2", language: null }, testRequestMeta, IDLE)).ok).toBe(true);
    const open = await t.db.select().from(sessions).where(eq(sessions.accountId, owner.accountId));
    expect(open.length).toBeGreaterThan(3);
  });
});
