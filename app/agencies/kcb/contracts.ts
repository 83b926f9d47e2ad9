import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

export const loansOperation = defineOperation({
  agency: "kcb",
  name: "kcb.loans",
  title: { ar: "القروض الاجتماعية القائمة", en: "Existing social loans" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/) }),
  response: z.object({
    loans: z.array(
      z.object({ loanType: z.string(), amountFils: z.number().int(), status: z.enum(["active", "repaid", "written-off"]), startDate: z.string() }),
    ),
  }),
});

export const recordLoanOperation = defineOperation({
  agency: "kcb",
  name: "kcb.record-loan",
  title: { ar: "تسجيل قرض ممنوح", en: "Record a granted loan" },
  request: z.object({
    civilId: z.string().regex(/^[1-3]\d{11}$/),
    applicationReference: z.string().min(1),
    loanType: z.string().min(1),
    amountFils: z.number().int().positive(),
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  response: z.object({ loanType: z.string(), status: z.enum(["active", "repaid", "written-off"]) }),
});
