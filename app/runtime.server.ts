import path from "node:path";
import { connect, describeDatabaseFailure, type Database, type DatabaseHandle } from "../db/client";
import { installAuditChainKey, rekeyLegacyAuditRows } from "./audit/audit.server";
import { checkpointStore } from "./audit/checkpoints.server";
import { acquireDataDirLock } from "../db/lock";
import { catalogue as productionCatalogue } from "./catalogue/services";
import type { Catalogue } from "./catalogue/registry";
import { EnvError, type Env } from "./env.server";
import type { ExchangeConfig } from "./exchange/client.server";
import type { CircuitPolicy } from "./exchange/circuit.server";
import { deriveExchangeKeys, parseAgencyPublicKeys, type ExchangeKeys, type SigningKey } from "./exchange/signing.server";
import { Pki } from "./certificates/pki.server";
import { certificateSigningKey } from "./certificates/token.server";
import type { JobDeps } from "./jobs/handlers.server";
import { outboxSmsProvider } from "./notifications/delivery.server";
import { simulatedKnet, simulatedTerminal, type PaymentMethod, type SimulatedGateway } from "./payments/gateway.server";
import { deriveSecrets, loadRootSecret, type Secrets } from "./secrets.server";
import { clamdScanner, type MalwareScanner } from "./uploads/scanner.server";
import { invariantResponse } from "./http/invariant";
import type { DrillKit } from "./ops/drill.server";
import { log } from "./log.server";
import { caFingerprintIn, isSecretMissing, missingKeyProblems, recordCa, secretProblems, type KeySource } from "./ops/deployment-keys.server";

export interface Runtime {
  env: Env;
  database: DatabaseHandle;
  secrets: Secrets;
  exchangeKeys: ExchangeKeys;
  catalogue: Catalogue;
  certificateKey: SigningKey;
  pki: Pki;
  /** ClamAV's daemon, when CLAMAV_URL is set: every upload is scanned before anyone opens it. */
  scanner: MalwareScanner | null;
  /** The cards a kiosk's simulated reader offers (the demo's; none in a real deployment). */
  simulatedCards: SimulatedCard[];
  /** The demo's drill applicants (npm run drill); null in a real deployment. */
  drill: DrillKit | null;
}

/** A civil-ID card as the simulated kiosk reader lists it. */
export interface SimulatedCard {
  civilId: string;
  nameAr: string;
  nameEn: string;
}

/** What the engine and the job handlers need of this process. */
export function jobDepsOf(runtime: Runtime): JobDeps {
  const exchange: ExchangeConfig = {
    keys: runtime.exchangeKeys,
    defaultBaseUrl: runtime.env.EXCHANGE_BASE_URL ?? `http://127.0.0.1:${runtime.env.PORT}/exchange/agencies`,
    timeoutMs: runtime.env.EXCHANGE_TIMEOUT_MS,
    isGranted: runtime.catalogue.isGranted,
    circuit: circuitPolicyOf(runtime.env),
  };
  return {
    catalogue: runtime.catalogue,
    exchange,
    delivery: { smtpUrl: runtime.env.SMTP_URL, mailFrom: runtime.env.MAIL_FROM, sms: outboxSmsProvider },
    auditCheckpoints: auditCheckpointsOf(runtime),
    paymentGateway: (gatewayId) => paymentGatewayOf(runtime, gatewayId === "terminal" ? "terminal" : "online"),
    scanner: runtime.scanner,
  };
}

/** The agency links' circuit breaker, as the settings make it. */
export function circuitPolicyOf(env: Env): CircuitPolicy {
  return {
    failureThreshold: env.EXCHANGE_CIRCUIT_FAILURES,
    probeMs: env.EXCHANGE_CIRCUIT_PROBE_MS,
    maxProbeMs: Math.max(env.EXCHANGE_CIRCUIT_MAX_PROBE_MS, env.EXCHANGE_CIRCUIT_PROBE_MS),
    // A probe is one call: past its timeout and a margin, its process is taken to have died.
    probeLeaseMs: env.EXCHANGE_TIMEOUT_MS * 2 + 5_000,
    drainPerSecond: env.EXCHANGE_DRAIN_PER_SECOND,
  };
}

/** Where this process writes and reads the audit chain's signed checkpoints. */
export function auditCheckpointsOf(runtime: Runtime) {
  return checkpointStore(runtime.env.DATA_DIR, runtime.secrets.auditCheckpointSeed);
}

