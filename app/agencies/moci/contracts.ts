import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { fact, itemsOf, labels, section } from "../../exchange/answer-facts";

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

const companyFacts = (company: MociCompany) => [
  fact.text({ ar: "الشركة", en: "Company" }, { ar: company.nameAr, en: company.nameEn }),
  fact.code(labels.crNumber, company.crNumber),
  fact.code({ ar: "رقم الترخيص التجاري", en: "Commercial licence" }, company.licenceNumber),
  fact.text({ ar: "النشاط", en: "Activity" }, { ar: company.activityAr, en: company.activityEn }),
  fact.date({ ar: "انتهاء الترخيص التجاري", en: "Commercial licence expires" }, company.licenceExpiresOn),
];

export const signatoryCompaniesOperation = defineOperation({
  agency: "moci",
  name: "moci.signatory-companies",
  title: { ar: "الشركات التي يفوَّض الشخص بالتوقيع عنها", en: "Companies a person signs for" },
  request: z.object({ civilId }),
  response: z.object({ companies: z.array(company) }),
  present: (answer) =>
    itemsOf(answer.companies, { ar: "الشركة", en: "Company" }, companyFacts, { ar: "لا يفوَّض بالتوقيع عن أي شركة", en: "Signs for no company" }),
});

export const companyOperation = defineOperation({
  agency: "moci",
  name: "moci.company",
  title: { ar: "الشركة وترخيصها التجاري", en: "A company and its commercial licence" },
  request: z.object({ crNumber: z.string().min(1).max(20), civilId }),
  /** `isSignatory`: whether the person asked about may sign for the company. */
  response: company.extend({ isSignatory: z.boolean() }),
  present: (company) => section([...companyFacts(company), fact.yesNo({ ar: "مفوَّض بالتوقيع عنها", en: "May sign for it" }, company.isSignatory)]),
});
