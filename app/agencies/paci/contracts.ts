import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

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
    address: z.object({ governorate: z.string(), area: z.string(), block: z.string(), street: z.string(), building: z.string() }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
});

/** Whether a PIN is the one of this civil-ID card (kiosk sign-in). PACI answers yes or no, and never the PIN. */
export const cardPinOperation = defineOperation({
  agency: "paci",
  name: "paci.verify-card-pin",
  title: { ar: "التحقق من الرقم السري للبطاقة المدنية", en: "Civil-ID card PIN check" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/), pin: z.string().regex(/^\d{4,8}$/) }),
  response: z.object({ isMatch: z.boolean() }),
});
