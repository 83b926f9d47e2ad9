import { governorates } from "../../agencies/governorates";
import { signatoryCompaniesOperation } from "../../agencies/moci/contracts";
import { addressText } from "../../exchange/answer-facts";
import { daysBetween, kuwaitMidnight } from "../../i18n/dates";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format";
import { factTypes, type AnswerOf } from "../fact-types";
import { rule } from "../rules";
import type { ActionDef, Facts, Forewarning, Found, Lookup, Rule, SelectOption, ShownValue, Step, Text } from "../types";

// What the business services share: the signatory's companies, premises, hazard classes and the
// fire-safety licence fee. Demo configuration of the Kuwaiti deployment, not engine behaviour.

/** The lookup every business service starts with reads MOCI's companies of a signatory. */
export const companiesLookupType = { companies: signatoryCompaniesOperation } as const;
const { lookupOf } = factTypes({ lookups: companiesLookupType });

/** The lookup every business service starts with: the companies the applicant signs for at MOCI. */
export const companiesLookup = {
  id: "companies",
  operation: "moci.signatory-companies",
  purpose: { ar: "عرض الشركات التي يحق لمقدم الطلب التوقيع عنها", en: "Show the companies the applicant may sign for" },
  request: rule([], (f) => ({ civilId: f.applicant.civilId })),
};

/** The second lookup of the renewals: the licences an agency holds for the applicant's companies. */
export const companyLicencesLookup = (operation: string, purpose: Text): Lookup => ({
  id: "licences",
  operation,
  purpose,
  request: rule(["lookup:companies"], (f) => ({ crNumbers: crNumbersOf(lookupOf(f, "companies")) })),
});

export const crNumbersOf = (companies: AnswerOf<typeof signatoryCompaniesOperation>) => (companies.found ? companies.companies.map((c) => c.crNumber) : []);

export const governorateOptions: SelectOption[] = Object.entries(governorates).map(([value, label]) => ({ value, label }));

export const hazardClasses = {
  low: { ar: "منخفضة الخطورة", en: "Low hazard" },
  medium: { ar: "متوسطة الخطورة", en: "Medium hazard" },
  high: { ar: "عالية الخطورة", en: "High hazard" },
} as const satisfies Record<string, Text>;
export type HazardClass = keyof typeof hazardClasses;

export type Premises = Parameters<typeof addressText>[0] & { premisesNumber: string; unit: string | Text };

/** A premises as an address line in each language, with its PACI number. */
export function premisesText(p: Premises): Text {
  const address = addressText(p);
  return { ar: `${address.ar} (الرقم الآلي ${p.premisesNumber})`, en: `${address.en} (PACI no. ${p.premisesNumber})` };
}

// Fire-safety licence fee: KWD 10 plus a rate per square metre by hazard class, capped at KWD 500.
const BASE_FEE_FILS = 10_000;
const RATE_FILS_PER_M2: Record<HazardClass, number> = { low: 50, medium: 100, high: 200 };
const FEE_CAP_FILS = 500_000;

export function fireLicenceFeeFils(floorAreaM2: number, hazardClass: HazardClass): number {
  return Math.min(FEE_CAP_FILS, BASE_FEE_FILS + RATE_FILS_PER_M2[hazardClass] * floorAreaM2);
}

/** A day (YYYY-MM-DD) as each language writes it. */
export const dateInBoth = (day: string): Text => ({ ar: formatDate(kuwaitMidnight(day), "ar"), en: formatDate(kuwaitMidnight(day), "en") });

/** A number of days as formal Arabic counts them after «بعد» or «منذ»: يوم واحد، يومين، 3 أيام، 11 يومًا، 100 يوم. */
function arabicDays(days: number): string {
  const n = formatNumber(days, "ar");
  if (days === 1) return "يوم واحد";
  if (days === 2) return "يومين";
  const lastTwo = days % 100;
  if (lastTwo >= 3 && lastTwo <= 10) return `${n} أيام`;
  if (lastTwo >= 11) return `${n} يومًا`;
  return `${n} يوم`;
}

/** Until when something holds, and how far that is from today: "28 December 2026 (in 25 days)", or how long ago it ran out. */
export function heldUntil(day: string, today: string): Text {
  const date = dateInBoth(day);
  const days = daysBetween(today, day);
  if (days === 0) return { ar: `${date.ar} (ينتهي اليوم)`, en: `${date.en} (ends today)` };
  const en = (n: number) => `${formatNumber(n, "en")} ${n === 1 ? "day" : "days"}`;
  return days > 0
    ? { ar: `${date.ar} (بعد ${arabicDays(days)})`, en: `${date.en} (in ${en(days)})` }
    : { ar: `${date.ar} (انتهى منذ ${arabicDays(-days)})`, en: `${date.en} (ended ${en(-days)} ago)` };
}

