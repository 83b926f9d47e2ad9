import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";

export const employmentOperation = defineOperation({
  agency: "pifss",
  name: "pifss.employment",
  title: { ar: "بيانات العمل والراتب", en: "Employment and salary" },
  request: z.object({ civilId: z.string().regex(/^[1-3]\d{11}$/) }),
  response: z.object({
    employments: z.array(
      z.object({ employerAr: z.string(), employerEn: z.string(), startDate: z.string(), monthlySalaryFils: z.number().int(), isActive: z.boolean() }),
    ),
  }),
});
