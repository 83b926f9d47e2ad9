import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencyLinks, exchangeMessages, type ExchangeOutcome } from "../../db/schema";
import { operations } from "../agencies";
import type { RequestEnvelope, ResponseEnvelope } from "./simulator.server";
import { trustedAgencyKeys } from "./agency-keys.server";
import { isMaintenanceNow } from "./links.server";
import { admitCall, isOutage, recordAnswer, recordOutage, type CircuitPolicy, type CircuitView } from "./circuit.server";
import { metrics } from "../ops/metrics.server";
import { SIGNATURE_HEADER, sha256, signBody, verifyBody, type ExchangeKeys } from "./signing.server";

export class ExchangeError extends Error {
  /** The call failed for an outage, and the agency's link is now open (no calls until a probe). */
  isLinkOpen = false;

  constructor(
    readonly outcome: ExchangeOutcome,
    message: string,
    /** For "maintenance": when the agency expects to be back, if it said. */
    readonly until: Date | null = null,
  ) {
    super(message);
    this.name = "ExchangeError";
  }
}

export interface ExchangeConfig {
  keys: ExchangeKeys;
  /** Where agencies answer when agency_links has no base URL of its own (the simulated ones). */
  defaultBaseUrl: string;
  timeoutMs: number;
  /** Which service may call which operation (the governance registry). */
  isGranted(serviceId: string, operation: string): boolean;
  circuit: CircuitPolicy;
}

export interface ExchangeCall {
  operation: string;
  payload: Record<string, unknown>;
  callerServiceId: string;
  purpose: string;
  applicationId: string | null;
  stepInstanceId: string | null;
  onBehalfOfPersonId: string | null;
  onBehalfOfCivilId: string | null;
  attempt: number;
  /** One key for every attempt of one call (a step's), so the agency can answer it once. */
  idempotencyKey?: string | null;
}

export type ExchangeAnswer = { found: true; data: Record<string, unknown> } | { found: false };

/**
 * Asks an agency, over HTTP, with a signed request; accepts only a signed answer that matches the
 * request and the operation's contract. Every attempt is written to the message log, whatever
 * its outcome.
 */
