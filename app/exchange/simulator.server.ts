import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { agencyLinks, exchangeAnsweredRequests, exchangeIdempotentAnswers } from "../../db/schema";
import { SIGNATURE_HEADER, signBody, verifyBody, type ExchangeKeys } from "./signing.server";

export type AgencyAnswer = { status: "ok"; payload: unknown } | { status: "not-found" };
export type OperationHandler = (db: Database, request: unknown) => Promise<AgencyAnswer>;

/** An agency as the embedded default simulates it: one handler per operation, over its demo registry. */
export interface AgencyEndpoint {
  agency: string;
  operations: Record<string, OperationHandler>;
}

export interface RequestEnvelope {
  requestId: string;
  operation: string;
  service: string;
  applicationId: string | null;
  onBehalfOf: string | null;
  purpose: string;
  /** The same on every attempt of one call: the agency answers it once, and a repeat gets that answer. */
  idempotencyKey?: string | null;
  issuedAt: string;
  payload: unknown;
}

export interface ResponseEnvelope {
  requestId: string;
  agency: string;
  operation: string;
  status: "ok" | "not-found" | "invalid-request" | "unknown-operation";
  payload: unknown;
  /** This call (by its idempotency key) was answered before: this is that first answer, given again. */
  isRepeat?: boolean;
  respondedAt: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How far a request's `issuedAt` may be from the agency's clock, either way. */
export const REQUEST_WINDOW_MS = 5 * 60_000;

const EnvelopeSchema = z.object({
  requestId: z.string().min(8).max(100),
  operation: z.string().min(1).max(100),
  service: z.string().min(1).max(100),
  applicationId: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  purpose: z.string().max(500),
  idempotencyKey: z.string().min(1).max(200).nullable().default(null),
  issuedAt: z.iso.datetime(),
  payload: z.unknown(),
});

/** A refusal before any registry is read: not signed (nothing of the agency's data is in it), and never retried as an outage. */
const refused = (status: 400 | 401 | 403 | 409, reason: string) =>
  new Response(JSON.stringify({ error: reason }), { status, headers: { "Content-Type": "application/json" } });

export interface EndpointPolicy {
  /** The governance registry: which calling service may use which operation. */
  isGranted(serviceId: string, operation: string): boolean;
  now?: () => Date;
}

/**
 * Serves one agency's side of the exchange: checks the portal's signature, that the request is
 * fresh (its `issuedAt` within a few minutes), answered once (its id never seen before: a replay
 * is refused) and granted to the calling service, applies the faults configured for the agency
 * (down, latency, error rate), answers from the registry, and signs the answer with the agency's key.
 */
export async function handleAgencyRequest(
  db: Database,
  keys: ExchangeKeys,
  endpoints: ReadonlyMap<string, AgencyEndpoint>,
  agencyId: string,
  request: Request,
  policy: EndpointPolicy,
): Promise<Response> {
  const endpoint = endpoints.get(agencyId);
  if (!endpoint) return new Response("Unknown agency", { status: 404 });
  const [faults] = await db.select().from(agencyLinks).where(eq(agencyLinks.agencyId, agencyId));
  if (faults?.isDown) return new Response("Service unavailable", { status: 503 });
  if (faults?.latencyMs) await sleep(faults.latencyMs);

  const body = await request.text();
  const portalKey = keys.portal;
  if (!verifyBody(request.headers.get(SIGNATURE_HEADER), body, new Map([[portalKey.keyId, portalKey.publicKey]])).ok) {
    return new Response("Bad signature", { status: 401 });
  }
  let envelope: RequestEnvelope;
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return refused(400, "invalid-envelope");
    envelope = parsed.data as RequestEnvelope;
  } catch {
    return refused(400, "invalid-envelope");
  }
  const now = policy.now?.() ?? new Date();
  if (Math.abs(now.getTime() - Date.parse(envelope.issuedAt)) > REQUEST_WINDOW_MS) return refused(401, "stale-request");
  if (!policy.isGranted(envelope.service, envelope.operation)) return refused(403, "not-granted");
  const [isFirst] = await db
    .insert(exchangeAnsweredRequests)
    .values({ agencyId, requestId: envelope.requestId, answeredAt: now })
    .onConflictDoNothing()
    .returning({ requestId: exchangeAnsweredRequests.requestId });
  if (!isFirst) return refused(409, "replayed-request");
  if (faults && faults.errorRate > 0 && Math.random() < faults.errorRate) return new Response("Internal error", { status: 500 });

  const { status: answer, payload, isRepeat } = await answerOnce(db, endpoint, envelope);
  const response: ResponseEnvelope = {
    requestId: envelope.requestId,
    agency: agencyId,
    operation: envelope.operation,
    status: answer,
    payload,
    ...(isRepeat ? { isRepeat } : {}),
    respondedAt: new Date().toISOString(),
  };
  const text = JSON.stringify(response);
  return new Response(text, {
    status: answer === "ok" || answer === "not-found" ? 200 : 400,
    headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signBody(keys.agency(agencyId), text) },
  });
}

/**
 * Answers from the registry, once per idempotency key: a call seen before (the portal asked again
 * after a crash) gets its first answer again, marked as a repeat, even when the registry changed since.
 */
async function answerOnce(
  db: Database,
  endpoint: AgencyEndpoint,
  envelope: RequestEnvelope,
): Promise<{ status: ResponseEnvelope["status"]; payload: unknown; isRepeat: boolean }> {
  const key = envelope.idempotencyKey ?? null;
  const stored = async () =>
    key
      ? (
          await db
            .select({ status: exchangeIdempotentAnswers.status, payload: exchangeIdempotentAnswers.payload })
            .from(exchangeIdempotentAnswers)
            .where(and(eq(exchangeIdempotentAnswers.agencyId, endpoint.agency), eq(exchangeIdempotentAnswers.idempotencyKey, key)))
        )[0]
      : undefined;
  const before = await stored();
  if (before) return { status: before.status, payload: before.payload, isRepeat: true };
  const handler = endpoint.operations[envelope.operation];
  if (!handler) return { status: "unknown-operation", payload: null, isRepeat: false };
  let result: AgencyAnswer;
  try {
    result = await handler(db, envelope.payload);
  } catch {
    return { status: "invalid-request", payload: null, isRepeat: false };
  }
  const payload = result.status === "ok" ? result.payload : null;
  if (!key) return { status: result.status, payload, isRepeat: false };
  const [kept] = await db
    .insert(exchangeIdempotentAnswers)
    .values({ agencyId: endpoint.agency, idempotencyKey: key, status: result.status, payload })
    .onConflictDoNothing()
    .returning({ status: exchangeIdempotentAnswers.status });
  if (kept) return { status: result.status, payload, isRepeat: false };
  // The same call, answered at the same moment by another process: its answer is the one that counts.
  const first = (await stored())!;
  return { status: first.status, payload: first.payload, isRepeat: true };
}
