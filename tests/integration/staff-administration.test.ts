import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogue } from "../../app/catalogue/services";
import { staffScopeOf, type StaffScope } from "../../app/administration/staff-scope";
import {
  acceptInvitation,
  changeStaffMember,
  getInvitation,
  getStaffMember,
  inviteStaff,
  listStaffMembers,
  revokeInvitation,
} from "../../app/administration/staff.server";
import { createSession, lookupSession } from "../../app/auth/session.server";
import { accountRoles, accounts, auditEvents, staffInvitations } from "../../db/schema";
import { ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { createTestDatabase, testDriver, testRequestMeta, type TestDatabase } from "../setup/database";
import { addPaciPerson } from "../support/registries";
import { createEngineHarness, type EngineHarness } from "../support/engine";

// Staff administration, attempted the way it would be abused: an agency administrator reaching
// into another agency or raising rights, someone changing their own account, an invitation used
// twice (at once), and a disabled account whose session goes on.

let t: TestDatabase;
let h: EngineHarness;
const meta = { ...testRequestMeta, channel: "back-office" as const };
const portal: StaffScope = { kind: "portal" };
const kcbAdmins: StaffScope = { kind: "agencies", agencyIds: ["kcb"] };
let portalAdminId: string;
let kcbAdminId: string;
let kffClerkId: string;
let kcbClerkId: string;

async function staff(civilId: string, username: string, roles: Parameters<typeof ensureStaffAccount>[1]["roles"]) {
  const person = await ensurePerson(t.db, { civilId, nameAr: "موظف", nameEn: "Member of staff", preferredLanguage: "ar" });
  return (await ensureStaffAccount(t.db, { person, username, password: "x", sealKey: Buffer.alloc(32), roles })).id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t, catalogue);
  portalAdminId = await staff("280010100011", "portal.admin", [{ role: "admin" }]);
  kcbAdminId = await staff("280010100022", "kcb.admin", [{ role: "agency-admin", agencyId: "kcb" }]);
  kffClerkId = await staff("280010100033", "kff.clerk", [{ role: "clerk", agencyId: "kff", position: "inspector" }]);
  kcbClerkId = await staff("280010100044", "kcb.clerk", [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]);
  await addPaciPerson(t.db, { civilId: "290050500055", nameAr: "نورة سالم الرشيدي", nameEn: "Noura Salem Al-Rashidi" });
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

const asKcbAdmin = { scope: kcbAdmins, accountId: () => kcbAdminId };
const acting = (scope: StaffScope, accountId: string) => ({ scope, accountId, meta });

describe("who manages whom", () => {
  it("is decided by the viewer's roles: a portal administrator all, an agency administrator their agency, others none", () => {
    const viewer = (roles: { role: "admin" | "agency-admin" | "clerk" | "supervisor"; agencyId: string | null; position: string | null }[]) => ({
      kind: "staff" as const,
      sessionId: "s",
      accountId: "a",
      username: "u",
      person: { id: "p", civilId: "1", nameAr: "", nameEn: "", preferredLanguage: "ar" as const },
      roles,
    });
    expect(staffScopeOf(viewer([{ role: "admin", agencyId: null, position: null }]))).toEqual({ kind: "portal" });
    expect(staffScopeOf(viewer([{ role: "agency-admin", agencyId: "kcb", position: null }]))).toEqual({ kind: "agencies", agencyIds: ["kcb"] });
    expect(staffScopeOf(viewer([{ role: "supervisor", agencyId: "kcb", position: null }]))).toBeNull();
    expect(staffScopeOf({ kind: "anonymous", hasEndedSession: false })).toBeNull();
  });

  it("lists an agency administrator only their agency's staff", async () => {
    const { members } = await listStaffMembers(t.db, kcbAdmins);
    expect(members.map((member) => member.username).sort()).toEqual(["kcb.admin", "kcb.clerk"]);
    expect((await listStaffMembers(t.db, kcbAdmins, { agencyId: "kff" })).members).toEqual([]);
    expect((await listStaffMembers(t.db, portal)).members.map((member) => member.username)).toContain("kff.clerk");
  });
});

describe("an agency administrator", () => {
  it("may not raise their own rights, nor change their own account in any way", async () => {
    for (const change of [
      { intent: "role-add" as const, grant: { role: "admin" as const, agencyId: null, position: null } },
      { intent: "role-add" as const, grant: { role: "supervisor" as const, agencyId: "kcb", position: null } },
      { intent: "disable" as const },
      { intent: "reset-second-factor" as const },
    ]) {
      expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbAdminId, change)).toEqual({ ok: false, problem: "not-yours" });
    }
    // Nor may a portal administrator.
    expect(await changeStaffMember(t.db, acting(portal, portalAdminId), portalAdminId, { intent: "disable" })).toEqual({ ok: false, problem: "not-yours" });
    const roles = await t.db.select().from(accountRoles).where(eq(accountRoles.accountId, kcbAdminId));
    expect(roles.map((role) => role.role)).toEqual(["agency-admin"]);
  });

  it("may not act outside their agency: another agency's clerk, a portal administrator, or a role elsewhere", async () => {
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kffClerkId, { intent: "disable" })).toEqual({ ok: false, problem: "not-yours" });
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), portalAdminId, { intent: "disable" })).toEqual({ ok: false, problem: "not-yours" });
    expect(
      await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, {
        intent: "role-add",
        grant: { role: "clerk", agencyId: "kff", position: "inspector" },
      }),
    ).toEqual({
      ok: false,
      problem: "not-granted",
    });
    expect(
      await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, {
        intent: "role-add",
        grant: { role: "admin", agencyId: null, position: null },
      }),
    ).toEqual({
      ok: false,
      problem: "not-granted",
    });
    // A role that does not exist at the agency (a position it does not have) is refused too.
    expect(
      await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, {
        intent: "role-add",
        grant: { role: "clerk", agencyId: "kcb", position: "inspector" },
      }),
    ).toEqual({
      ok: false,
      problem: "bad-grant",
    });
    const invitedElsewhere = await inviteStaff(t.db, h.deps.exchange, acting(kcbAdmins, kcbAdminId), {
      civilId: "290050500055",
      grant: { role: "supervisor", agencyId: "kff", position: null },
    });
    expect(invitedElsewhere).toEqual({ ok: false, problem: "not-granted" });
  });

  it("gives their agency's roles, and takes them back but never the last", async () => {
    expect(
      await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, {
        intent: "role-add",
        grant: { role: "supervisor", agencyId: "kcb", position: null },
      }),
    ).toEqual({ ok: true });
    expect(
      await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, {
        intent: "role-add",
        grant: { role: "supervisor", agencyId: "kcb", position: null },
      }),
    ).toEqual({
      ok: false,
      problem: "has-role",
    });
    const member = await getStaffMember(t.db, kcbClerkId);
    const supervisor = member!.roles.find((role) => role.role === "supervisor")!;
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, { intent: "role-remove", roleId: supervisor.id })).toEqual({ ok: true });
    const [last] = (await getStaffMember(t.db, kcbClerkId))!.roles;
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, { intent: "role-remove", roleId: last!.id })).toEqual({
      ok: false,
      problem: "last-role",
    });
    const audits = await t.db
      .select({ action: auditEvents.action, actor: auditEvents.actorAccountId })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, kcbClerkId));
    expect(audits).toEqual([
      { action: "staff.role-granted", actor: kcbAdminId },
      { action: "staff.role-removed", actor: kcbAdminId },
    ]);
  });
});

