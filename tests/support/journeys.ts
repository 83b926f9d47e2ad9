import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, type TestContext } from "vitest";
import { documentOf, findCertificate } from "../../app/certificates/certificates.server";
import { Pki } from "../../app/certificates/pki.server";
import { renderCertificatePdf, statementsOf } from "../../app/certificates/render.server";
import { foreignWords } from "../setup/one-language";
import { certificateSigningKey } from "../../app/certificates/token.server";
import { catalogue } from "../../app/catalogue/services";
import type { Actor } from "../../app/engine/actor";
import { type TransitionResult } from "../../app/engine/run.server";
import { actAsApplicant, decideTask, recordPayment, submitApplication } from "../../app/engine/transitions.server";
import { runLookups } from "../../app/engine/lookups.server";
import { agencyLinks, applications, certificates, paciPeople, stepInstances } from "../../db/schema";
import { ensurePerson } from "../../db/seed/factories";
import { makeCivilId } from "../../app/auth/civil-id";
import { addDays, addYears, kuwaitToday } from "../../app/i18n/dates";

import { addCompany, addEmployment, addFireLicence, addMarriageContract, addPaciPerson } from "./registries";
import { createTestDatabase, type TestDatabase } from "../setup/database";
import { createEngineHarness, TEST_GATEWAY_KEY, type EngineHarness } from "./engine";
import { simulatedKnet } from "../../app/payments/gateway.server";

// Journeys through the production catalogue: apply as a person of the registries, let the
// exchange run, act as clerks and applicant, pay, and read the signed certificate back.

export const hasPoppler = ["pdftotext", "pdfsig"].every((tool) => spawnSync("which", [tool]).status === 0);

export const clerks = {
  kcbOfficer: { accountId: null, role: "clerk", agencyId: "kcb", position: "loan-officer", channel: "back-office" },
  kffOfficer: { accountId: null, role: "clerk", agencyId: "kff", position: "prevention-officer", channel: "back-office" },
  kffInspector: { accountId: null, role: "clerk", agencyId: "kff", position: "inspector", channel: "back-office" },
  kmClerk: { accountId: null, role: "clerk", agencyId: "km", position: "licensing-clerk", channel: "back-office" },
} satisfies Record<string, Actor>;

/**
 * Makes people in PACI's registry with valid, distinct civil IDs: Kuwaiti men of 30 with a
 * salary of KWD 1,200 unless told otherwise (`salaryFils: null` for none).
 */
export function peopleOf(t: TestDatabase) {
  let serial = 100;
  return async (options: { nationality?: string; age?: number; sex?: "male" | "female"; salaryFils?: number | null } = {}) => {
    const birthDate = addYears(addDays(kuwaitToday(), -40), -(options.age ?? 30));
    const civilId = makeCivilId(birthDate, serial);
    serial = Number(civilId.slice(7, 11)) + 1; // the next serial with a valid check digit may be further on
    await addPaciPerson(t.db, {
      civilId,
      nationality: options.nationality ?? "KWT",
      sex: options.sex ?? "male",
      birthDate,
      nameAr: "مقدم طلب",
      nameEn: "Applicant",
    });
    if (options.salaryFils !== null) await addEmployment(t.db, civilId, options.salaryFils ?? 1_200_000);
    return civilId;
  };
}

export interface Journey {
  applicationId: string;
  reference: string;
  actor: Actor;
}

export interface JourneyHarness {
  h: EngineHarness;
  /** Applies as the person with this civil ID (who must be in PACI's registry), after the lookups (or with the ones given, found earlier). */
  apply(
    serviceId: string,
    civilId: string,
    answers: Record<string, unknown>,
    options?: { channel?: "web" | "kiosk"; lookups?: Record<string, unknown> },
  ): Promise<Journey>;
  /** The service's lookups for a person, as the form would show them. */
  lookups(serviceId: string, civilId: string): Promise<Record<string, unknown>>;
  /** Runs every job that is due (exchange calls, certificates) until nothing is left to do. */
  settle(): Promise<void>;
  openSteps(applicationId: string): Promise<string[]>;
  decide(
    journey: Journey,
    stepId: string,
    actor: Actor,
    action: string,
    extra?: { comment?: string; values?: Record<string, unknown>; fieldsToFix?: string[] },
  ): Promise<TransitionResult>;
  act(
    journey: Journey,
    stepId: string,
    action: string,
    extra?: { values?: Record<string, unknown>; answers?: Record<string, unknown> },
  ): Promise<TransitionResult>;
  /** Pays the open payment step and returns the amount in fils. */
  pay(journey: Journey): Promise<number>;
  application(applicationId: string): Promise<typeof applications.$inferSelect>;
  /** The reasons the named decision step gave. */
  reasons(applicationId: string, stepId: string): Promise<string[]>;
  setAgencyDown(agencyId: string, isDown: boolean): Promise<void>;
  /** The issued certificate of an application. */
  certificate(applicationId: string): Promise<{ number: string; expiresAt: Date | null }>;
  /**
   * A certificate rendered and signed by its agency, its signature checked (pdfsig) and its text
   * read (pdftotext). Needs poppler-utils (.ci/run installs it): without it the test is skipped,
   * with a note that says why, here and in the run's notices.
   */
  certificateText(number: string, skip: TestContext["skip"]): Promise<string>;
  close(): Promise<void>;
}

