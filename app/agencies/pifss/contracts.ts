import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { fact, itemsOf } from "../../exchange/answer-facts";

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
  present: (answer) =>
    itemsOf(
      answer.employments,
      { ar: "العمل", en: "Employment" },
      (job) => [
        fact.text({ ar: "جهة العمل", en: "Employer" }, { ar: job.employerAr, en: job.employerEn }),
        fact.money({ ar: "الراتب الشهري", en: "Monthly salary" }, job.monthlySalaryFils),
        fact.date({ ar: "تاريخ بدء العمل", en: "Started on" }, job.startDate),
        fact.yesNo({ ar: "على رأس العمل", en: "Currently employed" }, job.isActive),
      ],
      { ar: "لا توجد بيانات عمل مسجلة", en: "No employment on record" },
    ),
});
