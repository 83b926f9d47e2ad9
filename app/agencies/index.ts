import type { OperationContract } from "../exchange/contracts";
import * as kcb from "./kcb/contracts";
import * as kff from "./kff/contracts";
import * as km from "./km/contracts";
import * as moci from "./moci/contracts";
import * as moj from "./moj/contracts";
import * as paci from "./paci/contracts";
import * as pifss from "./pifss/contracts";

const isOperation = (value: unknown): value is OperationContract =>
  typeof value === "object" && value !== null && "name" in value && "request" in value && "response" in value;

/** Every operation offered over the exchange, by name. Isomorphic: contracts only, no endpoints. */
export const operations: ReadonlyMap<string, OperationContract> = new Map(
  [paci, moj, pifss, kcb, moci, kff, km].flatMap((agency) => Object.values(agency).filter(isOperation)).map((op) => [op.name, op]),
);

/** The agencies reached over the exchange (those that offer an operation), in the order they are listed. */
export const exchangeAgencyIds: readonly string[] = [...new Set([...operations.values()].map((operation) => operation.agency))];
