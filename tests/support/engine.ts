import { sql } from "drizzle-orm";
import { createCatalogue, type Catalogue } from "../../app/catalogue/registry";
import type { Actor } from "../../app/engine/actor";
import { deriveExchangeKeys } from "../../app/exchange/signing.server";
import { createJobHandlers, type JobDeps } from "../../app/jobs/handlers.server";
import { startWorker } from "../../app/jobs/worker.server";
import { submitApplication } from "../../app/engine/transitions.server";
import type { ExchangeCall } from "../../app/exchange/client.server";
import { simulatedKnet, simulatedTerminal } from "../../app/payments/gateway.server";
import { jobs } from "../../db/schema";
import { demoAgencies } from "../../db/seed/demo";
import { ensureAgency, ensurePerson, ensureStaffAccount } from "../../db/seed/factories";
import { addEmployment, addMarriageContract, addPaciPerson } from "./registries";
import { everythingGrants, everythingService } from "../fixtures/everything-service";
import { startAgencyServer, type AgencyServer } from "./agency-server";
import { testCheckpointStore, type TestDatabase } from "../setup/database";
import { defaultCircuitPolicy } from "../../app/exchange/circuit.server";

export interface EngineHarness {
  deps: JobDeps;
  agencies: AgencyServer;
  smsSent: { to: string; text: string }[];
  /** Runs every due job until none is due (failed calls are rescheduled later, so they wait). */
  drain(): Promise<number>;
  /** Makes every queued job due now, as if its backoff had passed. */
  makeJobsDue(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_ROOT_SECRET = "engine-tests-root-secret-that-is-long-enough";
/** The key the tests' simulated gateways share with the portal. */
export const TEST_GATEWAY_KEY = Buffer.alloc(32, 1);

export async function createEngineHarness(
  t: TestDatabase,
  catalogue: Catalogue = createCatalogue([everythingService], everythingGrants),
): Promise<EngineHarness> {
  for (const agency of demoAgencies) await ensureAgency(t.db, agency);
  const keys = deriveExchangeKeys(TEST_ROOT_SECRET);
  const agencies = await startAgencyServer(t.db, keys, { isGranted: catalogue.isGranted });
  const smsSent: { to: string; text: string }[] = [];
  const deps: JobDeps = {
    catalogue,
    exchange: { keys, defaultBaseUrl: agencies.baseUrl, timeoutMs: 5_000, isGranted: catalogue.isGranted, circuit: defaultCircuitPolicy },
    delivery: { mailFrom: "Nafitha <test@nafitha.example>", sms: { send: async (to, text) => void smsSent.push({ to, text }) } },
    auditCheckpoints: testCheckpointStore(),
    paymentGateway: (gatewayId) => (gatewayId === "terminal" ? simulatedTerminal : simulatedKnet)(TEST_GATEWAY_KEY),
    scanner: null,
  };
  const worker = startWorker(t.db, { pollIntervalMs: 0, handlers: createJobHandlers(deps) });
  return {
    deps,
    agencies,
    smsSent,
    drain: () => worker.drain(),
    makeJobsDue: async () => {
      await t.db
        .update(jobs)
        .set({ runAt: sql`now()` })
        .where(sql`${jobs.status} = 'queued'`);
    },
    async close() {
      await worker.stop();
      await agencies.close();
    },
  };
}

export async function createApplicant(t: TestDatabase, civilId = "288020122596", language: "ar" | "en" = "ar") {
  const person = await ensurePerson(t.db, {
    civilId,
    nameAr: "أحمد عبدالله العنزي",
    nameEn: "Ahmad Abdullah Al-Enezi",
    phone: "+96599123456",
    email: "ahmad@example.kw",
    preferredLanguage: language,
  });
  const actor: Actor = { accountId: null, role: "applicant", personId: person.id, channel: "web" };
  return { person, actor };
}

/** Submits the test loan (`engine-test-loan`) for a new applicant; gives the application and its applicant. */
export async function submitTestLoan(t: TestDatabase, deps: JobDeps, answers: Record<string, unknown> = validAnswers) {
  const { person, actor } = await createApplicant(t);
  const result = await submitApplication(t.db, deps, { serviceId: "engine-test-loan", applicantPersonId: person.id, applicantAccountId: null, answers, actor });
  if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result)}`);
  return { ...result, person, actor };
}

/** A call to an agency on the test loan's behalf, as a lookup makes it; `overrides` change what a test needs. */
export function testExchangeCall(civilId: string, overrides: Partial<ExchangeCall> = {}): ExchangeCall {
  return {
    operation: "paci.person",
    payload: { civilId },
    callerServiceId: "engine-test-loan",
    purpose: "test",
    applicationId: null,
    stepInstanceId: null,
    onBehalfOfPersonId: null,
    onBehalfOfCivilId: civilId,
    attempt: 1,
    ...overrides,
  };
}

/** A portal administrator's account, for the administration's tests; gives its id. */
export async function createPortalAdministrator(t: TestDatabase): Promise<string> {
  const person = await ensurePerson(t.db, { civilId: "280010100011", nameAr: "مدير البوابة", nameEn: "Portal administrator", preferredLanguage: "ar" });
  const account = await ensureStaffAccount(t.db, { person, username: "portal.admin", password: "x", sealKey: Buffer.alloc(32), roles: [{ role: "admin" }] });
  return account.id;
}

/** What the test loan's agencies hold of an applicant for `validAnswers` to pass: a PACI record, the marriage contract, a salary. */
export async function addLoanApplicantRecords(t: TestDatabase, civilId: string) {
  await addPaciPerson(t.db, { civilId });
  await addMarriageContract(t.db, { contractNumber: "MOJ-2026-1001", husbandCivilId: civilId });
  await addEmployment(t.db, civilId, 1_200_000);
}

export const loanOfficer: Actor = { accountId: null, role: "clerk", agencyId: "kcb", position: "loan-officer", channel: "back-office" };

export const validAnswers = {
  contractNumber: "MOJ-2026-1001",
  contractDate: "2026-06-01",
  amount: "4000",
  months: "60",
  reason: "marriage",
  phone: "99123456",
};
