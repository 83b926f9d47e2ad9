import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCivilId } from "../../app/auth/civil-id";
import { readReportFilters, bucketStarts, type ReportFilters } from "../../app/reports/filters";
import { durationsOf, feesOf, stepTimesOf, volumesOf } from "../../app/reports/queries.server";
import { reportScopeOf, type ReportScope } from "../../app/reports/scope";
import { integratedServices } from "../../app/catalogue/services";
import { applications, payments, stepInstances } from "../../db/schema";
import { demoAgencies } from "../../db/seed/demo-agencies";
import { ensureAgency } from "../../db/seed/factories";
import { ensurePerson } from "../../app/accounts/people.server";
import { createTestDatabase, type TestDatabase } from "../setup/database";

// The reports' figures from applications whose times are known: counted in Kuwait's days and
// Sunday weeks, timed end to end and per step (median, 90th percentile), late and straight-through
// shares, fees kept (a refunded duplicate is not a fee), and each reader's services only.

let t: TestDatabase;
const all: ReportScope = reportScopeOf([{ role: "admin", agencyId: null, position: null }], integratedServices)!;
const hour = 3600_000;
let serial = 0;

async function application(input: {
  service: string;
  submittedAt: string;
  decidedAt?: string;
  status?: "approved" | "rejected" | "withdrawn" | "in-progress";
  personId: string;
}) {
  serial += 1;
  const [row] = await t.db
    .insert(applications)
    .values({
      reference: `NAF-2026-${String(500000 + serial)}`,
      serviceId: input.service,
      serviceVersion: 1,
      applicantPersonId: input.personId,
      channel: "web",
      status: input.status ?? (input.decidedAt ? "approved" : "in-progress"),
      submittedAt: new Date(input.submittedAt),
      decidedAt: input.decidedAt ? new Date(input.decidedAt) : null,
    })
    .returning({ id: applications.id });
  return row!.id;
}

async function step(
  applicationId: string,
  input: { service: string; stepId: string; kind: "task" | "exchange" | "payment"; startedAt: string; hours: number; isLate?: boolean },
) {
  const startedAt = new Date(input.startedAt);
  const [row] = await t.db
    .insert(stepInstances)
    .values({
      applicationId,
      serviceId: input.service,
      stepId: input.stepId,
      kind: input.kind,
      state: "completed",
      startedAt,
      completedAt: new Date(startedAt.getTime() + input.hours * hour),
      lateAt: input.isLate ? new Date(startedAt.getTime() + hour) : null,
    })
    .returning({ id: stepInstances.id });
  return row!.id;
}

let personId = "";
beforeAll(async () => {
  t = await createTestDatabase();
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  personId = (await ensurePerson(t.db, { civilId: makeCivilId("1985-01-02", 7001), nameAr: "مقدم طلب", nameEn: "Applicant" })).id;

  // Social loan: three approved (1, 2 and 10 hours end to end), one refused, one withdrawn, one still open.
  const fast = await application({ service: "social-loan", submittedAt: "2026-11-30T06:00:00Z", decidedAt: "2026-11-30T07:00:00Z", personId });
  await step(fast, { service: "social-loan", stepId: "person", kind: "exchange", startedAt: "2026-11-30T06:00:00Z", hours: 0.01 });
  const reviewed = await application({ service: "social-loan", submittedAt: "2026-11-30T20:30:00Z", decidedAt: "2026-11-30T22:30:00Z", personId });
  await step(reviewed, { service: "social-loan", stepId: "review", kind: "task", startedAt: "2026-11-30T20:30:00Z", hours: 2, isLate: true });
  const slow = await application({ service: "social-loan", submittedAt: "2026-11-30T21:30:00Z", decidedAt: "2026-12-01T07:30:00Z", personId });
  await step(slow, { service: "social-loan", stepId: "review", kind: "task", startedAt: "2026-11-30T21:30:00Z", hours: 4 });
  await application({ service: "social-loan", submittedAt: "2026-12-01T08:00:00Z", decidedAt: "2026-12-01T09:00:00Z", status: "rejected", personId });
  await application({ service: "social-loan", submittedAt: "2026-12-01T08:00:00Z", decidedAt: "2026-12-01T08:30:00Z", status: "withdrawn", personId });
  await application({ service: "social-loan", submittedAt: "2026-12-02T08:00:00Z", personId });
  // A fire-safety licence with its fee paid, and a duplicate payment refunded.
  const licence = await application({ service: "fire-safety-licence", submittedAt: "2026-12-01T05:00:00Z", decidedAt: "2026-12-01T11:00:00Z", personId });
  const payment = await step(licence, { service: "fire-safety-licence", stepId: "fee", kind: "payment", startedAt: "2026-12-01T06:00:00Z", hours: 0.5 });
  await t.db.insert(payments).values([
    {
      applicationId: licence,
      stepInstanceId: payment,
      payerPersonId: personId,
      amountFils: 25_000,
      gateway: "knet",
      status: "paid",
      receiptNumber: "RCP-2026-900001",
      completedAt: new Date("2026-12-01T06:30:00Z"),
    },
    {
      applicationId: licence,
      stepInstanceId: payment,
      payerPersonId: personId,
      amountFils: 25_000,
      gateway: "knet",
      status: "refunded",
      receiptNumber: "RCP-2026-900002",
      completedAt: new Date("2026-12-01T06:31:00Z"),
      refundReason: "paid-twice",
      refundReference: "R1",
      refundReceiptNumber: "RFD-2026-900001",
      refundedAt: new Date("2026-12-01T07:00:00Z"),
    },
  ]);
  // Outside the range asked: not counted.
  await application({ service: "social-loan", submittedAt: "2026-10-01T08:00:00Z", decidedAt: "2026-10-01T09:00:00Z", personId });
});
afterAll(() => t?.close());

