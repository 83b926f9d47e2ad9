import type { AgencyEndpoint } from "../exchange/simulator.server";
import { kcbEndpoint } from "./kcb/endpoint.server";
import { kffEndpoint } from "./kff/endpoint.server";
import { kmEndpoint } from "./km/endpoint.server";
import { mociEndpoint } from "./moci/endpoint.server";
import { mojEndpoint } from "./moj/endpoint.server";
import { paciEndpoint } from "./paci/endpoint.server";
import { pifssEndpoint } from "./pifss/endpoint.server";

/** The simulated agencies the embedded default serves from its own process. */
export const simulatedEndpoints: ReadonlyMap<string, AgencyEndpoint> = new Map(
  [paciEndpoint, mojEndpoint, pifssEndpoint, kcbEndpoint, mociEndpoint, kffEndpoint, kmEndpoint].map((endpoint) => [endpoint.agency, endpoint]),
);
