import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { isoDate, premisesShape } from "../premises";

const date = isoDate;

const licence = z.object({
  licenceNumber: z.string(),
  kind: z.enum(["shop", "sign"]),
  crNumber: z.string(),
  ...premisesShape,
  signAreaM2: z.number().int().nullable(),
  issuedOn: date,
  expiresOn: date,
});
export type MunicipalLicence = z.infer<typeof licence>;

const violation = z.object({ descriptionAr: z.string(), descriptionEn: z.string(), amountFils: z.number().int(), issuedOn: date, isPaid: z.boolean() });

export const companyMunicipalLicencesOperation = defineOperation({
  agency: "km",
  name: "km.company-licences",
  title: { ar: "التراخيص البلدية للشركات", en: "Municipal licences of companies" },
  request: z.object({ crNumbers: z.array(z.string()).max(50) }),
  response: z.object({ licences: z.array(licence) }),
});

export const municipalLicenceOperation = defineOperation({
  agency: "km",
  name: "km.licence",
  title: { ar: "الترخيص البلدي ومخالفاته", en: "A municipal licence and its violations" },
  request: z.object({ licenceNumber: z.string().min(1).max(30) }),
  response: licence.extend({ violations: z.array(violation) }),
});

export const renewMunicipalLicenceOperation = defineOperation({
  agency: "km",
  name: "km.renew-licence",
  title: { ar: "تسجيل تجديد ترخيص بلدي", en: "Record a municipal licence renewal" },
  request: z.object({ licenceNumber: z.string().min(1), expiresOn: date }),
  response: licence,
});
