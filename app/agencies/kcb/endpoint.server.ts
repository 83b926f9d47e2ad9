import { asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { kcbLoans } from "../../../db/schema";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { loansOperation } from "./contracts";

export const kcbEndpoint: AgencyEndpoint = {
  agency: "kcb",
  operations: {
    [loansOperation.name]: async (db: Database, request) => {
      const { civilId } = loansOperation.request.parse(request);
      const rows = await db
        .select({ loanType: kcbLoans.loanType, amountFils: kcbLoans.amountFils, status: kcbLoans.status, startDate: kcbLoans.startDate })
        .from(kcbLoans)
        .where(eq(kcbLoans.civilId, civilId))
        .orderBy(asc(kcbLoans.startDate));
      return { status: "ok", payload: { loans: rows } };
    },
  },
};
