import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client";
import { kmLicences, kmViolations } from "../../../db/schema/registries/km";
import type { AgencyEndpoint } from "../../exchange/simulator.server";
import { companyMunicipalLicencesOperation, municipalLicenceOperation, renewMunicipalLicenceOperation } from "./contracts";

/** KM's simulated endpoint: shop and sign licences, and violations against them. */
export const kmEndpoint: AgencyEndpoint = {
  agency: "km",
  operations: {
    [companyMunicipalLicencesOperation.name]: async (db: Database, request) => {
      const { crNumbers } = companyMunicipalLicencesOperation.request.parse(request);
      const licences = crNumbers.length
        ? await db.select().from(kmLicences).where(inArray(kmLicences.crNumber, crNumbers)).orderBy(asc(kmLicences.licenceNumber))
        : [];
      return { status: "ok", payload: { licences } };
    },
    [municipalLicenceOperation.name]: async (db: Database, request) => {
      const { licenceNumber } = municipalLicenceOperation.request.parse(request);
      const [licence] = await db.select().from(kmLicences).where(eq(kmLicences.licenceNumber, licenceNumber));
      if (!licence) return { status: "not-found" };
      const violations = await db
        .select({
          descriptionAr: kmViolations.descriptionAr,
          descriptionEn: kmViolations.descriptionEn,
          amountFils: kmViolations.amountFils,
          issuedOn: kmViolations.issuedOn,
          isPaid: kmViolations.isPaid,
        })
        .from(kmViolations)
        .where(eq(kmViolations.licenceNumber, licenceNumber))
        .orderBy(asc(kmViolations.issuedOn));
      return { status: "ok", payload: { ...licence, violations } };
    },
    [renewMunicipalLicenceOperation.name]: async (db: Database, request) => {
      const { licenceNumber, expiresOn } = renewMunicipalLicenceOperation.request.parse(request);
      const [row] = await db.update(kmLicences).set({ expiresOn }).where(eq(kmLicences.licenceNumber, licenceNumber)).returning();
      return row ? { status: "ok", payload: row } : { status: "not-found" };
    },
  },
};
