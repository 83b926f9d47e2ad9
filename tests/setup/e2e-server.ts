import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { desc, eq } from "drizzle-orm";
import { installAuditChainKey } from "../../app/audit/audit.server";
import { deriveSecrets, loadRootSecret } from "../../app/secrets.server";
import { connect } from "../../db/client";
import { applications, certificates, exchangeMessages, mojMarriageContracts, people } from "../../db/schema";
import { catalogue } from "../../app/catalogue/services";
import { submitApplication } from "../../app/engine/transitions.server";
import { seedDemo } from "../../db/seed/demo";
import { notifyPerson } from "../../app/notifications/notify.server";
import { repoRoot, startServer } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The shared server's process id, to read its memory. */
    serverPid: number;
    serverDataDir: string;
    certificateFixture: { number: string; code: string };
  }
}

/** A certificate already issued to the demo citizen Ahmad by KCB, for the certificate pages. */
async function seedCertificate(dataDir: string) {
  const handle = await connect({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    await handle.migrate();
    const secrets = deriveSecrets(loadRootSecret(undefined, dataDir));
    // What this seeding audits is chained with the server's own key.
    installAuditChainKey(secrets.auditChainKey);
    await seedDemo(handle.db, secrets);
    const [ahmad] = await handle.db.select().from(people).where(eq(people.civilId, "288020122596"));
    // Two approved applications with their certificates: 900001 for the certificate pages (portal.test
    // revokes it), 900002 for the application page (nobody else touches it).
    const issued = [];
    for (const n of ["900001", "900002"]) {
      const [application] = await handle.db
        .insert(applications)
        .values({
          reference: `NAF-2026-${n}`,
          serviceId: "engine-test-loan",
          serviceVersion: 1,
          applicantPersonId: ahmad!.id,
          channel: "web",
          status: "approved",
          submittedAt: new Date(),
        })
        .returning();
      await handle.db.insert(certificates).values({
        applicationId: application!.id,
        serviceId: "engine-test-loan",
        number: `TST-2026-${n}`,
        verificationCode: `E2eFixtureCode${n.padStart(6, "0")}`,
        holderPersonId: ahmad!.id,
        signingAgencyId: "kcb",
        data: {
          title: { ar: "شهادة الموافقة على القرض الاجتماعي", en: "Social loan approval" },
          fields: [{ label: { ar: "مبلغ القرض", en: "Loan amount" }, format: "money", value: 4_000_000 }],
        },
        issuedAt: new Date(),
        expiresAt: new Date(Date.now() + 365 * 24 * 3600_000),
      });
      issued.push(application!);
    }
    const application = issued[0]!;
    // Ahmad's inbox: more than a page of notifications (with the loan application's below, 22), the newest of these saying the certificate is ready.
    const params = { reference: "NAF-2026-900001", service: { ar: "القرض الاجتماعي", en: "Social loan" } };
    for (let i = 0; i < 20; i++) await notifyPerson(handle.db, ahmad!.id, "submitted", params, application.id);
    await notifyPerson(handle.db, ahmad!.id, "certificate-ready", params, application.id);
    // Ahmad's social-loan application, just submitted: the server's worker takes it to the loan officer.
    const [contract] = await handle.db
      .select()
      .from(mojMarriageContracts)
      .where(eq(mojMarriageContracts.husbandCivilId, "288020122596"))
      .orderBy(desc(mojMarriageContracts.contractDate))
      .limit(1);
    const loan = await submitApplication(
      handle.db,
      { catalogue },
      {
        serviceId: "social-loan",
        applicantPersonId: ahmad!.id,
        applicantAccountId: null,
        answers: {
          loanType: "marriage",
          contractNumber: contract!.contractNumber,
          contractDate: contract!.contractDate,
          months: "60",
          iban: "KW81CBKU0000000000001234560101",
        },
        actor: { accountId: null, role: "applicant", personId: ahmad!.id, channel: "web" },
      },
    );
    if (!loan.ok) throw new Error(`the e2e loan application was refused: ${JSON.stringify(loan)}`);
    // Nawaf's marriage loan over 60 months, for a loan officer invited in a test to decide as their first
    // decision (staff-admin.test); no other test touches it.
    const [nawaf] = await handle.db.select().from(people).where(eq(people.civilId, "299061830541"));
    const [nawafContract] = await handle.db.select().from(mojMarriageContracts).where(eq(mojMarriageContracts.husbandCivilId, "299061830541")).limit(1);
    const firstDecision = await submitApplication(
      handle.db,
      { catalogue },
      {
        serviceId: "social-loan",
        applicantPersonId: nawaf!.id,
        applicantAccountId: null,
        answers: {
          loanType: "marriage",
          contractNumber: nawafContract!.contractNumber,
          contractDate: nawafContract!.contractDate,
          months: "60",
          iban: "KW81CBKU0000000000001234560101",
        },
        actor: { accountId: null, role: "applicant", personId: nawaf!.id, channel: "web" },
      },
    );
    if (!firstDecision.ok) throw new Error(`the e2e loan application for the invited clerk was refused: ${JSON.stringify(firstDecision)}`);
    // A read of Ahmad's data at PACI for a social loan, as the exchange logs it.
    await handle.db.insert(exchangeMessages).values({
      requestId: "e2e-read-1",
      applicationId: application.id,
      onBehalfOfPersonId: ahmad!.id,
      callerServiceId: "social-loan",
      agencyId: "paci",
      operation: "paci.person",
      purpose: "Confirm the applicant's nationality and age",
      attempt: 1,
      requestHash: "e2e",
      responseHash: "e2e",
      httpStatus: 200,
      outcome: "ok",
      latencyMs: 12,
    });
    // The certificate of 900001, for the certificate pages' tests.
    return { number: "TST-2026-900001", code: "E2eFixtureCode900001" };
  } finally {
    await handle.close();
  }
}

/** Builds the portal once and starts it on a fresh embedded database for the end-to-end tests. */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: repoRoot,
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nafitha-e2e-"));
  project.provide("certificateFixture", await seedCertificate(dataDir));
  // With ClamAV here (tests/setup/clamd.ts ran first), the portal scans uploads as a deployment does.
  const clamavUrl = process.env.NAFITHA_TEST_CLAMAV_URL;
  const server = await startServer({ dataDir, env: clamavUrl ? { CLAMAV_URL: clamavUrl } : {} });
  project.provide("baseUrl", server.baseUrl);
  project.provide("serverPid", server.child.pid!);
  project.provide("serverDataDir", dataDir);
  return async () => {
    const code = await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) console.warn(`[e2e] the shared server exited with ${code}:\n${server.output().slice(-4000)}`);
  };
}
