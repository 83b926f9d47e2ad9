import { companyFireLicencesOperation, fireLicenceOperation } from "../../../agencies/kff/contracts";
import { companyOperation } from "../../../agencies/moci/contracts";
import { addDays, addYears, laterOf } from "../../../i18n/dates";
import { factTypes, found } from "../../fact-types";
import { rule } from "../../rules";
import { JOIN, type Facts, type Forewarning, type ServiceDefinition, type ShownValue, type Text } from "../../types";
import {
  actions,
  companiesLookup,
  companyLicenceShown,
  companiesLookupType,
  companyCheck,
  companyLicencesLookup,
  dayAgo,
  decisionForewarning,
  ends,
  heldUntil,
  fireLicenceFeeFils,
  hazardClasses,
  premisesText,
} from "../shared";

// Renewal of a fire-safety licence whose premises did not change, by the company's signatory, on
// the web or at a kiosk. KFF's register and MOCI are checked; the fee is half the new-licence
// fee; when every check passes the renewed licence is issued at once, otherwise an officer decides.

const RENEWAL_WINDOW_DAYS = 60;
const EXPIRED_AT_MOST_DAYS = 365;
const INSPECTION_VALID_YEARS = 2;

const { types, resultOf, lookupOf } = factTypes({
  lookups: { ...companiesLookupType, licences: companyFireLicencesOperation },
  results: { licence: fireLicenceOperation, company: companyOperation, issue: "certificate" },
});

// The fee is due once the precheck has found the licence.
const feeOf = rule(["result:licence"], (f) => {
  const licence = found(resultOf(f, "licence"));
  return fireLicenceFeeFils(licence.floorAreaM2, licence.hazardClass) / 2;
});

/** Why a renewal goes to a prevention officer instead of straight through. */
const routeReasons = {
  "too-early": { ar: "يُجدَّد الترخيص خلال 60 يومًا قبل انتهائه.", en: "A licence is renewed within 60 days of its expiry." },
  "expired-over-a-year": { ar: "مضى على انتهاء الترخيص أكثر من سنة.", en: "The licence expired more than a year ago." },
  "inspection-over-two-years": { ar: "مضى على آخر فحص للمنشأة أكثر من سنتين.", en: "The premises was last inspected more than two years ago." },
  "commercial-licence-expired": { ar: "الترخيص التجاري للشركة منتهٍ.", en: "The company's commercial licence has expired." },
} satisfies Record<string, Text>;
type RouteReason = keyof typeof routeReasons;

const routeReads = ["result:licence", "result:company"];
/** What the checks found that an officer must decide on (none: straight through). Read by the route and, before payment, by the forewarning. */
function routeReasonsOf(f: Facts): RouteReason[] {
  const licence = found(resultOf(f, "licence"));
  const company = found(resultOf(f, "company"));
  const reasons: RouteReason[] = [];
  if (licence.expiresOn > addDays(f.today, RENEWAL_WINDOW_DAYS)) reasons.push("too-early");
  if (licence.expiresOn < addDays(f.today, -EXPIRED_AT_MOST_DAYS)) reasons.push("expired-over-a-year");
  if (licence.lastInspectionOn < addYears(f.today, -INSPECTION_VALID_YEARS)) reasons.push("inspection-over-two-years");
  if (company.licenceExpiresOn < f.today) reasons.push("commercial-licence-expired");
  return reasons;
}

/** The prevention officer decides within this many hours of the application reaching them. */
const REVIEW_HOURS = 72;

/** Before the fee is paid: what the checks found, and that a prevention officer will decide, and by when. */
const forewarning = rule(routeReads, (f): Forewarning | null =>
  decisionForewarning(
    { ar: "ضابط الوقاية في قوة الإطفاء العام", en: "a prevention officer at the Kuwait Fire Force" },
    REVIEW_HOURS,
    routeReasonsOf(f).map((reason) => routeReasons[reason]),
  ),
);

/** What the prevention officer's decision rests on: how far the licence, the last inspection and the commercial licence are from today. */
const reviewFigures: ShownValue[] = [
  {
    label: { ar: "ترخيص الوقاية من الحريق ساري حتى", en: "The fire-safety licence holds until" },
    value: rule(["result:licence"], (f) => heldUntil(found(resultOf(f, "licence")).expiresOn, f.today)),
    format: "text",
  },
  {
    label: { ar: "آخر فحص للمنشأة", en: "The premises was last inspected" },
    value: rule(["result:licence"], (f) => dayAgo(found(resultOf(f, "licence")).lastInspectionOn, f.today)),
    format: "text",
  },
  companyLicenceShown((f) => resultOf(f, "company")),
];

