import http from "node:http";
import type { AddressInfo } from "node:net";
import { simulatedEndpoints } from "../../app/agencies/endpoints.server";
import { handleAgencyRequest, type EndpointPolicy } from "../../app/exchange/simulator.server";
import { SIGNATURE_HEADER, signBody, type ExchangeKeys, type SigningKey } from "../../app/exchange/signing.server";
import type { Database } from "../../db/client";

export interface AgencyServer {
  baseUrl: string;
  /** Changes answers on their way back (after the agency signed them), to prove they are refused. */
  tamper: ((body: string) => string) | null;
  /** Signs answers with this key instead of the simulated agency's own (an agency that rotated its key). */
  signWith: SigningKey | null;
  close(): Promise<void>;
}

/** The simulated agencies behind a real HTTP server on a free local port, as the portal reaches them. */
export async function startAgencyServer(db: Database, keys: ExchangeKeys, policy: EndpointPolicy): Promise<AgencyServer> {
  const state: AgencyServer = { baseUrl: "", tamper: null, signWith: null, close: async () => {} };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const agency = (req.url ?? "").split("/").filter(Boolean).pop() ?? "";
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await handleAgencyRequest(db, keys, simulatedEndpoints, agency, request, policy);
    let body = await response.text();
    if (state.tamper) body = state.tamper(body);
    const headers = Object.fromEntries(response.headers);
    if (state.signWith && headers[SIGNATURE_HEADER]) headers[SIGNATURE_HEADER] = signBody(state.signWith, body);
    res.writeHead(response.status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/agencies`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