export async function createJourneyHarness(t: TestDatabase): Promise<JourneyHarness> {
  const h = await createEngineHarness(t, catalogue);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-journey-"));
  const pki = new Pki(path.join(tmp, "pki"), "journey tests");
  const certificateKey = certificateSigningKey("journey tests root secret, long enough");

  const personFor = async (civilId: string) => {
    const [record] = await t.db.select().from(paciPeople).where(eq(paciPeople.civilId, civilId));
    if (!record) throw new Error(`${civilId} is not in PACI's registry`);
    return ensurePerson(t.db, { civilId, nameAr: record.nameAr, nameEn: record.nameEn, nationality: record.nationality, phone: record.phone });
  };
  const openStep = async (applicationId: string, stepId: string) => {
    const [row] = await t.db
      .select()
      .from(stepInstances)
      .where(and(eq(stepInstances.applicationId, applicationId), eq(stepInstances.stepId, stepId), inArray(stepInstances.state, ["active", "waiting"])));
    if (!row) throw new Error(`${stepId} is not open; open: ${(await harness.openSteps(applicationId)).join(", ")}`);
    return row;
  };

  const harness: JourneyHarness = {
    h,
    async lookups(serviceId, civilId) {
      const person = await personFor(civilId);
      const found = await runLookups(t.db, h.deps.exchange, catalogue.get(serviceId)!, { personId: person.id, civilId });
      expect(found.unavailable).toEqual([]);
      return found.lookups;
    },
    async apply(serviceId, civilId, answers, options = {}) {
      const person = await personFor(civilId);
      const actor: Actor = { accountId: null, role: "applicant", personId: person.id, channel: options.channel ?? "web" };
      const lookups = options.lookups ?? (await harness.lookups(serviceId, civilId));
      const submitted = await submitApplication(t.db, h.deps, { serviceId, applicantPersonId: person.id, applicantAccountId: null, answers, lookups, actor });
      if (!submitted.ok) throw new Error(`submitting ${serviceId} failed: ${JSON.stringify(submitted)}`);
      await harness.settle();
      return { applicationId: submitted.applicationId, reference: submitted.reference, actor };
    },
    async settle() {
      while ((await h.drain()) > 0);
    },
    async openSteps(applicationId) {
      const rows = await t.db
        .select({ stepId: stepInstances.stepId })
        .from(stepInstances)
        .where(and(eq(stepInstances.applicationId, applicationId), inArray(stepInstances.state, ["active", "waiting"])))
        // Steps started in one transaction share a moment: a parallel step comes before its branches.
        .orderBy(asc(stepInstances.startedAt), sql`${stepInstances.parentId} is not null`, asc(stepInstances.stepId));
      return rows.map((row) => row.stepId);
    },
    async decide(journey, stepId, actor, action, extra = {}) {
      const step = await openStep(journey.applicationId, stepId);
      const result = await decideTask(t.db, h.deps, { stepInstanceId: step.id, action, actor, ...extra });
      await harness.settle();
      return result;
    },
    async act(journey, stepId, action, extra = {}) {
      const step = await openStep(journey.applicationId, stepId);
      const result = await actAsApplicant(t.db, h.deps, { stepInstanceId: step.id, action, actor: journey.actor, ...extra });
      await harness.settle();
      return result;
    },
    async pay(journey) {
      const [step] = await t.db
        .select()
        .from(stepInstances)
        .where(and(eq(stepInstances.applicationId, journey.applicationId), eq(stepInstances.kind, "payment"), eq(stepInstances.state, "active")));
      if (!step) throw new Error(`nothing to pay; open: ${(await harness.openSteps(journey.applicationId)).join(", ")}`);
      const amountFils = Number(step.result?.amountFils);
      expect(await recordPayment(t.db, h.deps, { stepInstanceId: step.id, amountFils, reference: `KNET-${journey.reference}`, actor: journey.actor })).toEqual({
        ok: true,
      });
      await harness.settle();
      return amountFils;
    },
    async application(applicationId) {
      const [row] = await t.db.select().from(applications).where(eq(applications.id, applicationId));
      return row!;
    },
    async reasons(applicationId, stepId) {
      const row = await harness.application(applicationId);
      return ((row.results[stepId] as { reasons?: string[] } | undefined)?.reasons ?? []).slice().sort();
    },
    async setAgencyDown(agencyId, isDown) {
      await t.db.insert(agencyLinks).values({ agencyId, isDown }).onConflictDoUpdate({ target: agencyLinks.agencyId, set: { isDown } });
      if (!isDown) await h.makeJobsDue();
    },
    async certificate(applicationId) {
      const [row] = await t.db.select().from(certificates).where(eq(certificates.applicationId, applicationId));
      if (!row) throw new Error("no certificate was issued");
      // Each side of the certificate in its own language: no Latin words on the Arabic side (codes
      // aside), no Arabic on the English side.
      const found = await findCertificate(t.db, { number: row.number });
      const mixed = statementsOf(documentOf(found!, "https://nafitha.example", certificateKey)).flatMap(({ ar, en }) => [
        ...foreignWords(ar.join(" "), "ar").map((word) => `${ar[0]}: ${word}`),
        ...foreignWords(en.join(" "), "en").map((word) => `${en[0]}: ${word}`),
      ]);
      expect(mixed, `other-language words on certificate ${row.number}`).toEqual([]);
      return { number: row.number, expiresAt: row.expiresAt };
    },
    async certificateText(number, skip) {
      if (!hasPoppler) skip("poppler-utils is not installed: the certificate's signature and text are not checked");
      const found = await findCertificate(t.db, { number });
      if (!found) throw new Error(`no certificate ${number}`);
      const pdf = await renderCertificatePdf(documentOf(found, "https://nafitha.example", certificateKey));
      const signed = await pki.signPdf(pdf, { id: found.certificate.signingAgencyId, nameEn: found.agencyNameEn }, new Date());
      const file = path.join(tmp, `${number}.pdf`);
      fs.writeFileSync(file, signed);
      expect(execFileSync("pdfsig", [file], { encoding: "utf8" })).toContain("Signature is Valid");
      return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[\u202A-\u202E\u200E\u200F\u061C]/g, "");
    },
    close: () => h.close(),
  };
  return harness;
}