export const fireSafetyRenewal: ServiceDefinition = {
  id: "fire-safety-renewal",
  version: 1,
  agency: "kff",
  category: "safety",
  lifeEvents: ["running-a-business"],
  channels: ["web", "kiosk"],
  whoMayApply: ["company-signatory"],
  title: { ar: "تجديد ترخيص الوقاية من الحريق", en: "Fire-safety licence renewal" },
  summary: {
    ar: "تجديد ترخيص الوقاية من الحريق لمنشأة لم يطرأ عليها تغيير، خلال 60 يومًا قبل انتهائه أو خلال سنة بعده، برسوم تعادل نصف رسوم الترخيص الجديد. متاح عبر البوابة وفي أجهزة الخدمة الذاتية.",
    en: "Renew the fire-safety licence of a premises that has not changed, from 60 days before it expires to a year after, for half the fee of a new licence. On the web or at a self-service kiosk.",
  },
  fees: {
    ar: "نصف رسوم الترخيص الجديد بحسب مساحة المنشأة ودرجة خطورتها، بحد أقصى 250 د.ك.",
    en: "Half the fee of a new licence for the premises' size and hazard class, at most KWD 250.",
  },
  expectedTime: {
    ar: "فوري بعد السداد إذا استوفى الترخيص الشروط، وإلا خلال 3 أيام عمل.",
    en: "At once after payment when the licence meets the conditions; otherwise within 3 working days.",
  },
  factTypes: types,
  lookups: [
    companiesLookup,
    companyLicencesLookup("kff.company-licences", {
      ar: "عرض تراخيص الوقاية من الحريق لشركات مقدم الطلب",
      en: "Show the fire-safety licences of the applicant's companies",
    }),
  ],
  pages: [
    {
      id: "licence",
      title: { ar: "الترخيص المراد تجديده", en: "The licence to renew" },
      fields: [
        {
          id: "licenceNumber",
          type: "select",
          label: { ar: "الترخيص", en: "Licence" },
          hint: {
            ar: "تراخيص الوقاية من الحريق المسجلة باسم الشركات التي أنت مفوَّض بالتوقيع عنها",
            en: "The fire-safety licences of the companies you may sign for",
          },
          isRequired: true,
          options: rule(["lookup:licences"], (f) => {
            const licences = lookupOf(f, "licences");
            if (!licences.found) return [];
            return licences.licences.map((licence) => {
              const where = premisesText(licence);
              return { value: licence.licenceNumber, label: { ar: `${licence.licenceNumber} — ${where.ar}`, en: `${licence.licenceNumber} — ${where.en}` } };
            });
          }),
        },
        {
          id: "unchanged",
          type: "select",
          label: { ar: "الإقرار", en: "Declaration" },
          isRequired: true,
          options: [
            {
              value: "confirmed",
              label: {
                ar: "أقر بأنه لم يطرأ على المنشأة أي تغيير في المساحة أو النشاط أو التقسيم منذ إصدار الترخيص أو آخر فحص",
                en: "I confirm that the premises' size, use and layout have not changed since the licence was issued or last inspected",
              },
            },
          ],
        },
      ],
    },
  ],
  workflow: {
    start: "checks",
    steps: {
      checks: {
        kind: "parallel",
        title: { ar: "التحقق لدى الجهات المعنية", en: "Checks with the agencies" },
        branches: ["licence", "company"],
        next: "precheck",
      },
      licence: {
        kind: "exchange",
        title: { ar: "التحقق من سجل الترخيص", en: "Licence register check" },
        agency: "kff",
        operation: "kff.licence",
        purpose: { ar: "التحقق من الترخيص وتاريخ انتهائه وتاريخ آخر فحص", en: "Confirm the licence, its expiry and its last inspection" },
        request: rule(["answer:licenceNumber"], (f) => ({ licenceNumber: String(f.answers.licenceNumber) })),
        next: JOIN,
      },
      company: companyCheck(
        rule(["lookup:licences", "answer:licenceNumber"], (f) => {
          const licences = lookupOf(f, "licences");
          const licence = licences.found ? licences.licences.find((l) => l.licenceNumber === f.answers.licenceNumber) : undefined;
          return { crNumber: licence?.crNumber ?? "", civilId: f.applicant.civilId };
        }),
        JOIN,
      ),
      precheck: {
        kind: "decision",
        title: { ar: "التحقق من أحقية التجديد", en: "May this licence be renewed here?" },
        rule: rule(["result:licence", "result:company"], (f) => {
          const licence = resultOf(f, "licence");
          const company = resultOf(f, "company");
          if (!licence.found) return { outcome: "refused", reasons: ["licence-not-found"] };
          if (!company.found || !company.isSignatory || company.crNumber !== licence.crNumber) return { outcome: "refused", reasons: ["not-a-signatory"] };
          return { outcome: "renewable" };
        }),
        outcomes: { renewable: "pay", refused: "rejected" },
        reasons: {
          "licence-not-found": { ar: "لم يُعثر على الترخيص في سجل قوة الإطفاء العام.", en: "The licence is not in the Kuwait Fire Force's register." },
          "not-a-signatory": {
            ar: "مقدم الطلب ليس مفوَّضًا بالتوقيع عن الشركة صاحبة الترخيص.",
            en: "The applicant may not sign for the company that holds the licence.",
          },
        },
      },
      pay: { kind: "payment", title: { ar: "سداد رسوم التجديد", en: "Pay the renewal fee" }, fee: feeOf, next: "route", forewarning },
      route: {
        kind: "decision",
        title: { ar: "التجديد الفوري أو الإحالة إلى ضابط الوقاية", en: "Renewed at once, or referred to an officer" },
        rule: rule(routeReads, (f) => {
          const reasons = routeReasonsOf(f);
          return reasons.length ? { outcome: "officer", reasons } : { outcome: "straight-through" };
        }),
        outcomes: { "straight-through": "issue", officer: "review" },
        reasons: routeReasons,
      },
      review: {
        kind: "task",
        title: { ar: "قرار ضابط الوقاية", en: "Prevention officer's decision" },
        agency: "kff",
        position: "prevention-officer",
        deadlineHours: REVIEW_HOURS,
        shows: reviewFigures,
        actions: {
          approve: { label: { ar: "الموافقة على التجديد", en: "Approve the renewal" }, next: "issue", isCommentRequired: false },
          reject: actions.reject({ ar: "رفض التجديد", en: "Refuse the renewal" }),
        },
      },
      issue: { kind: "certificate", title: { ar: "إصدار الترخيص المجدَّد", en: "Issue the renewed licence" }, next: "register" },
      register: {
        kind: "exchange",
        title: { ar: "قيد التجديد في سجل قوة الإطفاء", en: "Enter the renewal in the fire force's register" },
        agency: "kff",
        operation: "kff.renew-licence",
        purpose: { ar: "قيد تاريخ الانتهاء الجديد للترخيص", en: "Enter the licence's new expiry" },
        request: rule(["answer:licenceNumber", "result:issue"], (f) => ({
          licenceNumber: String(f.answers.licenceNumber),
          expiresOn: resultOf(f, "issue").expiresOn,
        })),
        next: "approved",
      },
      approved: ends.approved({ ar: "جُدِّد الترخيص", en: "Licence renewed" }),
      rejected: ends.rejected,
    },
  },
  certificate: {
    title: { ar: "ترخيص الوقاية من الحريق (تجديد)", en: "Fire-safety licence (renewal)" },
    fields: [
      { label: { ar: "رقم الترخيص", en: "Licence number" }, value: rule(["answer:licenceNumber"], (f) => String(f.answers.licenceNumber)), format: "text" },
      {
        label: { ar: "الشركة", en: "Company" },
        value: rule(["result:company"], (f) => {
          const c = found(resultOf(f, "company"));
          return { ar: c.nameAr, en: c.nameEn };
        }),
        format: "text",
      },
      { label: { ar: "المنشأة", en: "Premises" }, value: rule(["result:licence"], (f) => premisesText(found(resultOf(f, "licence")))), format: "text" },
      {
        label: { ar: "درجة الخطورة", en: "Hazard class" },
        value: rule(["result:licence"], (f) => hazardClasses[found(resultOf(f, "licence")).hazardClass]),
        format: "text",
      },
      {
        label: { ar: "تاريخ آخر فحص", en: "Last inspected" },
        value: rule(["result:licence"], (f) => found(resultOf(f, "licence")).lastInspectionOn),
        format: "date",
      },
    ],
    validityDays: null,
    // A year on from the old expiry, or from today if it has already passed.
    expiresOn: rule(["result:licence"], (f) => addYears(laterOf(found(resultOf(f, "licence")).expiresOn, f.today), 1)),
    signingAgency: "kff",
    numberPrefix: "FSR",
  },
};