const filters = (overrides: Partial<ReportFilters> = {}): ReportFilters => ({
  from: "2026-11-29",
  to: "2026-12-02",
  service: null,
  bucket: "day",
  ...overrides,
});

describe("reports", () => {
  it("counts what each service received and decided per Kuwait day: 20:30 UTC is that evening, 21:30 UTC the next day", async () => {
    const rows = await volumesOf(t.db, all, filters({ service: "social-loan" }));
    expect(rows).toEqual([
      { serviceId: "social-loan", bucket: "2026-11-30", received: 2, approved: 1, rejected: 0, withdrawn: 0 },
      { serviceId: "social-loan", bucket: "2026-12-01", received: 3, approved: 2, rejected: 1, withdrawn: 1 },
      { serviceId: "social-loan", bucket: "2026-12-02", received: 1, approved: 0, rejected: 0, withdrawn: 0 },
    ]);
  });

  it("counts per week, weeks beginning on Sunday", async () => {
    const rows = await volumesOf(t.db, all, filters({ bucket: "week" }));
    expect(rows.map((row) => [row.serviceId, row.bucket, row.received])).toEqual([
      ["fire-safety-licence", "2026-11-29", 1],
      ["social-loan", "2026-11-29", 6],
    ]);
    expect(bucketStarts({ from: "2026-11-25", to: "2026-12-08", bucket: "week" })).toEqual(["2026-11-22", "2026-11-29", "2026-12-06"]);
  });

  it("times applications end to end, per service, per agency and for all, and counts those that went straight through", async () => {
    const rows = await durationsOf(t.db, all, filters());
    const of = (kind: string, id?: string) => rows.find((row) => row.of.kind === kind && (!id || ("id" in row.of && row.of.id === id)))!;
    // Approved or refused: 1 h, 2 h, 10 h, 1 h (refused); withdrawn applications are not decisions.
    expect(of("service", "social-loan")).toMatchObject({ decided: 4, medianSeconds: 1.5 * 3600, straightThrough: 2 });
    expect(of("service", "social-loan").p90Seconds).toBeCloseTo((2 + 0.7 * 8) * 3600, 0);
    expect(of("agency", "kcb")).toMatchObject({ decided: 4, medianSeconds: 1.5 * 3600 });
    expect(of("agency", "kff")).toMatchObject({ decided: 1, medianSeconds: 6 * 3600, straightThrough: 1 });
    expect(of("all")).toMatchObject({ decided: 5, medianSeconds: 2 * 3600, straightThrough: 3 });
  });

  it("times each step, and counts the late ones", async () => {
    const rows = await stepTimesOf(t.db, all, filters({ service: "social-loan" }));
    const review = rows.find((row) => row.stepId === "review")!;
    expect(review).toMatchObject({ kind: "task", completed: 2, medianSeconds: 3 * 3600, late: 1 });
    expect(review.p90Seconds).toBeCloseTo(3.8 * 3600, 0);
    expect(rows.find((row) => row.stepId === "person")).toMatchObject({ kind: "exchange", completed: 1, late: 0 });
  });

  it("adds up the fees kept, not a duplicate refunded", async () => {
    expect(await feesOf(t.db, all, filters())).toEqual([{ serviceId: "fire-safety-licence", bucket: "2026-12-01", payments: 1, fils: 25_000 }]);
  });

  it("shows a supervisor their agency's services only, and nothing to a clerk", async () => {
    const kcb = reportScopeOf([{ role: "supervisor", agencyId: "kcb", position: null }], integratedServices)!;
    expect(kcb.services.map((service) => service.id)).toEqual(["social-loan"]);
    expect((await volumesOf(t.db, kcb, filters())).every((row) => row.serviceId === "social-loan")).toBe(true);
    expect((await durationsOf(t.db, kcb, filters())).map((row) => row.of)).toEqual(
      expect.arrayContaining([{ kind: "service", id: "social-loan" }, { kind: "agency", id: "kcb" }, { kind: "all" }]),
    );
    expect(await feesOf(t.db, kcb, filters())).toEqual([]);
    expect(reportScopeOf([{ role: "clerk", agencyId: "kcb", position: "loan-officer" }], integratedServices)).toBeNull();
  });

  it("reads its choices with defaults and says what it cannot read", () => {
    const services = ["social-loan"];
    expect(readReportFilters(new URLSearchParams(), { today: "2026-12-02", services }).filters).toEqual({
      from: "2026-11-03",
      to: "2026-12-02",
      service: null,
      bucket: "day",
    });
    expect(readReportFilters(new URLSearchParams({ from: "2026-12-05", to: "2026-12-01" }), { today: "2026-12-02", services }).problems).toEqual({
      to: "to.before-from",
    });
    expect(readReportFilters(new URLSearchParams({ from: "2025-01-01", to: "2026-12-01" }), { today: "2026-12-02", services }).problems).toEqual({
      to: "to.too-long",
    });
    expect(readReportFilters(new URLSearchParams({ from: "2026-02-30", service: "fire-safety-licence" }), { today: "2026-12-02", services }).problems).toEqual({
      from: "from.format",
      service: "service.unknown",
    });
  });
});
