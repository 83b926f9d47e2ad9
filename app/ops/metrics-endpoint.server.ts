import type http from "node:http";
import type { DatabaseHandle } from "../../db/client";
import type { Env } from "../env.server";
import { bearerTokenOf, isConfiguredToken } from "../http/bearer";
import { log } from "../log.server";
import { parseAddressRanges, type AddressRanges } from "./address-ranges";
import { scrapeMetrics } from "./database-figures.server";

// /metrics, on a portal server and on a standalone worker's METRICS_PORT. Open to whoever shows
// the operators' token (METRICS_TOKEN, as a bearer token) or connects from one of their address
// ranges (METRICS_ALLOW); with neither set it does not exist.

export interface MetricsAccess {
  token: string | null;
  ranges: AddressRanges | null;
}

export function metricsAccessOf(env: Pick<Env, "METRICS_TOKEN" | "METRICS_ALLOW">): MetricsAccess {
  return {
    token: env.METRICS_TOKEN ?? null,
    ranges: env.METRICS_ALLOW ? parseAddressRanges(env.METRICS_ALLOW) : null,
  };
}

export type MetricsDecision = "allowed" | "disabled" | "refused";

export function decideMetricsAccess(access: MetricsAccess, client: { authorization: string | undefined; address: string | undefined }): MetricsDecision {
  if (!access.token && !access.ranges) return "disabled";
  if (access.ranges?.includes(client.address)) return "allowed";
  if (access.token && isConfiguredToken(bearerTokenOf(client.authorization), access.token)) return "allowed";
  return "refused";
}

export async function serveMetrics(
  access: MetricsAccess,
  client: { authorization: string | undefined; address: string | undefined },
  database: DatabaseHandle,
  res: http.ServerResponse,
): Promise<void> {
  const decision = decideMetricsAccess(access, client);
  res.setHeader("Cache-Control", "no-store");
  if (decision !== "allowed") {
    if (decision === "refused") log.warn("metrics refused", { address: client.address ?? null });
    res.statusCode = decision === "disabled" ? 404 : 401;
    if (decision === "refused") res.setHeader("WWW-Authenticate", 'Bearer realm="nafitha-metrics"');
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end(
      decision === "disabled"
        ? "Not Found: the metrics are not enabled (set METRICS_TOKEN or METRICS_ALLOW).\n"
        : "Unauthorized: the metrics need the operators' token (Authorization: Bearer …) or an address in METRICS_ALLOW.\n",
    );
    return;
  }
  const { contentType, body } = await scrapeMetrics(database);
  res.statusCode = 200;
  res.setHeader("Content-Type", contentType);
  res.end(body);
}
