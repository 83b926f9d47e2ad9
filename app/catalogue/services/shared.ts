import { governorates } from "../../agencies/governorates";
import { signatoryCompaniesOperation } from "../../agencies/moci/contracts";
import { formatDateTime } from "../../i18n/format";
import { factTypes, type AnswerOf } from "../fact-types";
import { rule } from "../rules";
import type { ActionDef, Lookup, Rule, SelectOption, Step, Text } from "../types";

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
const governorateNames: ReadonlyMap<string, Text> = new Map(Object.entries(governorates));
export const governorateName = (id: string): Text => governorateNames.get(id) ?? { ar: id, en: id };

export const hazardClasses = {
  low: { ar: "منخفضة الخطورة", en: "Low hazard" },
  medium: { ar: "متوسطة الخطورة", en: "Medium hazard" },
  high: { ar: "عالية الخطورة", en: "High hazard" },
} as const satisfies Record<string, Text>;
export type HazardClass = keyof typeof hazardClasses;

export interface Premises {
  premisesNumber: string;
  governorate: string;
  area: string;
  block: string;
  street: string;
  building: string;
  unit: string;
}

/** A premises as an address line in each language. */
export function premisesText(p: Premises): Text {
  const governorate = governorateName(p.governorate);
  return {
    ar: `${governorate.ar}، ${p.area}، قطعة ${p.block}، شارع ${p.street}، مبنى ${p.building}، ${p.unit} (الرقم الآلي ${p.premisesNumber})`,
    en: `${governorate.en}, ${p.area}, block ${p.block}, street ${p.street}, building ${p.building}, ${p.unit} (PACI no. ${p.premisesNumber})`,
  };
}

// Fire-safety licence fee: KWD 10 plus a rate per square metre by hazard class, capped at KWD 500.
const BASE_FEE_FILS = 10_000;
const RATE_FILS_PER_M2: Record<HazardClass, number> = { low: 50, medium: 100, high: 200 };
const FEE_CAP_FILS = 500_000;

export function fireLicenceFeeFils(floorAreaM2: number, hazardClass: HazardClass): number {
  return Math.min(FEE_CAP_FILS, BASE_FEE_FILS + RATE_FILS_PER_M2[hazardClass] * floorAreaM2);
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
