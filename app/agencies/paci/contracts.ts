import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { addressText, fact, labels, section } from "../../exchange/answer-facts";
import { bilingual } from "../premises";

export const personOperation = defineOperation({
  agency: "paci",
  name: "paci.person",
  title: { ar: "بيانات الشخص في السجل المدني", en: "Person in the civil registry" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/) }),
  response: z.object({
    civilId: z.string(),
    nameAr: z.string(),
    nameEn: z.string(),
    nationality: z.string().length(3),
    birthDate: z.string(),
    sex: z.enum(["male", "female"]),
    address: z.object({ governorate: z.string(), area: bilingual, block: z.string(), street: bilingual, building: z.string() }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  present: (person) =>
    section([
      fact.code(labels.civilId, person.civilId),
      fact.text(labels.name, { ar: person.nameAr, en: person.nameEn }),
      fact.code({ ar: "الجنسية", en: "Nationality" }, person.nationality),
      fact.date({ ar: "تاريخ الميلاد", en: "Date of birth" }, person.birthDate),
      fact.text({ ar: "الجنس", en: "Sex" }, person.sex === "male" ? { ar: "ذكر", en: "Male" } : { ar: "أنثى", en: "Female" }),
      fact.text(labels.address, addressText(person.address)),
      fact.code({ ar: "رقم الهاتف", en: "Phone" }, person.phone ?? "—"),
    ]),
});

/** Whether a PIN is the one of this civil-ID card (kiosk sign-in). PACI answers yes or no, and never the PIN. */
export const cardPinOperation = defineOperation({
  agency: "paci",
  name: "paci.verify-card-pin",
  title: { ar: "التحقق من الرقم السري للبطاقة المدنية", en: "Civil-ID card PIN check" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/), pin: z.string().regex(/^\d{4,8}$/) }),
  response: z.object({ isMatch: z.boolean() }),
  present: (answer) => section([fact.yesNo({ ar: "الرقم السري مطابق", en: "PIN matches" }, answer.isMatch)]),
});
