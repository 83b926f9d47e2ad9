import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

export const marriageContractOperation = defineOperation({
  agency: "moj",
  name: "moj.marriage-contract",
  title: { ar: "عقد الزواج المسجل", en: "Registered marriage contract" },
  request: z.object({ contractNumber: z.string().min(1).max(40) }),
  response: z.object({
    contractNumber: z.string(),
    husbandCivilId: z.string(),
    wifeCivilId: z.string(),
    contractDate: z.string(),
    isFirstMarriageOfHusband: z.boolean(),
  }),
});

export const propertyDeedOperation = defineOperation({
  agency: "moj",
  name: "moj.property-deed",
  title: { ar: "وثيقة ملكية عقار", en: "Real-estate ownership deed" },
  request: z.object({ deedNumber: z.string().min(1).max(40) }),
  response: z.object({
    deedNumber: z.string(),
    ownerCivilId: z.string(),
    governorate: z.string(),
    area: z.string(),
    block: z.string(),
    plot: z.string(),
    registeredOn: z.string(),
  }),
});
