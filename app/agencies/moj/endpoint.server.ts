import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { mojMarriageContracts, mojPropertyDeeds } from "../../../db/schema/registries/moj";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { marriageContractOperation, propertyDeedOperation } from "./contracts";

export const mojEndpoint: AgencyEndpoint = {
  agency: "moj",
  operations: {
    [marriageContractOperation.name]: async (db: Database, request) => {
      const { contractNumber } = marriageContractOperation.request.parse(request);
      const [contract] = await db.select().from(mojMarriageContracts).where(eq(mojMarriageContracts.contractNumber, contractNumber));
      if (!contract) return { status: "not-found" };
      const { id: _id, ...payload } = contract;
      return { status: "ok", payload };
    },
    [propertyDeedOperation.name]: async (db: Database, request) => {
      const { deedNumber } = propertyDeedOperation.request.parse(request);
      const [deed] = await db.select().from(mojPropertyDeeds).where(eq(mojPropertyDeeds.deedNumber, deedNumber));
      return deed ? { status: "ok", payload: deed } : { status: "not-found" };
    },
  },
};
