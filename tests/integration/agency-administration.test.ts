import crypto from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { agencyPage, runAgencyAction } from "../../app/administration/agency-page.server";
import { getOwnApplication } from "../../app/applications/applicant-view.server";
import { addAgencyKey, trustedAgencyKeys } from "../../app/exchange/agency-keys.server";
import { callAgency, ExchangeError } from "../../app/exchange/client.server";
import { signingKeyFromSeed, type SigningKey } from "../../app/exchange/signing.server";
import { i18nFor } from "../../app/i18n/resources.server";
import { agencyContacts, agencyKeys, agencyLinks, auditEvents, exchangeMessages, jobs, stepInstances } from "../../db/schema";
import { createTestDatabase, testDriver, testRequestMeta, type TestDatabase } from "../setup/database";
import {
  addLoanApplicantRecords,
  createEngineHarness,
  createPortalAdministrator,
  submitTestLoan,
  testExchangeCall,
  type EngineHarness,
} from "../support/engine";

// An administrator's changes to how the portal reaches an agency, proven where they would break:
// answers signed with a rotated key, a link under maintenance, two rotations at once.

let t: TestDatabase;
let h: EngineHarness;
let adminId: string;
const CIVIL_ID = "288020122596";
const DAY_MS = 24 * 60 * 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t);
  await addLoanApplicantRecords(t, CIVIL_ID);
  adminId = await createPortalAdministrator(t);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});
afterEach(async () => {
  h.agencies.signWith = null;
  await t.db.delete(agencyLinks);
  await t.db.delete(agencyKeys);
  await t.db.delete(agencyContacts);
});

const newKey = (keyId: string): SigningKey => signingKeyFromSeed(keyId, crypto.randomBytes(32));
const pem = (key: SigningKey) => key.publicKey.export({ format: "pem", type: "spki" }).toString();

const lookup = testExchangeCall(CIVIL_ID);
const outcomeOf = (call: Promise<unknown>) =>
  call.then(
    () => "ok",
    (error: unknown) => (error instanceof ExchangeError ? error.outcome : String(error)),
  );

function act(intent: Parameters<typeof runAgencyAction>[0], fields: Record<string, string>, agencyId = "paci", now = new Date()) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return runAgencyAction(intent, { db: t.db, agencyId, accountId: adminId, meta: { ...testRequestMeta, channel: "back-office" }, form, now });
}