describe("disabling an account and resetting its second factor", () => {
  it("end its sessions at once, and enabling it again does not bring them back", async () => {
    const { token } = await createSession(t.db, {
      accountId: kcbClerkId,
      stage: "active",
      channel: "back-office",
      idleTimeoutSeconds: 900,
      ip: null,
      userAgent: null,
    });
    expect((await lookupSession(t.db, token)).status).toBe("live");
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, { intent: "disable" })).toEqual({ ok: true });
    expect((await lookupSession(t.db, token)).status).toBe("ended");
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, { intent: "disable" })).toEqual({ ok: false, problem: "no-change" });
    expect(await changeStaffMember(t.db, acting(kcbAdmins, kcbAdminId), kcbClerkId, { intent: "enable" })).toEqual({ ok: true });
    expect((await lookupSession(t.db, token)).status).toBe("ended");

    await t.db.update(accounts).set({ totpSecretSealed: "sealed", totpEnrolledAt: new Date(), totpLastStep: 5 }).where(eq(accounts.id, kcbClerkId));
    const second = await createSession(t.db, {
      accountId: kcbClerkId,
      stage: "active",
      channel: "back-office",
      idleTimeoutSeconds: 900,
      ip: null,
      userAgent: null,
    });
    expect(await changeStaffMember(t.db, acting(portal, portalAdminId), kcbClerkId, { intent: "reset-second-factor" })).toEqual({ ok: true });
    expect((await lookupSession(t.db, second.token)).status).toBe("ended");
    const [account] = await t.db.select().from(accounts).where(eq(accounts.id, kcbClerkId));
    expect(account).toMatchObject({ totpSecretSealed: null, totpEnrolledAt: null, totpLastStep: null });
  });
});

