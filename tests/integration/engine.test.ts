import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { agencyLinks, applicationEvents, applications, certificates, exchangeMessages, jobs, notifications, stepInstances } from "../../db/schema";
import { ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { actAsApplicant, decideTask, recordPayment, submitApplication } from "../../app/engine/transitions.server";
import { markLateSteps } from "../../app/engine/work.server";
import { getTimeline } from "../../app/engine/history.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { addEmployment, addLoan, addMarriageContract, addPaciPerson } from "../support/registries";
import { createApplicant, createEngineHarness, loanOfficer, validAnswers, type EngineHarness } from "../support/engine";

let t: TestDatabase;
let h: EngineHarness;
const CIVIL_ID = "288020122596";

beforeAll(async () => {
  t = await createTestDatabase();
  h = await createEngineHarness(t);
  await addPaciPerson(t.db, { civilId: CIVIL_ID });
  await addMarriageContract(t.db, { contractNumber: "MOJ-2026-1001", husbandCivilId: CIVIL_ID });
  await addEmployment(t.db, CIVIL_ID, 1_200_000);
});
afterAll(async () => {
  await h.close();
  await t.close();
});
afterEach(async () => {
  await t.db.delete(agencyLinks);
});

async function submit(answers: Record<string, unknown> = validAnswers) {
  const { person, actor } = await createApplicant(t);
  const result = await submitApplication(t.db, h.deps, {
    serviceId: "engine-test-loan",
    applicantPersonId: person.id,
    applicantAccountId: null,
    answers,
    actor,
  });
  if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`);
  return { ...result, person, actor };
}

async function openSteps(applicationId: string) {
  return t.db
    .select()
    .from(stepInstances)
    .where(and(eq(stepInstances.applicationId, applicationId), sql`${stepInstances.state} in ('active', 'waiting')`))
    .orderBy(asc(stepInstances.startedAt));
}

async function openStep(applicationId: string, stepId: string) {
  const step = (await openSteps(applicationId)).find((s) => s.stepId === stepId);
  if (!step) throw new Error(`${stepId} is not open; open: ${(await openSteps(applicationId)).map((s) => s.stepId).join(", ")}`);
  return step;
}

async function applicationOf(id: string) {
  const [row] = await t.db.select().from(applications).where(eq(applications.id, id));
  return row!;
}

const setAgency = (agencyId: string, fields: Partial<typeof agencyLinks.$inferInsert>) =>
  t.db
    .insert(agencyLinks)
    .values({ agencyId, ...fields })
    .onConflictDoUpdate({ target: agencyLinks.agencyId, set: fields });

describe("submitting", () => {
  it("refuses answers that fail the definition's validation, field by field", async () => {
    const { person, actor } = await createApplicant(t);
    const result = await submitApplication(t.db, h.deps, {
      serviceId: "engine-test-loan",
      applicantPersonId: person.id,
      applicantAccountId: null,
      answers: { ...validAnswers, amount: "abc", months: "0", reason: "other", phone: "123" },
      actor,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid-answers",
      problems: { amount: { code: "money-format" }, months: { code: "too-small" }, otherReason: { code: "required" }, phone: { code: "phone-format" } },
    });
    expect(await t.db.select().from(applications).where(eq(applications.applicantPersonId, person.id))).toHaveLength(0);
  });

  it("records the service and version, numbers the application, and starts the workflow", async () => {
    const { applicationId, reference } = await submit();
    const application = await applicationOf(applicationId);
    // Stored as the definition reads them: money in fils, numbers as numbers, the phone normalised.
    expect(application).toMatchObject({ serviceId: "engine-test-loan", serviceVersion: 1, status: "in-progress" });
    expect(application.answers).toEqual({
      contractNumber: "MOJ-2026-1001",
      contractDate: "2026-06-01",
      amount: 4_000_000,
      months: 60,
      reason: "marriage",
      phone: "+96599123456",
      children: [],
    });
    expect(reference).toMatch(/^NAF-\d{4}-\d{6}$/);
    const steps = await openSteps(applicationId);
    expect(steps.map((s) => [s.stepId, s.state, s.agencyId])).toEqual([["lookup-person", "waiting", "paci"]]);
    const [job] = await t.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `exchange:${steps[0]!.id}`));
    expect(job).toMatchObject({ kind: "exchange.call", status: "queued" });
  });
});

describe("a whole application, through every kind of step", () => {
  it("goes from submission to a signed-off certificate", async () => {
    const { applicationId, person, actor } = await submit();
    await h.drain();

    // The civil registry and three agencies in parallel answered; the decision passed; the officer has it.
    const review = await openStep(applicationId, "review");
    expect(review).toMatchObject({ kind: "task", agencyId: "kcb", position: "loan-officer" });
    expect(review.deadlineAt!.getTime() - review.startedAt.getTime()).toBe(48 * 3600_000);
    const messages = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.applicationId, applicationId));
    expect(messages.map((m) => `${m.operation}:${m.outcome}`).sort()).toEqual([
      "kcb.loans:ok",
      "moj.marriage-contract:ok",
      "paci.person:ok",
      "pifss.employment:ok",
    ]);
    expect(
      messages.every((m) => m.onBehalfOfPersonId === person.id && m.callerServiceId === "engine-test-loan" && /^[0-9a-f]{64}$/.test(m.responseHash!)),
    ).toBe(true);
    expect((await applicationOf(applicationId)).results).toMatchObject({
      "lookup-person": { found: true, nationality: "KWT" },
      "check-loans": { found: true, loans: [] },
    });

    // Approve: the case splits into the applicant's acceptance and the officer's contract.
    expect(await decideTask(t.db, h.deps, { stepInstanceId: review.id, action: "approve", actor: loanOfficer })).toEqual({ ok: true });
    expect((await applicationOf(applicationId)).status).toBe("action-needed");
    const prepare = await openStep(applicationId, "prepare-contract");
    expect(prepare.pausedAt).not.toBeNull();

    const accept = await openStep(applicationId, "accept-terms");
    expect(await actAsApplicant(t.db, h.deps, { stepInstanceId: accept.id, action: "accept", values: { slot: "nope" }, actor })).toMatchObject({
      ok: false,
      reason: "invalid-answers",
      problems: { slot: { code: "not-an-option" } },
    });
    expect(await actAsApplicant(t.db, h.deps, { stepInstanceId: accept.id, action: "accept", values: { slot: "sun-am" }, actor })).toEqual({ ok: true });
    expect((await applicationOf(applicationId)).status).toBe("in-progress");
    expect(await decideTask(t.db, h.deps, { stepInstanceId: prepare.id, action: "done", values: { contractReady: "yes" }, actor: loanOfficer })).toEqual({
      ok: true,
    });

    // Payment of the fee the definition computes: 5 KWD + 1 fils per dinar.
    const pay = await openStep(applicationId, "pay");
    expect(pay.result).toEqual({ amountFils: 9_000 });
    expect(await recordPayment(t.db, h.deps, { stepInstanceId: pay.id, amountFils: 1, reference: "KNET-1", actor })).toEqual({
      ok: false,
      reason: "wrong-amount",
    });
    expect(await recordPayment(t.db, h.deps, { stepInstanceId: pay.id, amountFils: 9_000, reference: "KNET-1", actor })).toEqual({ ok: true });
    expect(await recordPayment(t.db, h.deps, { stepInstanceId: pay.id, amountFils: 9_000, reference: "KNET-1", actor })).toEqual({
      ok: false,
      reason: "already-decided",
    });

    await h.drain();
    const application = await applicationOf(applicationId);
    expect(application.status).toBe("approved");
    expect(await openSteps(applicationId)).toEqual([]);
    const [certificate] = await t.db.select().from(certificates).where(eq(certificates.applicationId, applicationId));
    expect(certificate).toMatchObject({ serviceId: "engine-test-loan", holderPersonId: person.id, signingAgencyId: "kcb", status: "valid" });
    expect(certificate!.number).toMatch(/^TST-\d{4}-\d{6}$/);
    expect(certificate!.verificationCode).toMatch(/^[\w-]{20}$/);

    // The history, read back in both languages.
    const arabic = await getTimeline(t.db, h.deps.catalogue, application, "ar");
    const english = await getTimeline(t.db, h.deps.catalogue, application, "en");
    expect(english.map((e) => e.what)).toEqual(
      expect.arrayContaining([
        "Application submitted",
        "Information requested from Public Authority for Civil Information",
        "Kuwait Credit Bank provided the information",
        "All checks completed",
        "Checked automatically",
        "Sent to Kuwait Credit Bank for review",
        "Decision: Approve",
        "Action needed from you",
        "You responded: I accept the terms",
        "Payment due",
        "Fee paid",
        "Certificate issued",
        "Application approved",
      ]),
    );
    expect(arabic.map((e) => e.what)).toEqual(expect.arrayContaining(["تم تقديم الطلب", "القرار: الموافقة", "صدرت الشهادة", "تمت الموافقة على الطلب"]));
    expect(english.find((e) => e.what === "Decision: Approve")).toMatchObject({ who: "Kuwait Credit Bank", step: "Loan officer review" });
    expect(arabic.find((e) => e.what === "القرار: الموافقة")).toMatchObject({ who: "بنك الائتمان الكويتي", step: "مراجعة موظف القروض" });

    // The applicant was told, in Arabic (their language), in the inbox, by email and by SMS.
    const told = await t.db.select().from(notifications).where(eq(notifications.applicationId, applicationId));
    const inApp = told.filter((n) => n.channel === "in-app").map((n) => n.event);
    expect(inApp).toEqual(expect.arrayContaining(["submitted", "action-needed", "certificate-ready", "approved"]));
    expect(told.find((n) => n.event === "approved" && n.channel === "in-app")!.subject).toBe(`الموافقة على الطلب رقم ${application.reference}`);
    expect(told.filter((n) => n.channel === "sms").every((n) => n.status === "sent")).toBe(true);
    expect(told.filter((n) => n.channel === "email").every((n) => n.status === "skipped")).toBe(true);
    expect(h.smsSent.some((m) => m.text.includes("شهادتك جاهزة"))).toBe(true);
  });

  it("rejects with the decision's reasons when the checks fail", async () => {
    await addLoan(t.db, "227081660516");
    const person = await ensurePerson(t.db, { civilId: "227081660516", nameAr: "عبدالعزيز", nameEn: "Abdulaziz" });
    await addPaciPerson(t.db, { civilId: "227081660516", nationality: "KWT" });
    const actor = { accountId: null, role: "applicant" as const, personId: person.id, channel: "web" as const };
    const result = await submitApplication(t.db, h.deps, {
      serviceId: "engine-test-loan",
      applicantPersonId: person.id,
      applicantAccountId: null,
      answers: validAnswers,
      actor,
    });
    if (!result.ok) throw new Error("submit failed");
    await h.drain();
    expect((await applicationOf(result.applicationId)).status).toBe("rejected");
    const [decision] = await t.db
      .select()
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, result.applicationId), eq(stepInstances.stepId, "eligibility")));
    expect(decision).toMatchObject({ outcome: "ineligible", result: { reasons: ["no-contract", "instalment-too-high", "existing-loan"] } });
  });

  it("returns to the applicant with a comment, and takes corrected answers back to review", async () => {
    const { applicationId, actor } = await submit();
    await h.drain();
    const review = await openStep(applicationId, "review");
    expect(await decideTask(t.db, h.deps, { stepInstanceId: review.id, action: "return", actor: loanOfficer })).toEqual({
      ok: false,
      reason: "comment-required",
    });
    expect(await decideTask(t.db, h.deps, { stepInstanceId: review.id, action: "return", comment: "Attach the contract copy", actor: loanOfficer })).toEqual({
      ok: true,
    });
    expect((await applicationOf(applicationId)).status).toBe("action-needed");

    const fix = await openStep(applicationId, "fix");
    const stranger = { ...actor, personId: "00000000-0000-4000-8000-000000000000" };
    expect(await actAsApplicant(t.db, h.deps, { stepInstanceId: fix.id, action: "resubmit", answers: validAnswers, actor: stranger })).toEqual({
      ok: false,
      reason: "not-allowed",
    });
    expect(
      await actAsApplicant(t.db, h.deps, { stepInstanceId: fix.id, action: "resubmit", answers: { ...validAnswers, months: "500" }, actor }),
    ).toMatchObject({
      ok: false,
      reason: "invalid-answers",
    });
    const corrected = { ...validAnswers, contractCopy: { id: "f1", name: "contract.pdf", mime: "application/pdf", size: 2048 } };
    expect(await actAsApplicant(t.db, h.deps, { stepInstanceId: fix.id, action: "resubmit", answers: corrected, actor })).toEqual({ ok: true });
    expect((await applicationOf(applicationId)).answers).toMatchObject({ contractCopy: { name: "contract.pdf" } });
    expect((await openStep(applicationId, "review")).version).toBe(0);
    const [returned] = await t.db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.action, "task-decided")));
    expect(returned).toMatchObject({ comment: "Attach the contract copy", actorRole: "clerk", agencyId: "kcb", channel: "back-office" });
  });

  it("lets only the agency's clerks of the task's position decide it", async () => {
    const { applicationId } = await submit();
    await h.drain();
    const review = await openStep(applicationId, "review");
    const kffClerk = { ...loanOfficer, agencyId: "kff", position: "inspector" };
    expect(await decideTask(t.db, h.deps, { stepInstanceId: review.id, action: "approve", actor: kffClerk })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await decideTask(t.db, h.deps, { stepInstanceId: review.id, action: "fly", actor: loanOfficer })).toEqual({ ok: false, reason: "unknown-action" });
  });
});

describe("two clerks deciding the same step at once", () => {
  it("records exactly one decision; the other is told it is already decided; the case advances once", async () => {
    const { applicationId } = await submit();
    await h.drain();
    const review = await openStep(applicationId, "review");
    const results = await Promise.all([
      decideTask(t.db, h.deps, { stepInstanceId: review.id, expectedVersion: review.version, action: "approve", actor: loanOfficer }),
      decideTask(t.db, h.deps, {
        stepInstanceId: review.id,
        expectedVersion: review.version,
        action: "reject",
        comment: "No",
        actor: { ...loanOfficer, accountId: null },
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already-decided" }]);
    const decisions = await t.db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, applicationId), eq(applicationEvents.action, "task-decided")));
    expect(decisions).toHaveLength(1);
    const after = await t.db.select().from(stepInstances).where(eq(stepInstances.applicationId, applicationId));
    const winner = decisions[0]!.details.action;
    if (winner === "approve") expect(after.filter((s) => s.stepId === "finalise")).toHaveLength(1);
    else expect((await applicationOf(applicationId)).status).toBe("rejected");
  });
});

describe("an agency that fails", () => {
  it("keeps the case waiting through two failures, then proceeds, with the three attempts logged", async () => {
    await setAgency("paci", { isDown: true });
    const { applicationId } = await submit();
    await h.drain();
    let lookup = await openStep(applicationId, "lookup-person");
    expect(lookup).toMatchObject({ state: "waiting", agencyId: "paci", attempts: 1 });
    expect(lookup.lastError).toContain("503");
    await h.makeJobsDue();
    await h.drain();
    lookup = await openStep(applicationId, "lookup-person");
    expect(lookup.attempts).toBe(2);

    await setAgency("paci", { isDown: false });
    await h.makeJobsDue();
    await h.drain();
    const calls = await t.db
      .select({ attempt: exchangeMessages.attempt, outcome: exchangeMessages.outcome })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.applicationId, applicationId), eq(exchangeMessages.operation, "paci.person")))
      .orderBy(asc(exchangeMessages.id));
    expect(calls).toEqual([
      { attempt: 1, outcome: "agency-error" },
      { attempt: 2, outcome: "agency-error" },
      { attempt: 3, outcome: "ok" },
    ]);
    expect((await openSteps(applicationId)).map((s) => s.stepId)).toEqual(["review"]);
  });

  it("leaves the case visibly waiting on an agency that stays down", async () => {
    await setAgency("kcb", { isDown: true });
    const { applicationId } = await submit();
    for (let i = 0; i < 3; i++) {
      await h.drain();
      await h.makeJobsDue();
    }
    // The parallel step and its branch start in one transaction, at one time: compared by step id.
    const waiting = (await openSteps(applicationId)).sort((a, b) => a.stepId.localeCompare(b.stepId));
    expect(waiting.map((s) => [s.stepId, s.state, s.agencyId])).toEqual([
      ["check-loans", "waiting", "kcb"],
      ["checks", "active", null],
    ]);
    expect((await applicationOf(applicationId)).status).toBe("in-progress");
    const timeline = (await getTimeline(t.db, h.deps.catalogue, await applicationOf(applicationId), "en")).map((e) => e.what);
    expect(timeline).toContain("Information requested from Kuwait Credit Bank");
    expect(timeline).not.toContain("Kuwait Credit Bank provided the information");
    expect(timeline).not.toContain("All checks completed");
  });

  it("refuses a tampered answer and logs it, leaving the step waiting", async () => {
    h.agencies.tamper = (body) => body.replace('"nationality":"KWT"', '"nationality":"USA"');
    try {
      const { applicationId } = await submit();
      await h.drain();
      const [call] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.applicationId, applicationId));
      expect(call).toMatchObject({ operation: "paci.person", outcome: "bad-signature" });
      expect((await openStep(applicationId, "lookup-person")).state).toBe("waiting");
    } finally {
      h.agencies.tamper = null;
    }
  });
});

describe("a parallel fork of three exchange steps", () => {
  for (const last of ["moj", "pifss", "kcb"] as const) {
    it(`joins only when all three are done (${last} answers last)`, async () => {
      await setAgency(last, { isDown: true });
      const { applicationId } = await submit();
      await h.drain();
      const open = await openSteps(applicationId);
      expect(open.map((s) => s.stepId).sort()).toEqual([`check-${{ moj: "contract", pifss: "employment", kcb: "loans" }[last]}`, "checks"]);
      const [parent] = open.filter((s) => s.stepId === "checks");
      expect(parent!.result).toEqual({ joined: 2 });

      await setAgency(last, { isDown: false });
      await h.makeJobsDue();
      await h.drain();
      const all = await t.db.select().from(stepInstances).where(eq(stepInstances.applicationId, applicationId));
      expect(all.filter((s) => s.stepId === "eligibility")).toHaveLength(1);
      expect(all.find((s) => s.stepId === "checks")).toMatchObject({ state: "completed", result: { joined: 3 } });
      expect((await openSteps(applicationId)).map((s) => s.stepId)).toEqual(["review"]);
    });
  }
});

describe("deadlines", () => {
  it("stop while the case waits on the applicant, and late tasks are marked and reported to supervisors", async () => {
    const supervisor = await ensurePerson(t.db, {
      civilId: "280112200022",
      nameAr: "يوسف علي الكندري",
      nameEn: "Yousef Ali Al-Kandari",
      preferredLanguage: "en",
    });
    const { id: supervisorAccountId } = await ensureStaffAccount(t.db, {
      person: supervisor,
      username: "kcb.supervisor",
      password: "x",
      sealKey: t.secrets.sealKey,
      roles: [{ role: "supervisor", agencyId: "kcb" }],
    });
    const { applicationId, actor } = await submit();
    await h.drain();
    await decideTask(t.db, h.deps, { stepInstanceId: (await openStep(applicationId, "review")).id, action: "approve", actor: loanOfficer });

    // The contract task is paused while the applicant is asked to accept; pretend that took 3 hours.
    const prepare = await openStep(applicationId, "prepare-contract");
    expect(prepare.pausedAt).not.toBeNull();
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000);
    await t.db
      .update(stepInstances)
      .set({ pausedAt: threeHoursAgo, deadlineAt: new Date(Date.now() - 3600_000) })
      .where(eq(stepInstances.id, prepare.id));
    // Past its deadline on paper, but paused: not late.
    expect(await markLateSteps(t.db, h.deps)).toBe(0);

    await actAsApplicant(t.db, h.deps, {
      stepInstanceId: (await openStep(applicationId, "accept-terms")).id,
      action: "accept",
      values: { slot: "mon-pm" },
      actor,
    });
    const resumed = await openStep(applicationId, "prepare-contract");
    expect(resumed.pausedAt).toBeNull();
    // The deadline moved on by the three hours the case waited (within a second of slack).
    expect(Math.abs(resumed.deadlineAt!.getTime() - (Date.now() + 2 * 3600_000))).toBeLessThan(5_000);

    await t.db
      .update(stepInstances)
      .set({ deadlineAt: new Date(Date.now() - 60_000) })
      .where(eq(stepInstances.id, prepare.id));
    expect(await markLateSteps(t.db, h.deps)).toBe(1);
    expect((await openStep(applicationId, "prepare-contract")).lateAt).not.toBeNull();
    expect(await markLateSteps(t.db, h.deps)).toBe(0);
    const [told] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.accountId, supervisorAccountId), eq(notifications.channel, "in-app")));
    expect(told).toMatchObject({ event: "step-late", language: "en" });
    expect(told!.body).toContain('The step "Prepare the loan contract"');
  });
});

describe("lists for pages", () => {
  it("give the applicant their applications, and each member of staff only the tasks of their agency and position", async () => {
    const { listApplicationsOf } = await import("../../app/applications/lists.server");
    const { listInboxPage } = await import("../../app/back-office/inbox.server");
    const listInbox = async (roles: Parameters<typeof listInboxPage>[1]["roles"]) =>
      (await listInboxPage(t.db, { accountId: "00000000-0000-4000-8000-000000000000", roles }, {}, null)).rows;
    const { applicationId, person } = await submit();
    await h.drain();
    const mine = await listApplicationsOf(t.db, person.id);
    expect(mine.map((a) => a.id)).toContain(applicationId);
    expect(mine.every((a) => a.serviceId === "engine-test-loan")).toBe(true);

    const review = await openStep(applicationId, "review");
    const officer = await listInbox([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]);
    expect(officer.map((step) => step.id)).toContain(review.id);
    expect(officer.every((step, i) => i === 0 || step.deadlineAt! >= officer[i - 1]!.deadlineAt!)).toBe(true);
    expect(await listInbox([{ role: "clerk", agencyId: "kff", position: "inspector" }])).toEqual([]);
    expect(await listInbox([{ role: "clerk", agencyId: "kcb", position: "another-position" }])).toEqual([]);
    expect((await listInbox([{ role: "supervisor", agencyId: "kcb", position: null }])).map((step) => step.id)).toContain(review.id);
    expect(await listInbox([{ role: "admin", agencyId: "cait", position: null }])).toEqual([]);
  });
});

describe("lookups before the form", () => {
  it("finds what the civil registry knows, prefills from it, and says what it cannot find while the agency is down", async () => {
    const { runLookups } = await import("../../app/engine/lookups.server");
    const { person, actor } = await createApplicant(t);
    const applicant = { personId: person.id, civilId: CIVIL_ID };
    const service = h.deps.catalogue.get("engine-test-loan")!;
    const found = await runLookups(t.db, h.deps.exchange, service, applicant);
    expect(found.unavailable).toEqual([]);
    expect(found.lookups.person).toMatchObject({ found: true, nameEn: "Ahmad Abdullah Al-Enezi", nationality: "KWT" });

    // The prefilled name comes from the lookup, whatever the form sent.
    const submitted = await submitApplication(t.db, h.deps, {
      serviceId: "engine-test-loan",
      applicantPersonId: person.id,
      applicantAccountId: null,
      answers: { ...validAnswers, fullName: "Someone Else" },
      lookups: found.lookups,
      actor,
    });
    if (!submitted.ok) throw new Error("submit failed");
    expect((await applicationOf(submitted.applicationId)).answers.fullName).toBe("Ahmad Abdullah Al-Enezi");

    await setAgency("paci", { isDown: true });
    expect(await runLookups(t.db, h.deps.exchange, service, applicant)).toEqual({ lookups: {}, unavailable: ["person"] });
    const logged = await t.db
      .select()
      .from(exchangeMessages)
      .where(eq(exchangeMessages.purpose, "Show the applicant's registered details"))
      .orderBy(asc(exchangeMessages.id));
    expect(logged.map((m) => m.outcome)).toEqual(["ok", "agency-error"]);
  });
});

describe("exchange governance", () => {
  beforeEach(() => undefined);
  it("refuses, and logs, a call the service was not granted", async () => {
    const { callAgency } = await import("../../app/exchange/client.server");
    await expect(
      callAgency(
        t.db,
        { ...h.deps.exchange, isGranted: () => false },
        {
          operation: "paci.person",
          payload: { civilId: CIVIL_ID },
          callerServiceId: "engine-test-loan",
          purpose: "test",
          applicationId: null,
          stepInstanceId: null,
          onBehalfOfPersonId: null,
          onBehalfOfCivilId: CIVIL_ID,
          attempt: 1,
        },
      ),
    ).rejects.toMatchObject({ outcome: "refused" });
    const [logged] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.outcome, "refused"));
    expect(logged).toMatchObject({ operation: "paci.person", callerServiceId: "engine-test-loan" });
  });

  it("has the agency refuse a request that the portal did not sign", async () => {
    const response = await fetch(`${h.agencies.baseUrl}/paci`, {
      method: "POST",
      body: JSON.stringify({ operation: "paci.person", payload: { civilId: CIVIL_ID } }),
    });
    expect(response.status).toBe(401);
  });
});
