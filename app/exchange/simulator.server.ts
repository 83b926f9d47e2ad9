import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencyLinks } from "../../db/schema";
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
  issuedAt: string;
  payload: unknown;
}

export interface ResponseEnvelope {
  requestId: string;
  agency: string;
  operation: string;
  status: "ok" | "not-found" | "invalid-request" | "unknown-operation";
  payload: unknown;
  respondedAt: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serves one agency's side of the exchange: checks the portal's signature, applies the faults
 * configured for the agency (down, latency, error rate), answers from the registry, and signs
 * the answer with the agency's key.
 */
export async function handleAgencyRequest(
  db: Database,
  keys: ExchangeKeys,
  endpoints: ReadonlyMap<string, AgencyEndpoint>,
  agencyId: string,
  request: Request,
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
    envelope = JSON.parse(body) as RequestEnvelope;
  } catch {
    return new Response("Bad request", { status: 400 });
  }
  if (faults && faults.errorRate > 0 && Math.random() < faults.errorRate) return new Response("Internal error", { status: 500 });

  const handler = endpoint.operations[envelope.operation];
  let answer: ResponseEnvelope["status"];
  let payload: unknown = null;
  if (!handler) answer = "unknown-operation";
  else {
    try {
      const result = await handler(db, envelope.payload);
      answer = result.status;
      if (result.status === "ok") payload = result.payload;
    } catch {
      answer = "invalid-request";
    }
  }
  const response: ResponseEnvelope = {
    requestId: envelope.requestId,
    agency: agencyId,
    operation: envelope.operation,
    status: answer,
    payload,
    respondedAt: new Date().toISOString(),
  };
  const text = JSON.stringify(response);
  return new Response(text, {
    status: answer === "ok" || answer === "not-found" ? 200 : 400,
    headers: { "Content-Type": "application/json", [SIGNATURE_HEADER]: signBody(keys.agency(agencyId), text) },
  });
}
