import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { mociCompanies, mociSignatories } from "../../../db/schema/registries/moci";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { companyOperation, signatoryCompaniesOperation } from "./contracts";

const companyColumns = {
  crNumber: mociCompanies.crNumber,
  nameAr: mociCompanies.nameAr,
  nameEn: mociCompanies.nameEn,
  licenceNumber: mociCompanies.licenceNumber,
  activityAr: mociCompanies.activityAr,
  activityEn: mociCompanies.activityEn,
  licenceExpiresOn: mociCompanies.licenceExpiresOn,
};

/** MOCI's simulated endpoint: companies, their commercial licences and who signs for them. */
export const mociEndpoint: AgencyEndpoint = {
  agency: "moci",
  operations: {
    [signatoryCompaniesOperation.name]: async (db: Database, request) => {
      const { civilId } = signatoryCompaniesOperation.request.parse(request);
      const companies = await db
        .select(companyColumns)
        .from(mociSignatories)
        .innerJoin(mociCompanies, eq(mociCompanies.crNumber, mociSignatories.crNumber))
        .where(eq(mociSignatories.civilId, civilId))
        .orderBy(asc(mociCompanies.nameEn));
      return { status: "ok", payload: { companies } };
    },
    [companyOperation.name]: async (db: Database, request) => {
      const { crNumber, civilId } = companyOperation.request.parse(request);
      const [company] = await db.select(companyColumns).from(mociCompanies).where(eq(mociCompanies.crNumber, crNumber));
      if (!company) return { status: "not-found" };
      const [signatory] = await db
        .select({ civilId: mociSignatories.civilId })
        .from(mociSignatories)
        .where(and(eq(mociSignatories.crNumber, crNumber), eq(mociSignatories.civilId, civilId)));
      return { status: "ok", payload: { ...company, isSignatory: signatory !== undefined } };
    },
  },
};