describe("an agency's signing keys", () => {
  it("are checked when saved: only an Ed25519 public key, under a new id, once", async () => {
    const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(await act("key-add", { keyId: "paci-rsa", publicKey: rsa, overlapDays: "7" })).toMatchObject({
      ok: false,
      problems: { publicKey: "publicKey.not-ed25519" },
    });
    expect(
      await act("key-add", { keyId: "paci-junk", publicKey: "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----", overlapDays: "7" }),
    ).toMatchObject({
      ok: false,
      problems: { publicKey: "publicKey.not-a-key" },
    });
    const key = newKey("paci-2026-12");
    expect(await act("key-add", { keyId: "bad id!", publicKey: pem(key), overlapDays: "400" })).toMatchObject({
      ok: false,
      problems: { keyId: "keyId.invalid", overlapDays: "overlapDays.invalid" },
      values: { keyId: "bad id!", overlapDays: "400" },
    });
    expect(await act("key-add", { keyId: "paci-2026-12", publicKey: pem(key), overlapDays: "7" })).toEqual({ ok: true, done: "key-add" });
    expect(await act("key-add", { keyId: "paci-2026-12", publicKey: pem(newKey("x")), overlapDays: "7" })).toMatchObject({
      problems: { keyId: "keyId.key-id-taken" },
    });
    // The same key again, as base64 DER this time, under another id or for another agency.
    const der = key.publicKey.export({ format: "der", type: "spki" }).toString("base64");
    expect(await act("key-add", { keyId: "paci-again", publicKey: der, overlapDays: "7" })).toMatchObject({ problems: { publicKey: "publicKey.key-known" } });
    expect(await act("key-add", { keyId: "kcb-2026-12", publicKey: der, overlapDays: "7" }, "kcb")).toMatchObject({
      problems: { publicKey: "publicKey.key-known" },
    });
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "agency.key-added"))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(audit).toMatchObject({ actorAccountId: adminId, subjectType: "agency", subjectId: "paci", channel: "back-office" });
    expect(audit!.details).toMatchObject({ keyId: "paci-2026-12", overlapDays: 7, retired: [] });
  });

  it("verify answers with the registered key and no other, and rotate with an overlap", async () => {
    // The simulated agency's own (derived) key is trusted while it has none registered.
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("ok");

    const first = newKey("paci-2026-a");
    await act("key-add", { keyId: first.keyId, publicKey: pem(first), overlapDays: "7" });
    // Registered keys replace the derived one.
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("bad-signature");
    h.agencies.signWith = first;
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("ok");

    const second = newKey("paci-2026-b");
    const rotatedAt = new Date();
    expect(await act("key-add", { keyId: second.keyId, publicKey: pem(second), overlapDays: "7" }, "paci", rotatedAt)).toEqual({ ok: true, done: "key-add" });
    // During the overlap both keys verify.
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("ok");
    h.agencies.signWith = second;
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("ok");
    const during = await trustedAgencyKeys(t.db, "paci", new Date(rotatedAt.getTime() + 6 * DAY_MS));
    expect([...during!.keys()].sort()).toEqual(["paci-2026-a", "paci-2026-b"]);
    // After it, only the new one.
    const after = await trustedAgencyKeys(t.db, "paci", new Date(rotatedAt.getTime() + 7 * DAY_MS + 1));
    expect([...after!.keys()]).toEqual(["paci-2026-b"]);

    const page = await agencyPage(t.db, "paci", "en", i18nFor("en").getFixedT("en"), rotatedAt);
    expect(page!.keys.map((key) => [key.keyId, key.state])).toEqual([
      ["paci-2026-a", "retiring"],
      ["paci-2026-b", "current"],
    ]);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "agency.key-added"))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(audit!.details).toMatchObject({
      keyId: "paci-2026-b",
      retired: [{ keyId: "paci-2026-a", validUntil: new Date(rotatedAt.getTime() + 7 * DAY_MS).toISOString() }],
    });
  });

  it("with an overlap of 0 days, refuse the old key at once", async () => {
    const first = newKey("paci-old");
    const second = newKey("paci-new");
    await act("key-add", { keyId: first.keyId, publicKey: pem(first), overlapDays: "7" });
    await act("key-add", { keyId: second.keyId, publicKey: pem(second), overlapDays: "0" });
    const soon = await trustedAgencyKeys(t.db, "paci", new Date(Date.now() + 1_000));
    expect([...soon!.keys()]).toEqual(["paci-new"]);
  });

  it.runIf(testDriver === "postgres")("rotated by two administrators at once, leave exactly one key without an end", async () => {
    const keys = [newKey("paci-r1"), newKey("paci-r2"), newKey("paci-r3")];
    await act("key-add", { keyId: keys[0]!.keyId, publicKey: pem(keys[0]!), overlapDays: "7" });
    const add = (tx: typeof t.db, key: SigningKey) =>
      addAgencyKey(tx, { agencyId: "paci", keyId: key.keyId, publicKey: pem(key), overlapDays: 7, addedByAccountId: adminId });
    // The first rotation holds its transaction open while the second starts, then commits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstAdded!: () => void;
    const added = new Promise<void>((resolve) => (firstAdded = resolve));
    const first = t.db.transaction(async (tx) => {
      const result = await add(tx, keys[1]!);
      firstAdded();
      await held;
      return result;
    });
    await added;
    const second = t.db.transaction((tx) => add(tx, keys[2]!));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const results = await Promise.all([first, second]);
    expect(results.every((result) => result.ok)).toBe(true);
    const rows = await t.db.select().from(agencyKeys).where(eq(agencyKeys.agencyId, "paci")).orderBy(asc(agencyKeys.createdAt));
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.validUntil === null)).toHaveLength(1);
  });
});

