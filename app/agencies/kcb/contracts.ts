import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

export const loansOperation = defineOperation({
  agency: "kcb",
  name: "kcb.loans",
  title: { ar: "القروض الاجتماعية القائمة", en: "Existing social loans" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/) }),
  response: z.object({
    loans: z.array(z.object({ loanType: z.string(), amountFils: z.number().int(), status: z.enum(["active", "repaid", "written-off"]), startDate: z.string() })),
  }),
});