describe("an invitation", () => {
  it("finds the person at PACI, is accepted once with the invited civil ID, and creates the account with its role and no second factor yet", async () => {
    expect(
      await inviteStaff(t.db, h.deps.exchange, acting(kcbAdmins, kcbAdminId), {
        civilId: "299999999999",
        grant: { role: "supervisor", agencyId: "kcb", position: null },
      }),
    ).toEqual({
      ok: false,
      problem: "not-in-registry",
    });
    const first = await inviteStaff(t.db, h.deps.exchange, acting(kcbAdmins, kcbAdminId), {
      civilId: "290050500055",
      grant: { role: "supervisor", agencyId: "kcb", position: null },
    });
    // A second invitation replaces the first: its link no longer works.
    const invited = await inviteStaff(t.db, h.deps.exchange, acting(kcbAdmins, kcbAdminId), {
      civilId: "290050500055",
      grant: { role: "clerk", agencyId: "kcb", position: "loan-officer" },
    });
    if (!first.ok || !invited.ok) throw new Error("invitations refused");
    expect(invited.person).toEqual({ nameAr: "نورة سالم الرشيدي", nameEn: "Noura Salem Al-Rashidi" });
    expect(await getInvitation(t.db, first.token)).toEqual({ status: "gone" });
    expect(await getInvitation(t.db, invited.token)).toMatchObject({
      status: "open",
      role: "clerk",
      agencyId: "kcb",
      position: "loan-officer",
      nameEn: "Noura Salem Al-Rashidi",
    });
    const [stored] = await t.db.select().from(staffInvitations).where(eq(staffInvitations.id, invited.invitationId));
    expect(stored!.tokenHash).not.toContain(invited.token);

    const accept = { token: invited.token, civilId: "290050500055", username: "noura.alrashidi", password: "a long passphrase" };
    expect(await acceptInvitation(t.db, meta, { ...accept, civilId: "280010100044" })).toEqual({ ok: false, problem: "civil-id-differs" });
    expect(await acceptInvitation(t.db, meta, { ...accept, username: "kcb.clerk" })).toEqual({ ok: false, problem: "username-taken" });
    // Sent several times at once: one account.
    const outcomes = await Promise.all([1, 2, 3].map(() => acceptInvitation(t.db, meta, accept)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => !outcome.ok && outcome.problem)).toEqual(["gone", "gone"]);
    const [account] = await t.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.username, "noura.alrashidi"), eq(accounts.kind, "staff")));
    expect(account).toMatchObject({ totpEnrolledAt: null, disabledAt: null });
    const roles = await t.db.select().from(accountRoles).where(eq(accountRoles.accountId, account!.id));
    expect(roles.map((role) => [role.role, role.agencyId, role.position])).toEqual([["clerk", "kcb", "loan-officer"]]);
    expect(await getInvitation(t.db, invited.token)).toEqual({ status: "gone" });
    // The person now has an account: a new invitation is refused, pointing at it.
    expect(
      await inviteStaff(t.db, h.deps.exchange, acting(portal, portalAdminId), {
        civilId: "290050500055",
        grant: { role: "supervisor", agencyId: "kcb", position: null },
      }),
    ).toEqual({
      ok: false,
      problem: "has-account",
      accountId: account!.id,
    });
  });

  it("cannot be used once expired or revoked, and only its agency's administrators revoke it", async () => {
    await addPaciPerson(t.db, { civilId: "291060600066", nameAr: "سالم", nameEn: "Salem" });
    const invited = await inviteStaff(t.db, h.deps.exchange, acting(portal, portalAdminId), {
      civilId: "291060600066",
      grant: { role: "supervisor", agencyId: "kff", position: null },
    });
    if (!invited.ok) throw new Error("refused");
    expect(await getInvitation(t.db, invited.token, new Date(invited.expiresAt.getTime() + 1))).toEqual({ status: "gone" });
    expect(
      await acceptInvitation(
        t.db,
        meta,
        { token: invited.token, civilId: "291060600066", username: "salem", password: "a long passphrase" },
        new Date(invited.expiresAt.getTime() + 1),
      ),
    ).toEqual({
      ok: false,
      problem: "gone",
    });
    expect(await revokeInvitation(t.db, acting(asKcbAdmin.scope, asKcbAdmin.accountId()), invited.invitationId)).toBe(false);
    expect(await revokeInvitation(t.db, acting(portal, portalAdminId), invited.invitationId)).toBe(true);
    expect(await acceptInvitation(t.db, meta, { token: invited.token, civilId: "291060600066", username: "salem", password: "a long passphrase" })).toEqual({
      ok: false,
      problem: "gone",
    });
  });

  it.runIf(testDriver === "postgres")("accepted from two tabs at once creates one account on PostgreSQL", async () => {
    await addPaciPerson(t.db, { civilId: "292070700077", nameAr: "مريم", nameEn: "Maryam" });
    const invited = await inviteStaff(t.db, h.deps.exchange, acting(portal, portalAdminId), {
      civilId: "292070700077",
      grant: { role: "supervisor", agencyId: "kff", position: null },
    });
    if (!invited.ok) throw new Error("refused");
    const outcomes = await Promise.all(
      ["maryam.a", "maryam.b", "maryam.c", "maryam.d"].map((username) =>
        acceptInvitation(t.db, meta, { token: invited.token, civilId: "292070700077", username, password: "a long passphrase" }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const person = await ensurePerson(t.db, { civilId: "292070700077", nameAr: "مريم", nameEn: "Maryam" });
    expect(await t.db.select().from(accounts).where(eq(accounts.personId, person.id))).toHaveLength(1);
  });
});
