import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { mojMarriageContracts } from "../../../db/schema";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { marriageContractOperation } from "./contracts";

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
  },
};