/**
 * The payment gateway of this deployment for a method: the simulated KNET gateway (online) and
 * card terminal (kiosks) with the demo data, none otherwise until a bank's is configured (paying
 * then says the service is unavailable).
 */
export function paymentGatewayOf(runtime: Runtime, method: PaymentMethod = "online"): SimulatedGateway | null {
  if (!runtime.env.DEMO_DATA) return null;
  return method === "terminal" ? simulatedTerminal(runtime.secrets.gatewayKey) : simulatedKnet(runtime.secrets.gatewayKey);
}

/** For a simulated gateway's own page (KNET's, the kiosk terminal's): Not Found without the demo data. */
export function requireSimulatedGateway(method: PaymentMethod): SimulatedGateway {
  const gateway = paymentGatewayOf(getRuntime(), method);
  invariantResponse(gateway, "Not Found", { status: 404 });
  return gateway;
}

// The start script and the Remix server bundle load this module separately; the runtime is kept
// on globalThis so both see the one database (two PGlite instances on one dir would lose writes).
const RUNTIME = Symbol.for("nafitha.runtime");
type Holder = { [RUNTIME]?: Runtime };

export function installRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[RUNTIME] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[RUNTIME];
  if (!runtime) throw new Error("The Nafitha runtime is not started (scripts/start.ts starts it).");
  return runtime;
}

export function getDb(): Database {
  return getRuntime().database.db;
}

export type ProcessPurpose = "server" | "worker" | "script";

/**
 * Opens the database for this process (PGlite under DATA_DIR with its lock, or Postgres),
 * applies the migrations and loads the secrets. Returns a function that closes it all.
 */
export async function startRuntime(
  env: Env,
  purpose: ProcessPurpose,
  options: { simulatedCards?: SimulatedCard[]; drill?: DrillKit } = {},
): Promise<{ runtime: Runtime; stop: () => Promise<void> }> {
  const releaseLock = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, purpose);
  let database: DatabaseHandle;
  try {
    database = env.DATABASE_URL
      ? await connect({ driver: "postgres", url: env.DATABASE_URL })
      : await connect({ driver: "pglite", dataDir: path.join(env.DATA_DIR, "pglite") });
    await database.migrate();
  } catch (error) {
    releaseLock();
    const problem = env.DATABASE_URL ? describeDatabaseFailure(error, env.DATABASE_URL) : null;
    throw problem ? new EnvError([problem]) : error;
  }
  // What must travel with the database (its root secret, its CA) is there, or start-up says what is missing.
  const pkiDir = env.PKI_DIR ?? path.join(env.DATA_DIR, "pki");
  const keySource: KeySource = { secretFrom: env.NAFITHA_SECRET ? "setting" : "file", dataDir: env.DATA_DIR, pkiDir };
  const missing = await missingKeyProblems(database.db, keySource, isSecretMissing(env.NAFITHA_SECRET, env.DATA_DIR));
  const rootSecret = missing.length === 0 ? loadRootSecret(env.NAFITHA_SECRET, env.DATA_DIR) : "";
  const problems = missing.length > 0 ? missing : await secretProblems(database.db, rootSecret, keySource);
  if (problems.length > 0) {
    await database.close();
    releaseLock();
    throw new EnvError(problems);
  }
  const secrets = deriveSecrets(rootSecret);
  installAuditChainKey(secrets.auditChainKey);
  await rekeyLegacyAuditRows(database.db);
  const runtime: Runtime = {
    env,
    database,
    secrets,
    exchangeKeys: deriveExchangeKeys(rootSecret, parseAgencyPublicKeys(env.AGENCY_PUBLIC_KEYS)),
    catalogue: productionCatalogue,
    certificateKey: certificateSigningKey(rootSecret),
    pki: new Pki(pkiDir, secrets.pkiPassphrase, () => {
      const fingerprint = caFingerprintIn(pkiDir);
      if (fingerprint) recordCa(database.db, fingerprint).catch((error: unknown) => log.error("the new CA's fingerprint could not be recorded", { error }));
    }),
    scanner: env.CLAMAV_URL ? clamdScanner(env.CLAMAV_URL, env.CLAMAV_TIMEOUT_MS) : null,
    simulatedCards: options.simulatedCards ?? [],
    drill: options.drill ?? null,
  };
  installRuntime(runtime);
  return {
    runtime,
    async stop() {
      installRuntime(undefined);
      await database.close();
      releaseLock();
    },
  };
}
