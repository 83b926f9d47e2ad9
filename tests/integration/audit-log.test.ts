import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditActions, type AuditAction } from "../../app/audit/actions";
import { KIOSK_USER, recordAudit } from "../../app/audit/audit.server";
import { describeAuditEvents } from "../../app/audit/describe.server";
import { readAuditFilters } from "../../app/audit/log-filters";
import { auditSearchOf, searchAuditLog } from "../../app/audit/log.server";
import { makeCivilId } from "../../app/auth/civil-id";
import { catalogue } from "../../app/catalogue/services";
import { addDays, kuwaitToday } from "../../app/i18n/dates";
import { getFixedT } from "../../app/i18n/language.server";
import { applications, auditEvents, type AuditEvent } from "../../db/schema";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { ensureAgency, ensureCitizenAccount, ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { createTestDatabase, testRequestMeta, type TestDatabase } from "../setup/database";

// The audit log searched as its page does: by who acted, about whom, which application, which
// action and which days, a page at a time; and every action described in both languages.

let t: TestDatabase;
const ids = { clerk: "", citizen: "", other: "", application: "", otherApplication: "" };
const CLERK_CIVIL_ID = makeCivilId("1988-03-04", 2001);
const CITIZEN_CIVIL_ID = makeCivilId("1990-05-06", 3001);
const OTHER_CIVIL_ID = makeCivilId("1991-07-08", 4001);
const UNREGISTERED_CIVIL_ID = makeCivilId("1992-09-10", 5001);

beforeAll(async () => {
  t = await createTestDatabase();
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  const clerkPerson = await ensurePerson(t.db, { civilId: CLERK_CIVIL_ID, nameAr: "نورة الهاجري", nameEn: "Noura Al-Hajri" });
  ids.clerk = (
    await ensureStaffAccount(t.db, {
      person: clerkPerson,
      username: "kcb.audit.clerk",
      password: "a-long-password-1",
      sealKey: Buffer.alloc(32),
      roles: [{ role: "clerk", agencyId: "kcb", position: "loan-officer" }],
    })
  ).id;
  const citizen = await ensurePerson(t.db, { civilId: CITIZEN_CIVIL_ID, nameAr: "سالم العنزي", nameEn: "Salem Al-Enezi" });
  ids.citizen = (await ensureCitizenAccount(t.db, citizen, "a-long-password-1")).id;
  const other = await ensurePerson(t.db, { civilId: OTHER_CIVIL_ID, nameAr: "شخص آخر", nameEn: "Someone Else" });
  ids.other = (await ensureCitizenAccount(t.db, other, "a-long-password-1")).id;
  const application = (personId: string, reference: string) =>
    t.db
      .insert(applications)
      .values({
        reference,
        serviceId: "social-loan",
        serviceVersion: 1,
        applicantPersonId: personId,
        channel: "web",
        status: "in-progress",
        submittedAt: new Date(),
      })
      .returning({ id: applications.id })
      .then(([row]) => row!.id);
  ids.application = await application(citizen.id, "NAF-2026-100001");
  ids.otherApplication = await application(other.id, "NAF-2026-100002");

  const record = (action: AuditAction, input: { actor?: string | null; subjectType?: string; subjectId?: string; details?: Record<string, unknown> }) =>
    recordAudit(t.db, {
      ...testRequestMeta,
      actorAccountId: input.actor ?? null,
      action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      details: input.details,
    });
  await record("auth.signed-in", { actor: ids.clerk, subjectType: "account", subjectId: ids.clerk, details: { audience: "staff" } });
  await record("auth.signed-in", { actor: ids.citizen, subjectType: "account", subjectId: ids.citizen, details: { audience: "citizen" } });
  await record("application.viewed", { actor: ids.clerk, subjectType: "application", subjectId: ids.application, details: { step: "review" } });
  await record("application.viewed", { actor: ids.clerk, subjectType: "application", subjectId: ids.otherApplication, details: { step: "review" } });
  await record("auth.code-sent", { subjectType: "account", details: { purpose: "register", civilId: UNREGISTERED_CIVIL_ID } });
  await record("auth.signed-in", { actor: ids.other, subjectType: "account", subjectId: ids.other, details: { audience: "citizen" } });
});
afterAll(() => t?.close());

const search = async (query: Record<string, string>, before: number | null = null) => {
  const read = readAuditFilters(new URLSearchParams(query));
  expect(read.problems).toEqual({});
  const found = await auditSearchOf(t.db, read.filters);
  if (!found.ok) return found;
  return { ok: true as const, ...(await searchAuditLog(t.db, found.where, before)) };
};
const actionsOf = async (query: Record<string, string>) => {
  const found = await search(query);
  if (!found.ok) throw new Error(JSON.stringify(found.problems));
  return found.events.map((event) => `${event.action}:${event.actorAccountId ?? "-"}:${event.subjectId ?? "-"}`);
};

describe("searching the audit log", () => {
  it("finds who acted, by username or by civil ID, and says so when no account matches", async () => {
    const byUsername = await actionsOf({ actor: "KCB.Audit.Clerk" });
    expect(byUsername).toEqual([
      `application.viewed:${ids.clerk}:${ids.otherApplication}`,
      `application.viewed:${ids.clerk}:${ids.application}`,
      `auth.signed-in:${ids.clerk}:${ids.clerk}`,
    ]);
    expect(await actionsOf({ actor: CLERK_CIVIL_ID })).toEqual(byUsername);
    expect(await search({ actor: "nobody.here" })).toEqual({ ok: false, problems: { actor: "actor.unknown" } });
  });

  it("finds what concerns a person: their own doings, what staff did to their applications, codes sent to their civil ID; nobody else's", async () => {
    expect(await actionsOf({ person: CITIZEN_CIVIL_ID })).toEqual([
      `application.viewed:${ids.clerk}:${ids.application}`,
      `auth.signed-in:${ids.citizen}:${ids.citizen}`,
    ]);
    // A civil ID with no account yet: the codes asked for it.
    expect(await actionsOf({ person: UNREGISTERED_CIVIL_ID })).toEqual(["auth.code-sent:-:-"]);
  });

  it("finds an application by its reference, typed in lower case and with Arabic-Indic digits, and says so when there is none", async () => {
    expect(await actionsOf({ application: "naf-٢٠٢٦-١٠٠٠٠١" })).toEqual([`application.viewed:${ids.clerk}:${ids.application}`]);
    expect(await search({ application: "NAF-2026-999999" })).toEqual({ ok: false, problems: { application: "application.unknown" } });
  });

  it("finds one action or a whole area, and combines the filters", async () => {
    expect(await actionsOf({ action: "auth.code-sent" })).toEqual(["auth.code-sent:-:-"]);
    expect((await actionsOf({ action: "auth" })).length).toBe(4);
    expect(await actionsOf({ action: "records", person: OTHER_CIVIL_ID })).toEqual([`application.viewed:${ids.clerk}:${ids.otherApplication}`]);
  });

  it("keeps to the days asked, Kuwait's days", async () => {
    const today = kuwaitToday();
    expect((await actionsOf({ from: today, to: today })).length).toBe(6);
    expect(await actionsOf({ to: addDays(today, -1) })).toEqual([]);
    expect(await actionsOf({ from: addDays(today, 1) })).toEqual([]);
    // An event at 23:30 in Kuwait on a day (20:30 UTC) belongs to that day, not the next.
    const db = await createTestDatabase();
    try {
      await recordAudit(db.db, { ...testRequestMeta, action: "auth.signed-out" });
      await db.db.update(auditEvents).set({ occurredAt: new Date("2026-11-30T20:30:00Z") });
      const on = async (day: string) => {
        const read = readAuditFilters(new URLSearchParams({ from: day, to: day }));
        const found = await auditSearchOf(db.db, read.filters);
        return found.ok ? (await searchAuditLog(db.db, found.where, null)).events.length : -1;
      };
      expect([await on("2026-11-30"), await on("2026-12-01")]).toEqual([1, 0]);
    } finally {
      await db.close();
    }
  });

  it("names what it cannot read, field by field", () => {
    expect(
      readAuditFilters(new URLSearchParams({ actor: "a b", person: "123", application: "NAF", action: "auth.nothing", from: "2026-02-30", to: "yesterday" }))
        .problems,
    ).toEqual({
      actor: "actor.format",
      person: "person.format",
      application: "application.format",
      action: "action.unknown",
      from: "from.format",
      to: "to.format",
    });
    expect(readAuditFilters(new URLSearchParams({ from: "2026-12-02", to: "2026-12-01" })).problems).toEqual({ to: "to.before-from" });
  });

  it("pages newest first by keyset: every event once, none skipped, while events are being added", async () => {
    const db = await createTestDatabase();
    try {
      for (let i = 0; i < 120; i++) await recordAudit(db.db, { ...testRequestMeta, action: "auth.signed-out", details: { i } });
      const seen: number[] = [];
      let before: number | null = null;
      for (;;) {
        const page = await searchAuditLog(db.db, undefined, before);
        seen.push(...page.events.map((event) => Number(event.details.i)));
        // Written between two pages: newer than the first, so never on a later page.
        await recordAudit(db.db, { ...testRequestMeta, action: "auth.signed-out", details: { i: -1 } });
        if (page.next === null) break;
        before = page.next;
      }
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
    } finally {
      await db.close();
    }
  });
});

describe("describing the audit log", () => {
  /** An event of each action, with details as the code that records it writes them. */
  const sample: Record<AuditAction, Partial<AuditEvent>> = {
    "auth.signed-in": { details: { audience: "staff" } },
    "auth.sign-in-failed": { details: { audience: "staff", step: "totp", isKnownAccount: true } },
    "auth.signed-out": {},
    "auth.totp-enrolled": {},
    "auth.registered": {},
    "auth.password-reset": {},
    "auth.code-sent": { details: { purpose: "reset", civilId: UNREGISTERED_CIVIL_ID } },
    "auth.code-withheld": { details: { purpose: "register", civilId: UNREGISTERED_CIVIL_ID } },
    "account.contact-changed": { details: { hasEmail: true, hasPhone: true } },
    "account.language-changed": { details: { language: "en" } },
    "account.password-changed": {},
    "account.password-change-failed": {},
    "account.signed-out-elsewhere": { details: { sessions: 2 } },
    "staff.invited": { details: { civilId: OTHER_CIVIL_ID, role: "clerk", agencyId: "kcb", position: "loan-officer", expiresAt: "2026-12-08T10:00:00.000Z" } },
    "staff.invitation-revoked": {},
    "staff.invitation-accepted": { details: { username: "new.clerk", role: "supervisor", agencyId: "kff", position: null } },
    "staff.role-granted": { details: { role: "agency-admin", agencyId: "km", position: null } },
    "staff.role-removed": { details: { role: "admin", agencyId: null, position: null } },
    "staff.disabled": { details: { sessionsEnded: 1 } },
    "staff.enabled": {},
    "staff.second-factor-reset": { details: { sessionsEnded: 0 } },
    "staff.team-viewed": { subjectType: "agency", subjectId: "kcb,kff", details: { rows: 12 } },
    "agency.created": {
      subjectType: "agency",
      subjectId: "kisr",
      details: { agency: { id: "kisr", nameAr: "معهد الكويت للأبحاث العلمية", nameEn: "Kuwait Institute for Scientific Research" } },
    },
    "agency.updated": {
      subjectType: "agency",
      subjectId: "kcb",
      details: { before: { nameAr: "أ", nameEn: "A", websiteUrl: "https://a.example" }, after: { nameAr: "أ", nameEn: "B", websiteUrl: "https://a.example" } },
    },
    "agency.link-updated": { details: { before: { baseUrl: "https://old.example" }, after: { baseUrl: "https://new.example" } } },
    "agency.maintenance-started": { details: { since: "2026-12-01T06:00:00.000Z", until: "2026-12-01T09:00:00.000Z" } },
    "agency.maintenance-ended": {},
    "agency.key-added": { details: { keyId: "kcb-2027", fingerprint: "ab:cd:ef", overlapDays: 7, retired: [] } },
    "agency.contact-added": { details: { contact: { name: "Duty desk", responsibility: "Outages" } } },
    "agency.contact-removed": { details: { contact: { name: "Duty desk", responsibility: "Outages" } } },
    "catalogue.entry-added": {
      subjectType: "catalogue-entry",
      subjectId: "boat-permit",
      details: { entry: { titleAr: "تصريح قارب", titleEn: "Boat permit" }, position: 12 },
    },
    "catalogue.entry-updated": {
      subjectType: "catalogue-entry",
      subjectId: "boat-permit",
      details: { changes: { titleEn: { before: "a", after: "b" }, url: {} }, version: 3 },
    },
    "catalogue.entry-retired": {},
    "catalogue.entry-restored": {},
    "catalogue.entry-moved": { details: { direction: "up", from: 4, to: 3 } },
    "catalogue.imported": { subjectType: "catalogue", details: { file: "entries.csv", rows: 10, created: 4, updated: 3, unchanged: 2, refused: 1 } },
    "service.publication-changed": {
      subjectType: "service",
      subjectId: "social-loan",
      details: { channel: "web", before: "published", after: { state: "paused" } },
    },
    "application.viewed": { details: { step: "review" } },
    "document.viewed": { details: { field: "contract", upload: "x", view: "y" } },
    "certificate.downloaded": { details: { number: "CRT-2026-000001", isHolder: true } },
    "certificate.printed": { details: { number: "CRT-2026-000001" } },
    "certificate.revoked": { details: { number: "CRT-2026-000001", reason: "Issued in error." } },
    "certificate.verified": { details: { code: "ABCD-1234", status: "unknown" } },
    "receipt.printed": { details: { receiptNumber: "RCT-2026-000001" } },
    "kiosk.registered": {},
    "kiosk.enrolled": {},
    "kiosk.enrolment-reissued": {},
    "kiosk.revoked": {},
    "operations.read-only-on": {
      subjectType: "portal",
      subjectId: "operating-mode",
      details: { reasonAr: "نقل قاعدة البيانات", reasonEn: "Moving the database" },
    },
    "operations.read-only-off": { subjectType: "portal", subjectId: "operating-mode" },
    "operations.parked-released": { subjectType: "agency", subjectId: "pifss", details: { released: 14 } },
    "operations.faults-cleared": { subjectType: "agency", subjectId: "pifss", details: { before: { isDown: true, latencyMs: 0, errorRate: 0 } } },
    "status.notice-posted": { subjectType: "status-notice", subjectId: "n1", details: { titleAr: "تأخر ردود المؤسسة", titleEn: "PIFSS answers slowly" } },
    "status.notice-updated": { subjectType: "status-notice", subjectId: "n1", details: { titleAr: "تأخر ردود المؤسسة", titleEn: "PIFSS answers slowly" } },
    "status.notice-ended": { subjectType: "status-notice", subjectId: "n1", details: { titleAr: "تأخر ردود المؤسسة", titleEn: "PIFSS answers slowly" } },
    "security.upload-infected": { details: { name: "invoice.pdf", signature: "Eicar-Test-Signature" } },
    "security.audit-chain-broken": { subjectType: "audit-event", subjectId: "41", details: { problem: "altered" } },
    "audit.verified": { details: { isIntact: true, events: 1200 } },
    "audit.exported": { details: { search: "actor=kcb.officer" } },
  };
  const eventOf = (action: string, index: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
    id: index + 1,
    occurredAt: new Date("2026-12-01T09:00:00Z"),
    actorAccountId: ids.clerk,
    actorLabel: null,
    channel: "back-office",
    action,
    subjectType: "application",
    subjectId: ids.application,
    requestId: null,
    ip: null,
    details: {},
    prevHash: null,
    hash: "",
    hashScheme: "hmac-sha256",
    ...overrides,
  });

  it.each(["ar", "en"] as const)("says what every action did, in %s, from its details, with no key or placeholder left", async (lang) => {
    const events = auditActions.map((action, index) => eventOf(action, index, sample[action]));
    const described = await describeAuditEvents(t.db, catalogue, events, lang, getFixedT(lang));
    for (const [index, event] of described.entries()) {
      const action = auditActions[index]!;
      expect(event.what, action).not.toBe("");
      expect(`${event.action} ${event.what} ${event.subject ?? ""}`, action).not.toMatch(/audit:|staff:|\{\{|undefined|NaN|\[object/);
    }
    const byAction = new Map(described.map((event, index) => [auditActions[index]!, event]));
    expect(byAction.get("application.viewed")!.actor).toBe(lang === "ar" ? "نورة الهاجري" : "Noura Al-Hajri");
    expect(byAction.get("application.viewed")!.actorId).toBe("kcb.audit.clerk");
    expect(byAction.get("application.viewed")!.reference).toBe("NAF-2026-100001");
    expect(byAction.get("application.viewed")!.what).toBe(
      lang === "ar" ? "اطّلع على الطلب في خطوة «مراجعة موظف القروض»." : "Opened the application at the step “Loan officer review”.",
    );
    expect(byAction.get("staff.invited")!.what).toContain(lang === "ar" ? "موظف القروض — بنك الائتمان الكويتي" : "Loan officer — Kuwait Credit Bank");
    expect(byAction.get("service.publication-changed")!.subject).toBe(lang === "ar" ? "القرض الاجتماعي" : "Social loan");
  });

  it("shows an action it does not know (a row of an earlier release) as it was recorded, and who acted when no account did", async () => {
    const [old, scanner, unknown] = await describeAuditEvents(
      t.db,
      catalogue,
      [
        eventOf("exchange.retired-thing", 0),
        eventOf("security.upload-infected", 1, { actorAccountId: null, actorLabel: "malware scanner" }),
        eventOf("auth.sign-in-failed", 2, { actorAccountId: null, details: { isKnownAccount: false } }),
      ],
      "en",
      getFixedT("en"),
    );
    expect(old).toMatchObject({ action: "exchange.retired-thing", what: "" });
    expect(scanner!.actor).toBe("The malware scanner");

    // A certificate printed at a kiosk: the person named in the reader's language; a row of an
    // earlier release kept its English name.
    const person = { nameAr: "أحمد عبدالله العنزي", nameEn: "Ahmad Abdullah Al-Enezi" };
    const printed = (lang: "ar" | "en", actorLabel: string, details: Record<string, unknown>) =>
      describeAuditEvents(t.db, catalogue, [eventOf("certificate.printed", 3, { actorAccountId: null, actorLabel, details })], lang, getFixedT(lang));
    expect((await printed("ar", KIOSK_USER, { number: "CRT-2026-000001", person }))[0]!.actor).toBe("أحمد عبدالله العنزي عبر جهاز خدمة ذاتية");
    expect((await printed("en", KIOSK_USER, { number: "CRT-2026-000001", person }))[0]!.actor).toBe("Ahmad Abdullah Al-Enezi, at a kiosk");
    expect((await printed("en", "Ahmad Abdullah Al-Enezi (kiosk)", { number: "CRT-2026-000001" }))[0]!.actor).toBe("Ahmad Abdullah Al-Enezi, at a kiosk");
    expect(unknown).toMatchObject({ actor: "Unknown", what: "Sign-in refused: no account has this civil ID or username." });
  });

  it("reads a page of events in a handful of queries, whatever its length", async () => {
    const statements: string[] = [];
    const counting = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === "select" || property === "execute") statements.push(String(property));
        return Reflect.get(target, property, receiver);
      },
    });
    const many = Array.from({ length: 50 }, (_, index) =>
      eventOf("application.viewed", index, { subjectId: index % 2 ? ids.application : ids.otherApplication }),
    );
    await describeAuditEvents(counting, catalogue, many, "ar", getFixedT("ar"));
    const few = statements.length;
    statements.length = 0;
    await describeAuditEvents(counting, catalogue, many.slice(0, 2), "ar", getFixedT("ar"));
    expect(few).toBe(statements.length);
    expect(few).toBeLessThanOrEqual(4);
  });
});
