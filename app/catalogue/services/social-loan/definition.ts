import { loansOperation } from "../../../agencies/kcb/contracts";
import { marriageContractOperation, propertyDeedOperation } from "../../../agencies/moj/contracts";
import { personOperation } from "../../../agencies/paci/contracts";
import { employmentOperation } from "../../../agencies/pifss/contracts";
import { addMonths, ageOn, firstOfNextMonth } from "../../../i18n/dates";
import { formatPercent } from "../../../i18n/format";
import { isKuwaitiIban, normaliseIban } from "../../checks";
import { factTypes, keyAmong } from "../../fact-types";
import { answerIs, rule } from "../../rules";
import { JOIN, type ServiceDefinition, type ShownValue } from "../../types";
import { actions, ends } from "../shared";

// Kuwait Credit Bank's social loans: a marriage loan (a fixed KWD 4,000 for a husband's first
// marriage, contract registered within 12 months) and a home restoration loan (up to KWD 10,000,
// for a home the applicant owns). Kuwaiti citizens aged 21 or over; the instalment may not exceed
// 40% of the salary; no active loan of the same type.

const MARRIAGE_LOAN_FILS = 4_000_000;
const MAX_RESTORATION_FILS = 10_000_000;
const MAX_INSTALMENT_SHARE = 0.4;
const MIN_AGE = 21;
const MB = 1024 * 1024;

const { types, resultOf } = factTypes({
  lookups: { person: personOperation },
  results: {
    person: personOperation,
    contract: marriageContractOperation,
    deed: propertyDeedOperation,
    employment: employmentOperation,
    loans: loansOperation,
    issue: "certificate",
  },
});

const loanTypes = {
  marriage: { ar: "قرض الزواج", en: "Marriage loan" },
  restoration: { ar: "قرض ترميم المسكن", en: "Home restoration loan" },
};

/** The loan's amount in fils: fixed for marriage, as requested for restoration. */
const amountOf = (answers: Record<string, unknown>) => (answers.loanType === "marriage" ? MARRIAGE_LOAN_FILS : Number(answers.requestedAmount));
/** The monthly instalment in fils, rounded up so the instalments cover the loan. */
const instalmentOf = (answers: Record<string, unknown>) => Math.ceil(amountOf(answers) / Number(answers.months));

/** The monthly salary of the jobs PIFSS holds as current, in fils (0 when it holds none). */
const activeSalaryOf = (employment: ReturnType<typeof resultOf<"employment">>) =>
  employment.found ? employment.employments.filter((job) => job.isActive).reduce((sum, job) => sum + job.monthlySalaryFils, 0) : 0;

/** What the loan officer's decision rests on: the instalment beside the salary, and the loans already held. */
const reviewFigures: ShownValue[] = [
  {
    label: { ar: "القسط الشهري", en: "Monthly instalment" },
    value: rule(["answer:loanType", "answer:requestedAmount", "answer:months"], (f) => instalmentOf(f.answers)),
    format: "money",
  },
  {
    label: { ar: "الراتب الشهري الحالي لدى المؤسسة العامة للتأمينات الاجتماعية", en: "Current monthly salary, as PIFSS holds it" },
    value: rule(["result:employment"], (f) => activeSalaryOf(resultOf(f, "employment"))),
    format: "money",
  },
  {
    label: { ar: "نسبة القسط إلى الراتب", en: "Instalment as a share of the salary" },
    value: rule(["result:employment", "answer:loanType", "answer:requestedAmount", "answer:months"], (f) => {
      const salary = activeSalaryOf(resultOf(f, "employment"));
      if (salary === 0) return { ar: "لا يوجد راتب مسجل", en: "No salary on record" };
      const share = instalmentOf(f.answers) / salary;
      return {
        ar: `${formatPercent(share, "ar")} (الحد الأقصى ${formatPercent(MAX_INSTALMENT_SHARE, "ar")})`,
        en: `${formatPercent(share, "en")} (at most ${formatPercent(MAX_INSTALMENT_SHARE, "en")})`,
      };
    }),
    format: "text",
  },
  {
    label: { ar: "القروض الاجتماعية القائمة", en: "Social loans still being repaid" },
    value: rule(["result:loans"], (f) => {
      const loans = resultOf(f, "loans");
      return loans.found ? loans.loans.filter((loan) => loan.status === "active").length : 0;
    }),
    format: "number",
  },
];

