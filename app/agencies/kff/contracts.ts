import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { addressText, fact, itemsOf, labels, section } from "../../exchange/answer-facts";
import { isoDate, premisesShape } from "../premises";

const date = isoDate;
export const hazardClasses = ["low", "medium", "high"] as const;

const licence = z.object({
  licenceNumber: z.string(),
  crNumber: z.string(),
  ...premisesShape,
  floorAreaM2: z.number().int().positive(),
  hazardClass: z.enum(hazardClasses),
  floors: z.number().int().positive(),
  issuedOn: date,
  expiresOn: date,
  lastInspectionOn: date,
});
export type FireLicence = z.infer<typeof licence>;

const hazardTexts = {
  low: { ar: "منخفضة الخطورة", en: "Low hazard" },
  medium: { ar: "متوسطة الخطورة", en: "Medium hazard" },
  high: { ar: "عالية الخطورة", en: "High hazard" },
} as const;
const licenceFacts = (held: FireLicence) => [
  fact.code(labels.licenceNumber, held.licenceNumber),
  fact.code(labels.crNumber, held.crNumber),
  fact.code(labels.premisesNumber, held.premisesNumber),
  fact.text(labels.address, addressText(held)),
  fact.count({ ar: "المساحة", en: "Floor area" }, held.floorAreaM2, { ar: "م²", en: "m²" }),
  fact.text({ ar: "درجة الخطورة", en: "Hazard class" }, hazardTexts[held.hazardClass]),
  fact.count({ ar: "عدد الأدوار", en: "Floors" }, held.floors, { ar: "", en: "" }),
  fact.date(labels.issuedOn, held.issuedOn),
  fact.date(labels.expiresOn, held.expiresOn),
  fact.date({ ar: "آخر فحص", en: "Last inspected" }, held.lastInspectionOn),
];
const noLicences = { ar: "لا توجد تراخيص وقاية من الحريق مسجلة", en: "No fire-safety licences on record" };

export const companyFireLicencesOperation = defineOperation({
  agency: "kff",
  name: "kff.company-licences",
  title: { ar: "تراخيص الوقاية من الحريق للشركات", en: "Fire-safety licences of companies" },
  request: z.object({ crNumbers: z.array(z.string()).max(50) }),
  response: z.object({ licences: z.array(licence) }),
  present: (answer) => itemsOf(answer.licences, { ar: "الترخيص", en: "Licence" }, licenceFacts, noLicences),
});

export const fireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.licence",
  title: { ar: "ترخيص الوقاية من الحريق", en: "A fire-safety licence" },
  request: z.object({ licenceNumber: z.string().min(1).max(30) }),
  response: licence,
  present: (held) => section(licenceFacts(held)),
});

export const premisesFireLicencesOperation = defineOperation({
  agency: "kff",
  name: "kff.premises-licences",
  title: { ar: "تراخيص الوقاية من الحريق لمنشأة", en: "Fire-safety licences of a premises" },
  request: z.object({ premisesNumber: premisesShape.premisesNumber }),
  response: z.object({ licences: z.array(licence) }),
  present: (answer) => itemsOf(answer.licences, { ar: "الترخيص", en: "Licence" }, licenceFacts, noLicences),
});

export const openSlotsOperation = defineOperation({
  agency: "kff",
  name: "kff.open-slots",
  title: { ar: "مواعيد الفحص المتاحة", en: "Open inspection slots" },
  request: z.object({ governorate: z.string(), from: date }),
  response: z.object({ slots: z.array(z.object({ id: z.string(), startsAt: z.string(), remaining: z.number().int() })) }),
  present: (answer) =>
    itemsOf(
      answer.slots,
      { ar: "الموعد", en: "Slot" },
      (slot) => [
        fact.code({ ar: "يبدأ في", en: "Starts at" }, slot.startsAt),
        fact.count({ ar: "المتبقي", en: "Places left" }, slot.remaining, { ar: "", en: "" }),
      ],
      { ar: "لا توجد مواعيد متاحة", en: "No open slots" },
    ),
});

export const bookSlotOperation = defineOperation({
  agency: "kff",
  name: "kff.book-slot",
  title: { ar: "حجز موعد الفحص", en: "Book an inspection slot" },
  request: z.object({ slotId: z.string().min(1), applicationReference: z.string().min(1) }),
  /** `isBooked` false: the slot filled up meanwhile (or is gone); the applicant picks another. */
  response: z.object({ isBooked: z.boolean(), startsAt: z.string().nullable() }),
  present: (answer) =>
    section([fact.yesNo({ ar: "تم الحجز", en: "Booked" }, answer.isBooked), fact.code({ ar: "يبدأ في", en: "Starts at" }, answer.startsAt ?? "—")]),
});

export const recordFireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.record-licence",
  title: { ar: "تسجيل ترخيص صادر", en: "Record an issued licence" },
  request: licence,
  response: licence,
  present: (held) => section(licenceFacts(held)),
});

export const renewFireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.renew-licence",
  title: { ar: "تسجيل تجديد ترخيص", en: "Record a licence renewal" },
  request: z.object({ licenceNumber: z.string().min(1), expiresOn: date }),
  response: licence,
  present: (held) => section(licenceFacts(held)),
});