/**
 * Shown beside a licensing decision: until when the company's commercial licence holds (MOCI's
 * answer, read by `companyOf`), or that MOCI found no such company.
 */
export function companyLicenceShown(companyOf: (facts: Facts) => Found<{ licenceExpiresOn: string }>): ShownValue {
  return {
    label: { ar: "الترخيص التجاري للشركة ساري حتى", en: "The company's commercial licence holds until" },
    value: rule(["result:company"], (f) => {
      const company = companyOf(f);
      return company.found ? heldUntil(company.licenceExpiresOn, f.today) : { ar: "لم يُعثر على الشركة", en: "Company not found" };
    }),
    format: "text",
  };
}

/** A past day and how long ago it was: "3 March 2025 (274 days ago)". */
export function dayAgo(day: string, today: string): Text {
  const date = dateInBoth(day);
  const days = daysBetween(day, today);
  if (days <= 0) return { ar: `${date.ar} (اليوم)`, en: `${date.en} (today)` };
  return { ar: `${date.ar} (منذ ${arabicDays(days)})`, en: `${date.en} (${formatNumber(days, "en")} ${days === 1 ? "day" : "days"} ago)` };
}

const ARABIC_DAYS = ["", "يوم واحد", "يومين", "ثلاثة أيام", "أربعة أيام", "خمسة أيام", "ستة أيام", "سبعة أيام", "ثمانية أيام", "تسعة أيام", "عشرة أيام"];
const ENGLISH_DAYS = ["", "one day", "two days", "three days", "four days", "five days", "six days", "seven days", "eight days", "nine days", "ten days"];

/** A step's deadline in words, as a promise to an applicant is written: «ثلاثة أيام», "three days", «36 ساعة». */
export function deadlineText(hours: number): Text {
  if (hours % 24 !== 0) return { ar: `${formatNumber(hours, "ar")} ساعة`, en: `${formatNumber(hours, "en")} hours` };
  const days = hours / 24;
  return days < ARABIC_DAYS.length ? { ar: ARABIC_DAYS[days]!, en: ENGLISH_DAYS[days]! } : { ar: arabicDays(days), en: `${formatNumber(days, "en")} days` };
}

/**
 * Before a renewal's fee is paid, when the checks already show it will not go straight through:
 * what they found, who will decide, and within how long (the deciding step's deadline).
 */
export function decisionForewarning(decider: Text, deadlineHours: number, points: Text[]): Forewarning | null {
  if (points.length === 0) return null;
  const within = deadlineText(deadlineHours);
  return {
    lead: {
      ar: `وجدت عمليات التحقق ما يلي، لذا لن يُجدَّد الترخيص فور السداد: سيُحال طلبك بعد السداد إلى ${decider.ar} ليقرر فيه خلال ${within.ar}.`,
      en: `The checks found the following, so the licence will not be renewed as soon as you pay: after payment your application goes to ${decider.en}, who decides within ${within.en}.`,
    },
    points,
  };
}

/** A slot's start ("2026-11-24T09:00", Kuwait time) as each language writes it. */
export function slotLabel(startsAt: string): Text {
  const at = new Date(`${startsAt}:00+03:00`);
  return { ar: formatDateTime(at, "ar"), en: formatDateTime(at, "en") };
}

// The words every workflow uses the same way: refusing, resubmitting, withdrawing, and the ends.

export const actions = {
  reject: (label: Text = { ar: "رفض الطلب", en: "Reject" }): ActionDef => ({ label, next: "rejected", isCommentRequired: true }),
  resubmit: (next: string): ActionDef => ({ label: { ar: "إعادة تقديم الطلب", en: "Resubmit" }, next, isCommentRequired: false, editsAnswers: true }),
  /** Withdrawing records none of a step's fields. */
  withdraw: (): ActionDef => ({ label: { ar: "سحب الطلب", en: "Withdraw the application" }, next: "withdrawn", isCommentRequired: false, ignoresFields: true }),
};

export const ends = {
  approved: (title: Text): Step => ({ kind: "end", title, outcome: "approved" }),
  rejected: { kind: "end", title: { ar: "رُفض الطلب", en: "Application rejected" }, outcome: "rejected" } satisfies Step,
  withdrawn: { kind: "end", title: { ar: "سُحب الطلب", en: "Application withdrawn" }, outcome: "withdrawn" } satisfies Step,
};

/** MOCI's check of a company: its commercial licence, and whether the applicant signs for it. */
export function companyCheck(
  request: Rule<Record<string, unknown>>,
  next: string,
  purpose: Text = {
    ar: "التحقق من سريان الترخيص التجاري وتفويض مقدم الطلب بالتوقيع",
    en: "Confirm the commercial licence is valid and the applicant may sign for the company",
  },
): Step {
  return {
    kind: "exchange",
    title: { ar: "التحقق من الترخيص التجاري", en: "Commercial licence check" },
    agency: "moci",
    operation: "moci.company",
    purpose,
    request,
    next,
  };
}
