import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

const civilId = z.string().regex(/^[1-3]\d{11}$/);

const company = z.object({
  crNumber: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  licenceNumber: z.string(),
  activityAr: z.string(),
  activityEn: z.string(),
  licenceExpiresOn: z.string(),
});
export type MociCompany = z.infer<typeof company>;

export const signatoryCompaniesOperation = defineOperation({
  agency: "moci",
  name: "moci.signatory-companies",
  title: { ar: "الشركات التي يفوَّض الشخص بالتوقيع عنها", en: "Companies a person signs for" },
  request: z.object({ civilId }),
  response: z.object({ companies: z.array(company) }),
});

export const companyOperation = defineOperation({
  agency: "moci",
  name: "moci.company",
  title: { ar: "الشركة وترخيصها التجاري", en: "A company and its commercial licence" },
  request: z.object({ crNumber: z.string().min(1).max(20), civilId }),
  /** `isSignatory`: whether the person asked about may sign for the company. */
  response: company.extend({ isSignatory: z.boolean() }),
});