/** A test file's database, journey harness and maker of people, set up before its tests and closed after. */
export function useJourneys() {
  const context = {} as { t: TestDatabase; j: JourneyHarness; person: ReturnType<typeof peopleOf> };
  beforeAll(async () => {
    context.t = await createTestDatabase();
    context.j = await createJourneyHarness(context.t);
    context.person = peopleOf(context.t);
  });
  afterAll(async () => {
    await context.j?.close();
    await context.t?.close();
  });
  return context;
}

export type JourneyContext = ReturnType<typeof useJourneys>;

let fireRenewalSerial = 0;

/** A signatory whose fire licence is due for renewal in 30 days applies: the renewal waits on its fee. */
export async function awaitingFireRenewalFee(ctx: JourneyContext) {
  const civilId = await ctx.person();
  const serial = ++fireRenewalSerial;
  const today = kuwaitToday();
  const crNumber = `CR-${700_000 + serial}`;
  await addCompany(ctx.t.db, {
    crNumber,
    licenceNumber: `CL-2022-${String(serial).padStart(6, "0")}`,
    licenceExpiresOn: addDays(today, 300),
    signatories: [civilId],
  });
  const licenceNumber = `FSL-2025-${String(800 + serial).padStart(6, "0")}`;
  await addFireLicence(ctx.t.db, {
    licenceNumber,
    crNumber,
    premisesNumber: String(41_000_000 + serial),
    expiresOn: addDays(today, 30),
    lastInspectionOn: addDays(today, -300),
    floorAreaM2: 120,
    hazardClass: "low",
  });
  const journey = await ctx.j.apply("fire-safety-renewal", civilId, { licenceNumber, unchanged: "confirmed" });
  expect(await ctx.j.openSteps(journey.applicationId)).toEqual(["pay"]);
  return journey;
}

const testKnet = simulatedKnet(TEST_GATEWAY_KEY);

/** The simulated KNET's signed answer for a payment, as its return page brings it back. */
export function knetAnswer(
  paymentId: string,
  amountFils: number,
  outcome: "paid" | "declined" | "cancelled",
  gatewayReference = `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
) {
  return testKnet.readAnswer(new URL(testKnet.answerUrl({ paymentId, outcome, amountFils, gatewayReference }), "http://x").searchParams)!;
}

/** A husband with a first-marriage contract registered `daysAgo` days ago applies for the marriage loan: it goes to KCB's review. */
export async function applyForMarriageLoan(ctx: JourneyContext, daysAgo = 30) {
  const civilId = await ctx.person();
  const wife = await ctx.person({ sex: "female", salaryFils: null });
  const today = kuwaitToday();
  const contractNumber = `MC-${today.slice(0, 4)}-${civilId.slice(5, 11)}`;
  const contractDate = addDays(today, -daysAgo);
  await addMarriageContract(ctx.t.db, { contractNumber, husbandCivilId: civilId, wifeCivilId: wife, contractDate, isFirstMarriageOfHusband: true });
  const journey = await ctx.j.apply("social-loan", civilId, {
    loanType: "marriage",
    contractNumber,
    contractDate,
    months: "60",
    iban: "KW81CBKU0000000000001234560101",
  });
  return { civilId, wife, journey };
}