describe("an agency's link under maintenance", () => {
  const submit = () => submitTestLoan(t, h.deps);
  const lookupStep = async (applicationId: string) => {
    const [step] = await t.db
      .select()
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, applicationId), eq(stepInstances.stepId, "lookup-person")));
    return step!;
  };

  it("is not called: its steps wait without using up attempts, the applicant is told until when, and the case goes on when it ends", async () => {
    const until = new Date(Date.now() + 2 * 60 * 60_000);
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Kuwait", dateStyle: "short", timeStyle: "short" }).format(until).replace(" ", "T");
    expect(await act("maintenance-start", { until: local })).toEqual({ ok: true, done: "maintenance-start" });
    const { applicationId, person } = await submit();
    await h.drain();
    await h.makeJobsDue();
    await h.drain();

    const step = await lookupStep(applicationId);
    expect(step).toMatchObject({ state: "waiting", attempts: 0 });
    expect(step.lastError).toContain("maintenance");
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(sql`${jobs.payload}->>'stepInstanceId' = ${step.id}`);
    expect(job).toMatchObject({ status: "queued", attempts: 0 });
    // Looked at again within ten minutes, in case the maintenance ends early.
    expect(job!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    const calls = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.applicationId, applicationId));
    expect(calls.map((call) => [call.outcome, call.httpStatus])).toEqual([
      ["maintenance", null],
      ["maintenance", null],
    ]);

    const seen = await getOwnApplication(t.db, h.deps.catalogue, person.id, applicationId);
    const waiting = seen!.openSteps.find((open) => open.stepId === "lookup-person");
    expect(waiting!.wait).toEqual({ kind: "maintenance", until: new Date(Math.floor(until.getTime() / 60_000) * 60_000) });

    expect(await act("maintenance-end", {})).toEqual({ ok: true, done: "maintenance-end" });
    await h.makeJobsDue();
    await h.drain();
    expect((await lookupStep(applicationId)).state).toBe("completed");
    const audits = await t.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, "paci"))
      .orderBy(asc(auditEvents.id));
    expect(audits.map((audit) => audit.action).slice(-2)).toEqual(["agency.maintenance-started", "agency.maintenance-ended"]);
  });

  it("ends by itself at the end it was given", async () => {
    await t.db
      .insert(agencyLinks)
      .values({ agencyId: "paci", maintenanceSince: new Date(Date.now() - 60_000), maintenanceUntil: new Date(Date.now() - 1_000) });
    expect(await outcomeOf(callAgency(t.db, h.deps.exchange, lookup))).toBe("ok");
  });

  it("refuses an end in the past or a malformed one, saying which", async () => {
    expect(await act("maintenance-start", { until: "2020-01-01T10:00" })).toMatchObject({ ok: false, problems: { until: "until.past" } });
    expect(await act("maintenance-start", { until: "tomorrow" })).toMatchObject({
      ok: false,
      problems: { until: "until.invalid" },
      values: { until: "tomorrow" },
    });
    expect((await t.db.select().from(agencyLinks)).filter((link) => link.maintenanceSince)).toEqual([]);
  });
});

describe("an agency's contacts and exchange address", () => {
  it("are added, checked and removed, each change audited", async () => {
    expect(await act("contact-add", { name: "Exchange desk", responsibility: "Operating the exchange link", email: "", phone: "" })).toMatchObject({
      ok: false,
      problems: { email: "email.unreachable" },
    });
    expect(await act("contact-add", { name: "Exchange desk", responsibility: "Operating the exchange link", email: "not-mail", phone: "12" })).toMatchObject({
      problems: { email: "email.invalid", phone: "phone.invalid" },
    });
    expect(
      await act("contact-add", { name: "مكتب الربط", responsibility: "تشغيل منظومة الربط", email: "exchange@paci.gov.kw", phone: "+965 2232 3000" }),
    ).toEqual({
      ok: true,
      done: "contact-add",
    });
    const [contact] = await t.db.select().from(agencyContacts);
    expect(contact).toMatchObject({ agencyId: "paci", phone: "+96522323000" });
    // Another agency's contact is not this agency's to remove.
    expect(await act("contact-remove", { contactId: contact!.id }, "kcb")).toMatchObject({ ok: false, notFound: true });
    expect(await act("contact-remove", { contactId: contact!.id })).toEqual({ ok: true, done: "contact-remove" });

    expect(await act("link", { baseUrl: "http://exchange.paci.gov.kw" })).toMatchObject({ problems: { baseUrl: "baseUrl.invalid" } });
    expect(await act("link", { baseUrl: "https://exchange.paci.gov.kw/v1/" })).toEqual({ ok: true, done: "link" });
    const [link] = await t.db.select().from(agencyLinks).where(eq(agencyLinks.agencyId, "paci"));
    expect(link!.baseUrl).toBe("https://exchange.paci.gov.kw/v1");
    const audits = await t.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, "paci"))
      .orderBy(asc(auditEvents.id));
    expect(audits.slice(-3).map((audit) => audit.action)).toEqual(["agency.contact-added", "agency.contact-removed", "agency.link-updated"]);
    expect(audits.at(-1)!.details).toEqual({ before: { baseUrl: null }, after: { baseUrl: "https://exchange.paci.gov.kw/v1" } });
  });
});