/** KW•• •••• … ••12 34: the IBAN in groups of four, masked but for the country and its last four characters. */
export function maskIban(value: string): string {
  const iban = normaliseIban(value);
  const masked = iban.slice(0, 2) + "•".repeat(iban.length - 6) + iban.slice(-4);
  return masked.replace(/(.{4})/g, "$1 ").trim();
}

/** The loan's terms: what the applicant accepts, and what the approval prints. */
const loanTerms: ShownValue[] = [
  {
    label: { ar: "نوع القرض", en: "Type of loan" },
    value: rule(["answer:loanType"], (f) => loanTypes[keyAmong(loanTypes, f.answers.loanType)]),
    format: "text",
  },
  { label: { ar: "مبلغ القرض", en: "Loan amount" }, value: rule(["answer:loanType", "answer:requestedAmount"], (f) => amountOf(f.answers)), format: "money" },
  {
    label: { ar: "القسط الشهري", en: "Monthly instalment" },
    value: rule(["answer:loanType", "answer:requestedAmount", "answer:months"], (f) => instalmentOf(f.answers)),
    format: "money",
  },
  { label: { ar: "عدد الأقساط", en: "Number of instalments" }, value: rule(["answer:months"], (f) => Number(f.answers.months)), format: "number" },
  { label: { ar: "استحقاق القسط الأول", en: "First instalment due" }, value: rule([], (f) => firstOfNextMonth(f.today)), format: "date" },
  { label: { ar: "حساب الصرف (IBAN)", en: "Paid into (IBAN)" }, value: rule(["answer:iban"], (f) => maskIban(String(f.answers.iban))), format: "text" },
];

