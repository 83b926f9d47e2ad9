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
