import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { fact, itemsOf, section } from "../../exchange/answer-facts";

type Words = { ar: string; en: string };
const loanStatuses: Record<"active" | "repaid" | "written-off", Words> = {
  active: { ar: "قائم", en: "Active" },
  repaid: { ar: "مسدَّد", en: "Repaid" },
  "written-off": { ar: "مُعفى منه", en: "Written off" },
};
const loanTypes: Record<string, Words> = { marriage: { ar: "قرض الزواج", en: "Marriage loan" }, restoration: { ar: "قرض الترميم", en: "Restoration loan" } };
const loanTypeText = (type: string): Words => loanTypes[type] ?? { ar: type, en: type };

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
  present: (answer) =>
    itemsOf(
      answer.loans,
      { ar: "القرض", en: "Loan" },
      (loan) => [
        fact.text({ ar: "نوع القرض", en: "Loan type" }, loanTypeText(loan.loanType)),
        fact.money({ ar: "مبلغ القرض", en: "Amount" }, loan.amountFils),
        fact.text({ ar: "حالة القرض", en: "Status" }, loanStatuses[loan.status]),
        fact.date({ ar: "تاريخ البدء", en: "Started on" }, loan.startDate),
      ],
      { ar: "لا توجد قروض اجتماعية مسجلة", en: "No social loans on record" },
    ),
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
  present: (answer) =>
    section([
      fact.text({ ar: "نوع القرض", en: "Loan type" }, loanTypeText(answer.loanType)),
      fact.text({ ar: "حالة القرض", en: "Status" }, loanStatuses[answer.status]),
    ]),
});
