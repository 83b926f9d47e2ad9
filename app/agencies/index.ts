import type { OperationContract } from "../exchange/contracts";
import { loansOperation } from "./kcb/contracts";
import { marriageContractOperation } from "./moj/contracts";
import { personOperation } from "./paci/contracts";
import { employmentOperation } from "./pifss/contracts";

/** Every operation offered over the exchange, by name. Isomorphic: contracts only, no endpoints. */
export const operations: ReadonlyMap<string, OperationContract> = new Map(
  [personOperation, marriageContractOperation, employmentOperation, loansOperation].map((op) => [op.name, op as OperationContract]),
);
