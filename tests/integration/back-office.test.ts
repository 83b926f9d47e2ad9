import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { catalogue } from "../../app/catalogue/services";
import type { Actor } from "../../app/engine/actor";
import { assignTask, decideTask } from "../../app/engine/transitions.server";
import { listInboxPage } from "../../app/back-office/inbox.server";
import { getTaskForClerk, whoDecided } from "../../app/back-office/task-view.server";
import { lateStepsOf, processingTimesOf, workloadOf } from "../../app/back-office/supervision.server";

import { storeUpload, getUploadForAgencies } from "../../app/uploads/uploads.server";
import { applications, stepInstances } from "../../db/schema";
import { ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { applyForMarriageLoan, useJourneys } from "../support/journeys";

// The back office's rules: who may see a task, claim it, give it to another, and decide it; the
// inbox a clerk sees, filtered and counted; and two decisions at once.

const ctx = useJourneys();
const sealKey = Buffer.alloc(32, 3);
let serial = 0;

async function staffMember(roles: { role: "clerk" | "supervisor"; agencyId: string; position?: string }[]) {
  const n = ++serial;
  const person = await ensurePerson(ctx.t.db, { civilId: await ctx.person(), nameAr: `موظف ${n}`, nameEn: `Employee ${n}` });
  const { id } = await ensureStaffAccount(ctx.t.db, { person, username: `staff.${n}`, password: "a long password 123", sealKey, roles });
  const grant = roles[0]!;
  const actor: Actor = { accountId: id, role: grant.role, agencyId: grant.agencyId, position: grant.position ?? null, channel: "back-office" };
  return {
    accountId: id,
    roles: roles.map((role) => ({ role: role.role, agencyId: role.agencyId, position: role.position ?? null })),
    actor,
    name: `Employee ${n}`,
  };
}

/** A marriage loan waiting on KCB's loan officers. */
async function loanAtReview() {
  const { civilId, journey } = await applyForMarriageLoan(ctx);
  const [step] = await ctx.t.db
    .select()
    .from(stepInstances)
    .where(and(eq(stepInstances.applicationId, journey.applicationId), eq(stepInstances.stepId, "review")));
  return { civilId, journey, step: step! };
}

describe("the back office", () => {
  it("lets a clerk decide only what they claimed; a supervisor reassigns and releases", async () => {
    const [amal, badr, supervisor, fireClerk] = await Promise.all([
      staffMember([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]),
      staffMember([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]),
      staffMember([{ role: "supervisor", agencyId: "kcb" }]),
      staffMember([{ role: "clerk", agencyId: "kff", position: "prevention-officer" }]),
    ]);
    const { step, journey } = await loanAtReview();
    const decide = (actor: Actor, action = "approve", comment?: string) =>
      decideTask(ctx.t.db, { catalogue }, { stepInstanceId: step.id, action, actor, comment });

    // Another agency's clerk does not see it at all, nor can claim it.
    expect(await getTaskForClerk(ctx.t.db, catalogue, fireClerk, step.id)).toBeNull();
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: fireClerk.actor, to: fireClerk.accountId })).toEqual({
      ok: false,
      reason: "not-allowed",
    });
    expect((await listInboxPage(ctx.t.db, fireClerk, {}, null)).rows.map((row) => row.id)).not.toContain(step.id);

    expect(await decide(amal.actor)).toEqual({ ok: false, reason: "not-claimed" });
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: amal.actor, to: amal.accountId })).toEqual({ ok: true });
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: badr.actor, to: badr.accountId })).toEqual({ ok: false, reason: "already-claimed" });
    // A clerk cannot hand a step to someone else, nor put back one they do not hold.
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: badr.actor, to: null })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await decide(badr.actor)).toEqual({ ok: false, reason: "not-claimed" });

    // Others see who holds it.
    const inbox = await listInboxPage(ctx.t.db, badr, { search: journey.reference }, null);
    expect(inbox.rows).toHaveLength(1);
    expect(inbox.rows[0]).toMatchObject({ id: step.id, assigneeNameEn: amal.name });

    // The supervisor gives it to Badr (only to a clerk of that position), then Amal cannot decide it.
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: supervisor.actor, to: fireClerk.accountId })).toEqual({
      ok: false,
      reason: "not-a-clerk-of-the-step",
    });
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: supervisor.actor, to: badr.accountId })).toEqual({ ok: true });
    expect(await decide(amal.actor)).toEqual({ ok: false, reason: "not-claimed" });
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: supervisor.actor, to: null })).toEqual({ ok: true });
    expect(await assignTask(ctx.t.db, { stepInstanceId: step.id, actor: badr.actor, to: badr.accountId })).toEqual({ ok: true });

    // Two decisions at the same moment (Badr, and the supervisor who may decide any): one wins; the other is told by whom.
    const results = await Promise.all([decide(badr.actor), decide(supervisor.actor, "reject", "The salary certificate is missing.")]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "already-decided")).toHaveLength(1);
    const name = await whoDecided(ctx.t.db, step.id, "en");
    expect([badr.name, supervisor.name]).toContain(name);
    expect(await decide(badr.actor)).toEqual({ ok: false, reason: "already-decided" });
    // The applicant's history shows the claims and the decision.
    const timeline = await ctx.j.application(journey.applicationId);
    expect(timeline.status).not.toBe("in-progress");
  });

  it("lets only the agencies an application reached open its documents", async () => {
    const { step } = await loanAtReview();
    const [application] = await ctx.t.db.select().from(applications).where(eq(applications.id, step.applicationId));
    const file = await storeUpload(ctx.t.db, {
      ownerPersonId: application!.applicantPersonId,
      applicationId: application!.id,
      fieldId: "documents",
      name: "salary.pdf",
      mime: "application/pdf",
      bytes: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    expect(await getUploadForAgencies(ctx.t.db, ["kcb"], file.id)).toMatchObject({ id: file.id, name: "salary.pdf" });
    expect(await getUploadForAgencies(ctx.t.db, ["kff", "km"], file.id)).toBeNull();
    expect(await getUploadForAgencies(ctx.t.db, [], file.id)).toBeNull();
    expect(await getUploadForAgencies(ctx.t.db, ["kcb"], "not-an-id")).toBeNull();
  });

  it("shows a supervisor each clerk's workload, the late steps, and processing times", async () => {
    const clerk = await staffMember([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]);
    const [held, open] = [await loanAtReview(), await loanAtReview()];
    await assignTask(ctx.t.db, { stepInstanceId: held.step.id, actor: clerk.actor, to: clerk.accountId });
    const workload = await workloadOf(ctx.t.db, "kcb");
    expect(workload.clerks.find((row) => row.accountId === clerk.accountId)).toMatchObject({ open: 1, late: 0 });
    expect(workload.unclaimed.open).toBeGreaterThanOrEqual(1);
    const weekLater = new Date(Date.now() + 7 * 24 * 3600_000);
    expect((await lateStepsOf(ctx.t.db, "kcb", weekLater, 500)).map((row) => row.id)).toEqual(expect.arrayContaining([held.step.id, open.step.id]));
    expect((await workloadOf(ctx.t.db, "kcb", weekLater)).clerks.find((row) => row.accountId === clerk.accountId)).toMatchObject({ open: 1, late: 1 });

    // Three decided reviews: a median and a 90th percentile per kind of step.
    await decideTask(ctx.t.db, { catalogue }, { stepInstanceId: held.step.id, action: "approve", actor: clerk.actor });
    const times = await processingTimesOf(ctx.t.db, "kcb");
    const review = times.find((row) => row.stepId === "review")!;
    expect(review.count).toBeGreaterThanOrEqual(1);
    expect(review.medianHours).toBeGreaterThanOrEqual(0);
    expect(review.p90Hours).toBeGreaterThanOrEqual(review.medianHours);
    expect(await processingTimesOf(ctx.t.db, "km")).toEqual([]);
  });

  it("filters the inbox by service, step, time left and claim, searches by reference and civil ID, counts, and pages by keyset", async () => {
    const clerk = await staffMember([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }]);
    const loans = [await loanAtReview(), await loanAtReview(), await loanAtReview()];
    const all = await listInboxPage(ctx.t.db, clerk, {}, null, { limit: 500 });
    for (const loan of loans) expect(all.rows.map((row) => row.id)).toContain(loan.step.id);
    expect(all.counts.total).toBe(all.rows.length);
    expect(all.counts.byService["social-loan"]).toBe(all.rows.length);
    expect(all.counts.byStep.review).toBe(all.rows.length);
    expect(all.counts.byLateness["on-time"] + all.counts.byLateness["due-soon"] + all.counts.byLateness.late).toBe(all.rows.length);

    // Keyset pages of two: every step once, in deadline order.
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listInboxPage>> = await listInboxPage(ctx.t.db, clerk, {}, cursor, { limit: 2 });
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((row) => row.id));

    expect((await listInboxPage(ctx.t.db, clerk, { search: loans[1]!.journey.reference.toLowerCase() }, null)).rows.map((row) => row.id)).toEqual([
      loans[1]!.step.id,
    ]);
    expect((await listInboxPage(ctx.t.db, clerk, { search: loans[2]!.civilId }, null)).rows.map((row) => row.id)).toEqual([loans[2]!.step.id]);
    expect((await listInboxPage(ctx.t.db, clerk, { search: "hello" }, null)).isSearchValid).toBe(false);
    expect((await listInboxPage(ctx.t.db, clerk, { lateness: "late" }, null)).rows).toEqual([]);
    // Seven days on, the 72-hour review is late.
    const later = await listInboxPage(ctx.t.db, clerk, { lateness: "late" }, null, { now: new Date(Date.now() + 7 * 24 * 3600_000), limit: 500 });
    expect(later.rows.length).toBe(all.rows.length);
    await assignTask(ctx.t.db, { stepInstanceId: loans[0]!.step.id, actor: clerk.actor, to: clerk.accountId });
    expect((await listInboxPage(ctx.t.db, clerk, { claim: "mine" }, null)).rows.map((row) => row.id)).toEqual([loans[0]!.step.id]);
    expect((await listInboxPage(ctx.t.db, clerk, { claim: "unclaimed" }, null, { limit: 500 })).rows.map((row) => row.id)).not.toContain(loans[0]!.step.id);
    expect((await listInboxPage(ctx.t.db, clerk, { serviceId: "fire-safety-licence" }, null)).rows).toEqual([]);
  });

  it("merges the inboxes of several grants in deadline order, each step once, across agencies and overlapping grants", async () => {
    const loans = [await loanAtReview(), await loanAtReview()];
    // Open steps of another agency, with deadlines between and around the loans'.
    const deadlines = loans.map((loan) => loan.step.deadlineAt!.getTime());
    const fire = await ctx.t.db
      .insert(stepInstances)
      .values(
        [-3_600_000, 1, 3_600_000 * 24 * 30].map((offset, i) => ({
          applicationId: loans[i % 2]!.journey.applicationId,
          serviceId: "fire-safety-licence",
          stepId: "inspection",
          kind: "task" as const,
          state: "active" as const,
          agencyId: "kff",
          position: "inspector",
          deadlineAt: new Date(Math.min(...deadlines) + offset),
        })),
      )
      .returning({ id: stepInstances.id });
    const everyone = await staffMember([
      { role: "supervisor", agencyId: "kcb" },
      { role: "clerk", agencyId: "kcb", position: "loan-officer" },
      { role: "supervisor", agencyId: "kff" },
    ]);
    const all = await listInboxPage(ctx.t.db, everyone, {}, null, { limit: 500 });
    const ids = all.rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...loans.map((loan) => loan.step.id), ...fire.map((step) => step.id)]) expect(ids).toContain(id);
    const order = all.rows.map((row) => [row.deadlineAt!.getTime(), row.id] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));
    expect(all.counts.total).toBe(ids.length);
    expect(all.counts.byService["fire-safety-licence"]).toBe(3);

    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listInboxPage>> = await listInboxPage(ctx.t.db, everyone, {}, cursor, { limit: 2 });
      expect(page.rows.length === 2 || !page.next).toBe(true);
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(ids);
    // Filtered by service across the grants: the other agency's steps only.
    expect((await listInboxPage(ctx.t.db, everyone, { serviceId: "fire-safety-licence" }, null)).rows.map((row) => row.id).sort()).toEqual(
      fire.map((step) => step.id).sort(),
    );
    await ctx.t.db.delete(stepInstances).where(
      inArray(
        stepInstances.id,
        fire.map((step) => step.id),
      ),
    );
  });
});
