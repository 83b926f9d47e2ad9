import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
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

export const companyFireLicencesOperation = defineOperation({
  agency: "kff",
  name: "kff.company-licences",
  title: { ar: "تراخيص الوقاية من الحريق للشركات", en: "Fire-safety licences of companies" },
  request: z.object({ crNumbers: z.array(z.string()).max(50) }),
  response: z.object({ licences: z.array(licence) }),
});

export const fireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.licence",
  title: { ar: "ترخيص الوقاية من الحريق", en: "A fire-safety licence" },
  request: z.object({ licenceNumber: z.string().min(1).max(30) }),
  response: licence,
});

export const premisesFireLicencesOperation = defineOperation({
  agency: "kff",
  name: "kff.premises-licences",
  title: { ar: "تراخيص الوقاية من الحريق لمنشأة", en: "Fire-safety licences of a premises" },
  request: z.object({ premisesNumber: premisesShape.premisesNumber }),
  response: z.object({ licences: z.array(licence) }),
});

export const openSlotsOperation = defineOperation({
  agency: "kff",
  name: "kff.open-slots",
  title: { ar: "مواعيد الفحص المتاحة", en: "Open inspection slots" },
  request: z.object({ governorate: z.string(), from: date }),
  response: z.object({ slots: z.array(z.object({ id: z.string(), startsAt: z.string(), remaining: z.number().int() })) }),
});

export const bookSlotOperation = defineOperation({
  agency: "kff",
  name: "kff.book-slot",
  title: { ar: "حجز موعد الفحص", en: "Book an inspection slot" },
  request: z.object({ slotId: z.string().min(1), applicationReference: z.string().min(1) }),
  /** `isBooked` false: the slot filled up meanwhile (or is gone); the applicant picks another. */
  response: z.object({ isBooked: z.boolean(), startsAt: z.string().nullable() }),
});

export const recordFireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.record-licence",
  title: { ar: "تسجيل ترخيص صادر", en: "Record an issued licence" },
  request: licence,
  response: licence,
});

export const renewFireLicenceOperation = defineOperation({
  agency: "kff",
  name: "kff.renew-licence",
  title: { ar: "تسجيل تجديد ترخيص", en: "Record a licence renewal" },
  request: z.object({ licenceNumber: z.string().min(1), expiresOn: date }),
  response: licence,
});
