import { asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { pifssEmployment } from "../../../db/schema/registries/pifss";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { employmentOperation } from "./contracts";

export const pifssEndpoint: AgencyEndpoint = {
  agency: "pifss",
  operations: {
    [employmentOperation.name]: async (db: Database, request) => {
      const { civilId } = employmentOperation.request.parse(request);
      const rows = await db
        .select({
          employerAr: pifssEmployment.employerAr,
          employerEn: pifssEmployment.employerEn,
          startDate: pifssEmployment.startDate,
          monthlySalaryFils: pifssEmployment.monthlySalaryFils,
          isActive: pifssEmployment.isActive,
        })
        .from(pifssEmployment)
        .where(eq(pifssEmployment.civilId, civilId))
        .orderBy(asc(pifssEmployment.startDate));
      return { status: "ok", payload: { employments: rows } };
    },
  },
};