export const socialLoan: ServiceDefinition = {
  id: "social-loan",
  version: 1,
  agency: "kcb",
  category: "finance",
  lifeEvents: ["marriage", "new-home"],
  channels: ["web"],
  whoMayApply: ["citizen"],
  title: { ar: "القرض الاجتماعي", en: "Social loan" },
  summary: {
    ar: "قرض حسن من بنك الائتمان الكويتي للمواطنين: قرض الزواج بمبلغ 4,000 د.ك. للزواج الأول، أو قرض ترميم المسكن حتى 10,000 د.ك. لمن يملك مسكنه، يُسدَّد على أقساط شهرية لا تتجاوز 40% من الراتب.",
    en: "An interest-free loan from Kuwait Credit Bank for citizens: a KWD 4,000 marriage loan for a first marriage, or up to KWD 10,000 to restore a home you own, repaid in monthly instalments of no more than 40% of your salary.",
  },
  fees: { ar: "بلا رسوم. القرض حسن بلا فوائد.", en: "No fee. The loan carries no interest." },
  expectedTime: {
    ar: "نحو 5 أيام عمل حتى قرار موظف القروض، ثم يُصدر خطاب الموافقة فور قبولك الشروط.",
    en: "About 5 working days to the loan officer's decision; the approval is issued as soon as you accept the terms.",
  },
  factTypes: types,
  lookups: [
    {
      id: "person",
      operation: "paci.person",
      purpose: { ar: "عرض بيانات مقدم الطلب المسجلة في السجل المدني", en: "Show the applicant's details held in the civil registry" },
      request: rule([], (f) => ({ civilId: f.applicant.civilId })),
    },
  ],
  pages: [
    {
      id: "loan",
      title: { ar: "نوع القرض", en: "The loan" },
      fields: [
        {
          id: "nameAr",
          type: "text",
          label: { ar: "الاسم", en: "Name (Arabic)" },
          isRequired: false,
          prefill: { lookup: "person", path: "nameAr", language: "ar" },
        },
        {
          id: "nameEn",
          type: "text",
          label: { ar: "الاسم باللغة الإنجليزية", en: "Name" },
          isRequired: false,
          prefill: { lookup: "person", path: "nameEn", language: "en" },
        },
        { id: "phone", type: "phone", label: { ar: "رقم الهاتف", en: "Phone number" }, isRequired: false, prefill: { lookup: "person", path: "phone" } },
        {
          id: "area",
          type: "text",
          label: { ar: "منطقة السكن", en: "Area of residence" },
          isRequired: false,
          prefill: { lookup: "person", path: "address.area" },
        },
        {
          id: "loanType",
          type: "select",
          label: { ar: "نوع القرض", en: "Type of loan" },
          isRequired: true,
          options: [
            { value: "marriage", label: loanTypes.marriage },
            { value: "restoration", label: loanTypes.restoration },
          ],
        },
      ],
    },
    {
      id: "marriage",
      title: { ar: "عقد الزواج", en: "Marriage contract" },
      showIf: answerIs("loanType", "marriage"),
      fields: [
        {
          id: "contractNumber",
          type: "text",
          label: { ar: "رقم عقد الزواج", en: "Marriage contract number" },
          hint: {
            ar: "كما هو مدوَّن في عقد الزواج الصادر عن وزارة العدل، مثل \u2066MC-2026-004512\u2069",
            en: "As written on the contract issued by the Ministry of Justice, for example MC-2026-004512",
          },
          isRequired: true,
          maxLength: 30,
          pattern: {
            regex: "^[A-Za-z]{2}-\\d{4}-\\d{4,6}$",
            message: {
              ar: "اكتب رقم العقد كما هو مدوَّن فيه، مثل \u2066MC-2026-004512\u2069",
              en: "Enter the contract number as written on it, for example MC-2026-004512",
            },
          },
        },
        { id: "contractDate", type: "date", label: { ar: "تاريخ عقد الزواج", en: "Date of the marriage contract" }, isRequired: true, notBefore: "1950-01-01" },
      ],
    },
    {
      id: "restoration",
      title: { ar: "المسكن والمبلغ", en: "The home and the amount" },
      showIf: answerIs("loanType", "restoration"),
      fields: [
        {
          id: "deedNumber",
          type: "text",
          label: { ar: "رقم وثيقة ملكية المسكن", en: "Ownership deed number of the home" },
          hint: {
            ar: "كما هو مدوَّن في الوثيقة الصادرة عن وزارة العدل، مثل \u2066RD-2019-012345\u2069",
            en: "As written on the deed issued by the Ministry of Justice, for example RD-2019-012345",
          },
          isRequired: true,
          maxLength: 30,
          pattern: {
            regex: "^[A-Za-z]{2}-\\d{4}-\\d{4,6}$",
            message: {
              ar: "اكتب رقم الوثيقة كما هو مدوَّن فيها، مثل \u2066RD-2019-012345\u2069",
              en: "Enter the deed number as written on it, for example RD-2019-012345",
            },
          },
        },
        {
          id: "requestedAmount",
          type: "money",
          label: { ar: "المبلغ المطلوب (د.ك.)", en: "Amount requested (KWD)" },
          hint: { ar: "بحسب تقديرك لتكلفة الترميم، بحد أقصى 10,000 د.ك.", en: "Your estimate of the cost of the work, up to KWD 10,000" },
          isRequired: true,
          minFils: 500_000,
          maxFils: MAX_RESTORATION_FILS,
        },
      ],
    },
    {
      id: "repayment",
      title: { ar: "السداد والصرف", en: "Repayment and payment" },
      fields: [
        {
          id: "months",
          type: "number",
          label: { ar: "عدد الأقساط الشهرية", en: "Number of monthly instalments" },
          hint: { ar: "من 12 إلى 120 قسطًا", en: "From 12 to 120" },
          isRequired: true,
          isInteger: true,
          min: 12,
          max: 120,
          unit: { ar: "شهرًا", en: "months" },
        },
        {
          id: "iban",
          type: "text",
          label: { ar: "رقم الحساب المصرفي الدولي (IBAN) لصرف القرض", en: "IBAN of the account to be paid into" },
          hint: { ar: "30 خانة تبدأ بـ \u2066KW\u2069، وتجده في تطبيق مصرفك", en: "30 characters starting with KW; your bank's app shows it" },
          isRequired: true,
          maxLength: 40,
          check: {
            test: isKuwaitiIban,
            message: {
              ar: "رقم الآيبان غير صحيح: تأكد من أنه 30 خانة تبدأ بـ \u2066KW\u2069 ومن صحة أرقامه",
              en: "This IBAN is not right: check it has 30 characters starting with KW, and its digits",
            },
          },
        },
        {
          id: "documents",
          type: "file",
          label: { ar: "مستندات داعمة (اختياري)", en: "Supporting documents (optional)" },
          hint: { ar: "ملف PDF أو صورة JPEG أو PNG، بحجم لا يتجاوز 5 ميغابايت", en: "A PDF, JPEG or PNG file of up to 5 MB" },
          isRequired: false,
          accept: ["application/pdf", "image/jpeg", "image/png"],
          maxBytes: 5 * MB,
        },
      ],
    },
  ],
  workflow: {
    start: "person",
    steps: {
      person: {
        kind: "exchange",
        title: { ar: "التحقق من البيانات المدنية", en: "Civil registry check" },
        agency: "paci",
        operation: "paci.person",
        purpose: { ar: "التحقق من جنسية مقدم الطلب وعمره", en: "Confirm the applicant's nationality and age" },
        request: rule([], (f) => ({ civilId: f.applicant.civilId })),
        next: "checks",
      },
      checks: {
        kind: "parallel",
        title: { ar: "التحقق لدى الجهات المعنية", en: "Checks with the agencies" },
        branches: ["document", "employment", "loans"],
        next: "eligibility",
      },
      document: {
        kind: "decision",
        title: { ar: "تحديد المستند المطلوب", en: "Which document to check" },
        rule: rule(["answer:loanType"], (f) => ({ outcome: String(f.answers.loanType) })),
        outcomes: { marriage: "contract", restoration: "deed" },
      },
      contract: {
        kind: "exchange",
        title: { ar: "التحقق من عقد الزواج", en: "Marriage contract check" },
        agency: "moj",
        operation: "moj.marriage-contract",
        purpose: { ar: "التحقق من عقد الزواج وتاريخه وأطرافه", en: "Confirm the marriage contract, its date and its parties" },
        request: rule(["answer:contractNumber"], (f) => ({ contractNumber: String(f.answers.contractNumber).toUpperCase() })),
        next: JOIN,
      },
      deed: {
        kind: "exchange",
        title: { ar: "التحقق من وثيقة الملكية", en: "Ownership deed check" },
        agency: "moj",
        operation: "moj.property-deed",
        purpose: { ar: "التحقق من ملكية مقدم الطلب للمسكن", en: "Confirm that the applicant owns the home" },
        request: rule(["answer:deedNumber"], (f) => ({ deedNumber: String(f.answers.deedNumber).toUpperCase() })),
        next: JOIN,
      },
      employment: {
        kind: "exchange",
        title: { ar: "التحقق من الراتب", en: "Salary check" },
        agency: "pifss",
        operation: "pifss.employment",
        purpose: { ar: "التحقق من الراتب لاحتساب القسط الشهري", en: "Confirm the salary the instalment is set against" },
        request: rule([], (f) => ({ civilId: f.applicant.civilId })),
        next: JOIN,
      },
      loans: {
        kind: "exchange",
        title: { ar: "التحقق من القروض القائمة", en: "Existing loans check" },
        agency: "kcb",
        operation: "kcb.loans",
        purpose: { ar: "التحقق من عدم وجود قرض قائم من النوع نفسه", en: "Confirm there is no active loan of the same type" },
        request: rule([], (f) => ({ civilId: f.applicant.civilId })),
        next: JOIN,
      },
      eligibility: {
        kind: "decision",
        title: { ar: "تحديد الأهلية", en: "Eligibility" },
        rule: rule(
          [
            "result:person",
            "result:contract",
            "result:deed",
            "result:employment",
            "result:loans",
            "answer:loanType",
            "answer:contractDate",
            "answer:requestedAmount",
            "answer:months",
          ],
          (f) => {
            const reasons: string[] = [];
            const person = resultOf(f, "person");
            if (!person.found || person.nationality !== "KWT") reasons.push("not-kuwaiti");
            if (person.found && ageOn(person.birthDate, f.today) < MIN_AGE) reasons.push("under-age");
            const type = String(f.answers.loanType);
            if (type === "marriage") {
              const contract = resultOf(f, "contract");
              if (!contract.found || contract.contractDate !== f.answers.contractDate) reasons.push("contract-not-found");
              else {
                if (contract.husbandCivilId !== f.applicant.civilId) reasons.push("not-the-husband");
                if (!contract.isFirstMarriageOfHusband) reasons.push("not-first-marriage");
                if (contract.contractDate < addMonths(f.today, -12)) reasons.push("contract-too-old");
              }
            } else {
              const deed = resultOf(f, "deed");
              if (!deed.found) reasons.push("deed-not-found");
              else if (deed.ownerCivilId !== f.applicant.civilId) reasons.push("not-the-owner");
            }
            const salary = activeSalaryOf(resultOf(f, "employment"));
            if (salary === 0) reasons.push("no-salary");
            else if (instalmentOf(f.answers) > salary * MAX_INSTALMENT_SHARE) reasons.push("instalment-too-high");
            const loans = resultOf(f, "loans");
            if (loans.found && loans.loans.some((loan) => loan.loanType === type && loan.status === "active")) reasons.push("existing-loan");
            return reasons.length ? { outcome: "ineligible", reasons } : { outcome: "eligible" };
          },
        ),
        outcomes: { eligible: "review", ineligible: "rejected" },
        reasons: {
          "not-kuwaiti": { ar: "القرض الاجتماعي مخصص للمواطنين الكويتيين.", en: "Social loans are for Kuwaiti citizens." },
          "under-age": { ar: "يُشترط ألا يقل عمر مقدم الطلب عن 21 سنة.", en: "The applicant must be 21 or older." },
          "contract-not-found": {
            ar: "لم يُعثر لدى وزارة العدل على عقد زواج بالرقم والتاريخ المدخلين.",
            en: "The Ministry of Justice has no marriage contract with that number and date.",
          },
          "not-the-husband": { ar: "يُصرف قرض الزواج للزوج المسجل في العقد.", en: "The marriage loan is paid to the husband named in the contract." },
          "not-first-marriage": { ar: "يُصرف قرض الزواج للزواج الأول فقط.", en: "The marriage loan is for a first marriage only." },
          "contract-too-old": { ar: "مضى على تسجيل عقد الزواج أكثر من 12 شهرًا.", en: "The contract was registered more than 12 months ago." },
          "deed-not-found": {
            ar: "لم يُعثر لدى وزارة العدل على وثيقة ملكية بالرقم المدخل.",
            en: "The Ministry of Justice has no ownership deed with that number.",
          },
          "not-the-owner": { ar: "وثيقة الملكية ليست باسم مقدم الطلب.", en: "The ownership deed is not in the applicant's name." },
          "no-salary": {
            ar: "لا يوجد راتب مسجل لدى المؤسسة العامة للتأمينات الاجتماعية يُستقطع منه القسط.",
            en: "The Public Institution for Social Security has no salary on record to take the instalment from.",
          },
          "instalment-too-high": {
            ar: "القسط الشهري يتجاوز 40% من الراتب؛ يمكنك زيادة عدد الأقساط.",
            en: "The monthly instalment is more than 40% of the salary; more instalments would lower it.",
          },
          "existing-loan": { ar: "لدى مقدم الطلب قرض قائم من النوع نفسه.", en: "The applicant already has an active loan of this type." },
        },
      },
      review: {
        kind: "task",
        title: { ar: "مراجعة موظف القروض", en: "Loan officer review" },
        agency: "kcb",
        position: "loan-officer",
        deadlineHours: 72,
        shows: reviewFigures,
        actions: {
          approve: { label: { ar: "الموافقة على القرض", en: "Approve the loan" }, next: "terms", isCommentRequired: false },
          reject: actions.reject(),
          return: {
            label: { ar: "إعادة الطلب لمقدمه للتصحيح", en: "Return to the applicant to correct" },
            next: "correct",
            isCommentRequired: true,
            namesFieldsToFix: true,
          },
        },
      },
      correct: {
        kind: "applicant",
        title: { ar: "تصحيح الطلب", en: "Correct the application" },
        instructions: {
          ar: "صحّح ما طلبه موظف القروض، ثم أعد تقديم الطلب ليُعاد التحقق منه.",
          en: "Correct what the loan officer asked for, then resubmit; the checks run again.",
        },
        actions: {
          resubmit: actions.resubmit("checks"),
          withdraw: actions.withdraw(),
        },
      },
      terms: {
        kind: "applicant",
        title: { ar: "قبول شروط القرض", en: "Accept the loan terms" },
        instructions: {
          ar: "اطّلع على مبلغ القرض والقسط الشهري وعدد الأقساط، ثم وافق على الشروط ليُصدر خطاب الموافقة ويُصرف القرض إلى حسابك.",
          en: "Check the amount, the monthly instalment and the number of instalments, then accept the terms; the approval is issued and the loan paid into your account.",
        },
        shows: loanTerms,
        actions: {
          accept: { label: { ar: "أوافق على شروط القرض", en: "I accept the loan terms" }, next: "issue", isCommentRequired: false },
          decline: { label: { ar: "لا أوافق، وأسحب الطلب", en: "I decline and withdraw" }, next: "withdrawn", isCommentRequired: false },
        },
      },
      issue: { kind: "certificate", title: { ar: "إصدار شهادة الموافقة على القرض", en: "Issue the loan approval" }, next: "record" },
      record: {
        kind: "exchange",
        title: { ar: "تسجيل القرض لدى بنك الائتمان", en: "Record the loan at Kuwait Credit Bank" },
        agency: "kcb",
        operation: "kcb.record-loan",
        purpose: { ar: "تسجيل القرض الممنوح لبدء الصرف والسداد", en: "Record the granted loan so it is paid and repaid" },
        request: rule(["answer:loanType", "answer:requestedAmount", "answer:months", "result:issue"], (f) => ({
          civilId: f.applicant.civilId,
          applicationReference: f.reference,
          loanType: String(f.answers.loanType),
          amountFils: amountOf(f.answers),
          startDate: firstOfNextMonth(resultOf(f, "issue").issuedOn),
        })),
        next: "approved",
      },
      approved: ends.approved({ ar: "تمت الموافقة على القرض", en: "Loan approved" }),
      rejected: ends.rejected,
      withdrawn: ends.withdrawn,
    },
  },
  certificate: {
    title: { ar: "شهادة الموافقة على القرض الاجتماعي", en: "Social loan approval" },
    fields: loanTerms,
    validityDays: null,
    signingAgency: "kcb",
    numberPrefix: "SLA",
  },
};