export async function callAgency(db: Database, config: ExchangeConfig, call: ExchangeCall): Promise<ExchangeAnswer> {
  const contract = operations.get(call.operation);
  const agencyId = contract?.agency ?? call.operation.split(".")[0] ?? "unknown";
  const requestId = crypto.randomUUID();
  const envelope: RequestEnvelope = {
    requestId,
    operation: call.operation,
    service: call.callerServiceId,
    applicationId: call.applicationId,
    onBehalfOf: call.onBehalfOfCivilId,
    purpose: call.purpose,
    idempotencyKey: call.idempotencyKey ?? null,
    issuedAt: new Date().toISOString(),
    payload: call.payload,
  };
  const body = JSON.stringify(envelope);
  const started = performance.now();
  let outcome: ExchangeOutcome = "unreachable";
  let httpStatus: number | null = null;
  let responseHash: string | null = null;
  let error: string | null = null;
  let isSent = false;
  let isRepeat = false;
  let link: (CircuitView & { baseUrl: string | null; maintenanceSince: Date | null; maintenanceUntil: Date | null }) | undefined;
  try {
    if (!contract) throw new ExchangeError("refused", `Unknown operation ${call.operation}`);
    if (!config.isGranted(call.callerServiceId, call.operation)) {
      throw new ExchangeError("refused", `${call.callerServiceId} may not call ${call.operation}`);
    }
    contract.request.parse(call.payload);
    [link] = await db
      .select({
        baseUrl: agencyLinks.baseUrl,
        maintenanceSince: agencyLinks.maintenanceSince,
        maintenanceUntil: agencyLinks.maintenanceUntil,
        circuitState: agencyLinks.circuitState,
        consecutiveFailures: agencyLinks.consecutiveFailures,
        nextProbeAt: agencyLinks.nextProbeAt,
        probeStartedAt: agencyLinks.probeStartedAt,
      })
      .from(agencyLinks)
      .where(eq(agencyLinks.agencyId, agencyId));
    // Under maintenance the agency is not called at all; the step waits for the end.
    if (link && isMaintenanceNow(link)) throw new ExchangeError("maintenance", `${agencyId} is under maintenance`, link.maintenanceUntil);
    // An open circuit: the agency failed repeatedly, and is not called until its probe is due.
    const admission = await admitCall(db, agencyId, link ?? null, config.circuit);
    if (admission.kind === "wait")
      throw new ExchangeError("circuit-open", `${agencyId} is not answering: its link is open until a probe succeeds`, admission.until);
    isSent = true;
    const url = `${(link?.baseUrl ?? config.defaultBaseUrl).replace(/\/$/, "")}/${agencyId}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signBody(config.keys.portal, body) },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (cause) {
      const isTimeout = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
      throw new ExchangeError(isTimeout ? "timeout" : "unreachable", `${agencyId} did not answer: ${(cause as Error).message}`);
    }
    httpStatus = response.status;
    const text = await response.text();
    responseHash = sha256(text);
    if (response.status >= 500) throw new ExchangeError("agency-error", `${agencyId} answered ${response.status}`);
    // Refused before any registry was read (stale, replayed, not granted, or not ours to sign): no signed answer.
    if (response.status >= 400 && !response.headers.get(SIGNATURE_HEADER))
      throw new ExchangeError("refused", `${agencyId} refused the request (${response.status}): ${text.slice(0, 200)}`);
    const configured = config.keys.agencyPublicKey(agencyId);
    const trusted = (await trustedAgencyKeys(db, agencyId)) ?? new Map([[configured.keyId, configured.publicKey]]);
    if (!verifyBody(response.headers.get(SIGNATURE_HEADER), text, trusted).ok) {
      throw new ExchangeError("bad-signature", `${agencyId}'s answer is not signed by its key`);
    }
    const answer = JSON.parse(text) as ResponseEnvelope;
    if (answer.requestId !== requestId || answer.operation !== call.operation || answer.agency !== agencyId) {
      throw new ExchangeError("bad-response", `${agencyId}'s answer is for another request`);
    }
    isRepeat = answer.isRepeat === true;
    if (answer.status === "not-found") {
      outcome = "not-found";
      return { found: false };
    }
    if (answer.status !== "ok") throw new ExchangeError("bad-response", `${agencyId} refused the request: ${answer.status}`);
    const parsed = contract.response.safeParse(answer.payload);
    if (!parsed.success) throw new ExchangeError("bad-response", `${agencyId}'s answer does not match ${call.operation}`);
    outcome = "ok";
    return { found: true, data: parsed.data as Record<string, unknown> };
  } catch (caught) {
    if (caught instanceof ExchangeError) {
      outcome = caught.outcome;
      error = caught.message;
    } else {
      outcome = "bad-response";
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const thrown = caught instanceof ExchangeError ? caught : new ExchangeError(outcome, error);
    // An outage counts towards opening the link; the caller parks its work when it opened.
    if (isSent && isOutage(outcome)) thrown.isLinkOpen = (await recordOutage(db, agencyId, config.circuit)) === "open";
    throw thrown;
  } finally {
    // Any answer from the agency (even one refused here) says it is up: its link closes.
    if (isSent && (outcome === "ok" || outcome === "not-found" || outcome === "bad-response")) await recordAnswer(db, agencyId, link ?? null, config.circuit);
    const calls = metrics();
    calls.exchangeCalls.inc({ agency: agencyId, operation: call.operation, outcome });
    if (isSent) calls.exchangeCallSeconds.observe({ agency: agencyId, operation: call.operation, outcome }, (performance.now() - started) / 1000);
    // A call the circuit held back was never sent: there is no message to log.
    if (outcome !== "circuit-open")
      await db.insert(exchangeMessages).values({
        requestId,
        applicationId: call.applicationId,
        stepInstanceId: call.stepInstanceId,
        onBehalfOfPersonId: call.onBehalfOfPersonId,
        callerServiceId: call.callerServiceId,
        agencyId,
        operation: call.operation,
        purpose: call.purpose,
        attempt: call.attempt,
        requestHash: sha256(body),
        responseHash,
        httpStatus,
        outcome,
        error,
        latencyMs: Math.round(performance.now() - started),
        idempotencyKey: call.idempotencyKey ?? null,
        isRepeat,
      });
  }
}
