import { asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { kcbLoans } from "../../../db/schema/registries/kcb";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { loansOperation, recordLoanOperation } from "./contracts";

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
    // A loan granted through the portal, recorded once however often the portal retries.
    [recordLoanOperation.name]: async (db: Database, request) => {
      const loan = recordLoanOperation.request.parse(request);
      await db
        .insert(kcbLoans)
        .values({ ...loan, status: "active" })
        .onConflictDoNothing({ target: kcbLoans.applicationReference });
      const [row] = await db
        .select({ loanType: kcbLoans.loanType, status: kcbLoans.status })
        .from(kcbLoans)
        .where(eq(kcbLoans.applicationReference, loan.applicationReference));
      return { status: "ok", payload: row };
    },
  },
};
