import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { addressText, fact, itemsOf, labels, section } from "../../exchange/answer-facts";
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

const kindTexts = { shop: { ar: "ترخيص محل", en: "Shop licence" }, sign: { ar: "ترخيص إعلان (لوحة)", en: "Advertisement (sign) licence" } } as const;
const licenceFacts = (held: MunicipalLicence) => [
  fact.code(labels.licenceNumber, held.licenceNumber),
  fact.text({ ar: "نوع الترخيص", en: "Kind" }, kindTexts[held.kind]),
  fact.code(labels.crNumber, held.crNumber),
  fact.code(labels.premisesNumber, held.premisesNumber),
  fact.text(labels.address, addressText(held)),
  ...(held.signAreaM2 === null ? [] : [fact.count({ ar: "مساحة اللوحة", en: "Sign area" }, held.signAreaM2, { ar: "م²", en: "m²" })]),
  fact.date(labels.issuedOn, held.issuedOn),
  fact.date(labels.expiresOn, held.expiresOn),
];

const violation = z.object({ descriptionAr: z.string(), descriptionEn: z.string(), amountFils: z.number().int(), issuedOn: date, isPaid: z.boolean() });

export const companyMunicipalLicencesOperation = defineOperation({
  agency: "km",
  name: "km.company-licences",
  title: { ar: "التراخيص البلدية للشركات", en: "Municipal licences of companies" },
  request: z.object({ crNumbers: z.array(z.string()).max(50) }),
  response: z.object({ licences: z.array(licence) }),
  present: (answer) =>
    itemsOf(answer.licences, { ar: "الترخيص", en: "Licence" }, licenceFacts, { ar: "لا توجد تراخيص بلدية مسجلة", en: "No municipal licences on record" }),
});

export const municipalLicenceOperation = defineOperation({
  agency: "km",
  name: "km.licence",
  title: { ar: "الترخيص البلدي ومخالفاته", en: "A municipal licence and its violations" },
  request: z.object({ licenceNumber: z.string().min(1).max(30) }),
  response: licence.extend({ violations: z.array(violation) }),
  present: (held) => [
    ...section(licenceFacts(held)),
    ...itemsOf(
      held.violations,
      { ar: "المخالفة", en: "Violation" },
      (fine) => [
        fact.text({ ar: "الوصف", en: "Description" }, { ar: fine.descriptionAr, en: fine.descriptionEn }),
        fact.money({ ar: "المبلغ", en: "Amount" }, fine.amountFils),
        fact.date({ ar: "تاريخ المخالفة", en: "Issued on" }, fine.issuedOn),
        fact.yesNo({ ar: "مسدَّدة", en: "Paid" }, fine.isPaid),
      ],
      { ar: "لا توجد مخالفات", en: "No violations" },
    ),
  ],
});

export const renewMunicipalLicenceOperation = defineOperation({
  agency: "km",
  name: "km.renew-licence",
  title: { ar: "تسجيل تجديد ترخيص بلدي", en: "Record a municipal licence renewal" },
  request: z.object({ licenceNumber: z.string().min(1), expiresOn: date }),
  response: licence,
  present: (held) => section(licenceFacts(held)),
});
