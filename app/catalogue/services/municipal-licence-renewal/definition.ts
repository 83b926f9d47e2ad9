import { premisesFireLicencesOperation } from "../../../agencies/kff/contracts";
import { companyMunicipalLicencesOperation, municipalLicenceOperation, type MunicipalLicence } from "../../../agencies/km/contracts";
import { companyOperation } from "../../../agencies/moci/contracts";
import { addYears, laterOf, monthsStartedSince } from "../../../i18n/dates";
import { formatMoney } from "../../../i18n/format";
import { factTypes, found } from "../../fact-types";
import { answerIs, rule } from "../../rules";
import { JOIN, type Facts, type Forewarning, type ServiceDefinition, type ShownValue, type Text } from "../../types";
import {
  actions,
  companiesLookup,
  companyLicenceShown,
  companiesLookupType,
  companyCheck,
  companyLicencesLookup,
  crNumbersOf,
  decisionForewarning,
  ends,
  heldUntil,
  premisesText,
} from "../shared";

// Kuwait Municipality's renewal of shop and advertisement (sign) licences, by the company's
// signatory on the web or at a kiosk. The licence and its violations are checked at KM, the
// premises' fire-safety licence at KFF (one the portal has just issued counts at once) and the
// commercial licence at MOCI. When every check passes and no violation is unpaid the renewal is
// issued at once; otherwise a licensing clerk decides.

const SHOP_FEE_FILS_PER_YEAR = 20_000;
const SIGN_FEE_FILS_PER_M2_YEAR = 5_000;
const LATE_FEE_FILS_PER_MONTH = 10_000;
const OTHER = "other";

const { types, resultOf, earlierResultOf, lookupOf } = factTypes({
  lookups: { ...companiesLookupType, licences: companyMunicipalLicencesOperation },
  results: { licence: municipalLicenceOperation, fire: premisesFireLicencesOperation, company: companyOperation, pay: "payment", issue: "certificate" },
});

const kinds: Record<MunicipalLicence["kind"], Text> = {
  shop: { ar: "ترخيص محل", en: "Shop licence" },
  sign: { ar: "ترخيص إعلان (لوحة)", en: "Advertisement (sign) licence" },
};

/** The licence number the applicant means: chosen from the list, or typed. */
const chosenNumber = (answers: Record<string, unknown>) =>
  String(answers.licence === OTHER ? answers.otherLicenceNumber : answers.licence)
    .trim()
    .toUpperCase();

const isSignChosen = rule(["lookup:licences", "answer:licence"], (f) => {
  if (f.answers.licence === OTHER) return true;
  const licences = lookupOf(f, "licences");
  return licences.found && licences.licences.some((l) => l.licenceNumber === f.answers.licence && l.kind === "sign");
});

const feeOf = rule(["result:licence", "answer:years"], (f) => {
  const licence = found(resultOf(f, "licence"));
  const years = Number(f.answers.years);
  const yearly = licence.kind === "sign" ? SIGN_FEE_FILS_PER_M2_YEAR * (licence.signAreaM2 ?? 0) : SHOP_FEE_FILS_PER_YEAR;
  return yearly * years + LATE_FEE_FILS_PER_MONTH * monthsStartedSince(licence.expiresOn, f.today);
});

/** Why a renewal goes to a licensing clerk instead of straight through. */
const routeReasons = {
  "no-valid-fire-licence": { ar: "لا يوجد ترخيص وقاية من الحريق ساري المفعول للمنشأة.", en: "The premises has no valid fire-safety licence." },
  "commercial-licence-expired": { ar: "الترخيص التجاري للشركة منتهٍ.", en: "The company's commercial licence has expired." },
  "unpaid-violations": { ar: "توجد مخالفات غير مسددة على الترخيص.", en: "There are unpaid violations against the licence." },
  "sign-area-differs": { ar: "مساحة اللوحة المؤكَّدة تختلف عن المساحة المرخَّصة.", en: "The sign's confirmed area differs from the licensed area." },
} satisfies Record<string, Text>;
type RouteReason = keyof typeof routeReasons;

const routeReads = ["result:licence", "result:fire", "result:company", "answer:signAreaM2"];
/** What the checks found that a clerk must decide on (none: the renewal goes straight through). Read by the route and, before payment, by the forewarning. */
function routeReasonsOf(f: Facts): RouteReason[] {
  const licence = found(resultOf(f, "licence"));
  const fire = resultOf(f, "fire");
  const company = resultOf(f, "company");
  const reasons: RouteReason[] = [];
  if (!fire.found || !fire.licences.some((l) => l.expiresOn >= f.today)) reasons.push("no-valid-fire-licence");
  if (!company.found || company.licenceExpiresOn < f.today) reasons.push("commercial-licence-expired");
  if (licence.violations.some((v) => !v.isPaid)) reasons.push("unpaid-violations");
  if (licence.kind === "sign" && f.answers.signAreaM2 !== undefined && Number(f.answers.signAreaM2) !== licence.signAreaM2) reasons.push("sign-area-differs");
  return reasons;
}

/** The licensing clerk decides within this many hours of the application reaching them. */
const REVIEW_HOURS = 72;

/** Before the fee is paid: what the checks found, what to do about an unpaid violation, and that a clerk will decide, and by when. */
const forewarning = rule(routeReads, (f): Forewarning | null => {
  const reasons = routeReasonsOf(f);
  const unpaid = found(resultOf(f, "licence"))
    .violations.filter((fine) => !fine.isPaid)
    .reduce((sum, fine) => sum + fine.amountFils, 0);
  const points = reasons.map((reason): Text =>
    reason === "unpaid-violations"
      ? {
          ar: `توجد على الترخيص مخالفات غير مسددة بمبلغ ${formatMoney(unpaid, "ar")}، تُسدَّد في مراكز خدمة بلدية الكويت أو عبر موقعها الإلكتروني.`,
          en: `There are unpaid violations of ${formatMoney(unpaid, "en")} against the licence, payable at Kuwait Municipality's service centres or on its website.`,
        }
      : routeReasons[reason],
  );
  return decisionForewarning({ ar: "موظف التراخيص في بلدية الكويت", en: "a licensing clerk at Kuwait Municipality" }, REVIEW_HOURS, points);
});

/** What the licensing clerk's decision rests on: what is unpaid, and until when the other licences hold. */
const reviewFigures: ShownValue[] = [
  {
    label: { ar: "المخالفات غير المسددة", en: "Unpaid violations" },
    value: rule(["result:licence"], (f) => {
      const licence = resultOf(f, "licence");
      return licence.found ? licence.violations.filter((fine) => !fine.isPaid).reduce((sum, fine) => sum + fine.amountFils, 0) : 0;
    }),
    format: "money",
  },
  {
    label: { ar: "ترخيص الوقاية من الحريق للمنشأة ساري حتى", en: "The premises' fire-safety licence holds until" },
    value: rule(["result:fire"], (f) => {
      const fire = resultOf(f, "fire");
      const latest = fire.found
        ? fire.licences
            .map((held) => held.expiresOn)
            .sort()
            .at(-1)
        : undefined;
      return latest ? heldUntil(latest, f.today) : { ar: "لا يوجد ترخيص", en: "No licence" };
    }),
    format: "text",
  },
  companyLicenceShown((f) => resultOf(f, "company")),
];

export const municipalLicenceRenewal: ServiceDefinition = {
  id: "municipal-licence-renewal",
  version: 1,
  agency: "km",
  category: "municipal",
  lifeEvents: ["running-a-business"],
  channels: ["web", "kiosk"],
  whoMayApply: ["company-signatory"],
  title: { ar: "تجديد الترخيص البلدي", en: "Municipal licence renewal" },
  summary: {
    ar: "تجديد ترخيص المحل أو ترخيص الإعلان (اللوحة) لمدة من سنة إلى ثلاث سنوات، بعد التحقق من سريان ترخيص الوقاية من الحريق والترخيص التجاري وسداد المخالفات. رسوم المحل 20 د.ك. سنويًا، واللوحة 5 د.ك. للمتر المربع سنويًا، وتُضاف غرامة تأخير 10 د.ك. عن كل شهر بعد الانتهاء.",
    en: "Renew a shop licence or an advertisement (sign) licence for one to three years, once the fire-safety and commercial licences are checked and violations paid. Shops pay KWD 20 a year, signs KWD 5 per m² a year, plus KWD 10 for each month begun since the licence expired.",
  },
  fees: {
    ar: "ترخيص المحل 20 د.ك. عن كل سنة، وترخيص الإعلان 5 د.ك. للمتر المربع عن كل سنة، وتُضاف 10 د.ك. عن كل شهر بدأ بعد انتهاء الترخيص.",
    en: "KWD 20 a year for a shop licence, KWD 5 per m² a year for a sign, plus KWD 10 for each month begun since the licence expired.",
  },
  expectedTime: {
    ar: "فوري بعد السداد إذا استوفى الترخيص الشروط، وإلا خلال 3 أيام عمل.",
    en: "At once after payment when the licence meets the conditions; otherwise within 3 working days.",
  },
  factTypes: types,
  lookups: [
    companiesLookup,
    companyLicencesLookup("km.company-licences", {
      ar: "عرض التراخيص البلدية لشركات مقدم الطلب",
      en: "Show the municipal licences of the applicant's companies",
    }),
  ],
  pages: [
    {
      id: "licence",
      title: { ar: "الترخيص المراد تجديده", en: "The licence to renew" },
      fields: [
        {
          id: "licence",
          type: "select",
          label: { ar: "الترخيص", en: "Licence" },
          hint: {
            ar: "التراخيص البلدية للشركات التي أنت مفوَّض بالتوقيع عنها، أو اختر «ترخيص آخر» واكتب رقمه",
            en: "The municipal licences of the companies you may sign for; or choose “Another licence” and type its number",
          },
          isRequired: true,
          options: rule(["lookup:licences"], (f) => {
            const licences = lookupOf(f, "licences");
            const listed = licences.found
              ? licences.licences.map((l) => {
                  const where = premisesText(l);
                  return {
                    value: l.licenceNumber,
                    label: { ar: `${kinds[l.kind].ar} ${l.licenceNumber} — ${where.ar}`, en: `${kinds[l.kind].en} ${l.licenceNumber} — ${where.en}` },
                  };
                })
              : [];
            return [...listed, { value: OTHER, label: { ar: "ترخيص آخر (اكتب رقمه)", en: "Another licence (type its number)" } }];
          }),
        },
        {
          id: "otherLicenceNumber",
          type: "text",
          label: { ar: "رقم الترخيص", en: "Licence number" },
          hint: { ar: "كما هو مدوَّن في الترخيص، مثل \u2066ML-2024-001234\u2069", en: "As written on the licence, for example ML-2024-001234" },
          isRequired: true,
          showIf: answerIs("licence", OTHER),
          pattern: {
            regex: "^[A-Za-z]{2}-\\d{4}-\\d{6}$",
            message: {
              ar: "اكتب رقم الترخيص كما هو مدوَّن فيه، مثل \u2066ML-2024-001234\u2069",
              en: "Enter the licence number as written on it, for example ML-2024-001234",
            },
          },
        },
      ],
    },
    {
      id: "renewal",
      title: { ar: "مدة التجديد", en: "How long to renew for" },
      fields: [
        {
          id: "years",
          type: "select",
          label: { ar: "مدة التجديد", en: "Renewal period" },
          isRequired: true,
          options: [
            { value: "1", label: { ar: "سنة واحدة", en: "1 year" } },
            { value: "2", label: { ar: "سنتان", en: "2 years" } },
            { value: "3", label: { ar: "ثلاث سنوات", en: "3 years" } },
          ],
        },
        {
          id: "signAreaM2",
          type: "number",
          label: { ar: "مساحة اللوحة الإعلانية", en: "Area of the sign" },
          hint: { ar: "لتراخيص الإعلان فقط: أكّد مساحة اللوحة القائمة", en: "Sign licences only: confirm the area of the sign as it stands" },
          isRequired: false,
          isInteger: true,
          min: 1,
          max: 500,
          unit: { ar: "متر مربع", en: "m²" },
          showIf: isSignChosen,
        },
      ],
    },
  ],
  workflow: {
    start: "licence",
    steps: {
      licence: {
        kind: "exchange",
        title: { ar: "التحقق من الترخيص والمخالفات", en: "Licence and violations check" },
        agency: "km",
        operation: "km.licence",
        purpose: { ar: "التحقق من الترخيص وتاريخ انتهائه والمخالفات المسجلة عليه", en: "Confirm the licence, its expiry and the violations against it" },
        request: rule(["answer:licence", "answer:otherLicenceNumber"], (f) => ({ licenceNumber: chosenNumber(f.answers) })),
        next: "precheck",
      },
      precheck: {
        kind: "decision",
        title: { ar: "التحقق من أحقية التجديد", en: "May this licence be renewed here?" },
        rule: rule(["result:licence", "lookup:companies"], (f) => {
          const licence = resultOf(f, "licence");
          if (!licence.found) return { outcome: "refused", reasons: ["licence-not-found"] };
          if (!crNumbersOf(lookupOf(f, "companies")).includes(licence.crNumber)) return { outcome: "refused", reasons: ["not-a-signatory"] };
          return { outcome: "renewable" };
        }),
        outcomes: { renewable: "checks", refused: "rejected" },
        reasons: {
          "licence-not-found": { ar: "لم يُعثر على الترخيص في سجل بلدية الكويت.", en: "The licence is not in Kuwait Municipality's register." },
          "not-a-signatory": {
            ar: "الترخيص ليس باسم شركة مفوَّض مقدم الطلب بالتوقيع عنها.",
            en: "The licence does not belong to a company the applicant may sign for.",
          },
        },
      },
      checks: {
        kind: "parallel",
        title: { ar: "التحقق لدى الجهات المعنية", en: "Checks with the agencies" },
        branches: ["fire", "company"],
        next: "paid",
      },
      fire: {
        kind: "exchange",
        title: { ar: "التحقق من ترخيص الوقاية من الحريق", en: "Fire-safety licence check" },
        agency: "kff",
        operation: "kff.premises-licences",
        purpose: { ar: "التحقق من سريان ترخيص الوقاية من الحريق للمنشأة", en: "Confirm the premises holds a valid fire-safety licence" },
        request: rule(["result:licence"], (f) => ({ premisesNumber: found(resultOf(f, "licence")).premisesNumber })),
        next: JOIN,
      },
      company: companyCheck(
        rule(["result:licence"], (f) => ({ crNumber: found(resultOf(f, "licence")).crNumber, civilId: f.applicant.civilId })),
        JOIN,
        { ar: "التحقق من سريان الترخيص التجاري للشركة", en: "Confirm the company's commercial licence is valid" },
      ),
      // Checked again after a correction, the fee is not asked twice.
      paid: {
        kind: "decision",
        title: { ar: "هل سُددت الرسوم؟", en: "Fee already paid?" },
        rule: rule(["result:pay"], (f) => ({ outcome: earlierResultOf(f, "pay") ? "paid" : "due" })),
        outcomes: { due: "pay", paid: "route" },
      },
      pay: { kind: "payment", title: { ar: "سداد رسوم التجديد", en: "Pay the renewal fee" }, fee: feeOf, next: "route", forewarning },
      route: {
        kind: "decision",
        title: { ar: "التجديد الفوري أو الإحالة إلى موظف التراخيص", en: "Renewed at once, or referred to a licensing clerk" },
        rule: rule(routeReads, (f) => {
          const reasons = routeReasonsOf(f);
          return reasons.length ? { outcome: "clerk", reasons } : { outcome: "straight-through" };
        }),
        outcomes: { "straight-through": "issue", clerk: "review" },
        reasons: routeReasons,
      },
      review: {
        kind: "task",
        title: { ar: "قرار موظف التراخيص", en: "Licensing clerk's decision" },
        agency: "km",
        position: "licensing-clerk",
        deadlineHours: REVIEW_HOURS,
        shows: reviewFigures,
        actions: {
          approve: { label: { ar: "الموافقة على التجديد", en: "Approve the renewal" }, next: "issue", isCommentRequired: false },
          reject: actions.reject({ ar: "رفض التجديد", en: "Refuse the renewal" }),
          return: { label: { ar: "إعادة الطلب لمقدمه", en: "Return to the applicant" }, next: "correct", isCommentRequired: true, namesFieldsToFix: true },
        },
      },
      correct: {
        kind: "applicant",
        title: { ar: "استيفاء الملاحظات", en: "Put things right" },
        instructions: {
          ar: "استوفِ ما طلبه موظف التراخيص (مثل سداد المخالفات أو تجديد ترخيص الوقاية من الحريق أو تصحيح مساحة اللوحة)، ثم أعد تقديم الطلب لإعادة التحقق. لا تُستوفى الرسوم مرة أخرى.",
          en: "Do what the licensing clerk asked (pay the violations, renew the fire-safety licence, correct the sign's area), then resubmit so the checks run again. The fee is not charged again.",
        },
        actions: {
          resubmit: actions.resubmit("licence"),
          withdraw: actions.withdraw(),
        },
      },
      issue: { kind: "certificate", title: { ar: "إصدار الترخيص المجدَّد", en: "Issue the renewed licence" }, next: "register" },
      register: {
        kind: "exchange",
        title: { ar: "قيد التجديد في سجل البلدية", en: "Enter the renewal in the municipality's register" },
        agency: "km",
        operation: "km.renew-licence",
        purpose: { ar: "قيد تاريخ الانتهاء الجديد للترخيص", en: "Enter the licence's new expiry" },
        request: rule(["result:licence", "result:issue"], (f) => ({
          licenceNumber: found(resultOf(f, "licence")).licenceNumber,
          expiresOn: resultOf(f, "issue").expiresOn,
        })),
        next: "approved",
      },
      approved: ends.approved({ ar: "جُدِّد الترخيص", en: "Licence renewed" }),
      rejected: ends.rejected,
      withdrawn: ends.withdrawn,
    },
  },
  certificate: {
    title: { ar: "ترخيص بلدي (تجديد)", en: "Municipal licence (renewal)" },
    fields: [
      {
        label: { ar: "رقم الترخيص", en: "Licence number" },
        value: rule(["result:licence"], (f) => found(resultOf(f, "licence")).licenceNumber),
        format: "text",
      },
      {
        label: { ar: "نوع الترخيص", en: "Type of licence" },
        value: rule(["result:licence"], (f) => kinds[found(resultOf(f, "licence")).kind]),
        format: "text",
      },
      { label: { ar: "المنشأة", en: "Premises" }, value: rule(["result:licence"], (f) => premisesText(found(resultOf(f, "licence")))), format: "text" },
      {
        label: { ar: "مساحة اللوحة", en: "Sign area" },
        value: rule(["result:licence"], (f) => {
          const area = found(resultOf(f, "licence")).signAreaM2;
          return area ? { ar: `${area} متر مربع`, en: `${area} m²` } : { ar: "لا ينطبق", en: "Not applicable" };
        }),
        format: "text",
      },
      {
        label: { ar: "مدة التجديد", en: "Renewed for" },
        value: rule(["answer:years"], (f) => ({
          ar: ["", "سنة واحدة", "سنتان", "ثلاث سنوات"][Number(f.answers.years)]!,
          en: `${f.answers.years} year${f.answers.years === "1" ? "" : "s"}`,
        })),
        format: "text",
      },
      {
        label: { ar: "الرسوم المسددة", en: "Fee paid" },
        value: rule(["result:pay"], (f) => resultOf(f, "pay").amountFils),
        format: "money",
      },
    ],
    validityDays: null,
    // The chosen number of years on from the old expiry, or from today if it has passed.
    expiresOn: rule(["result:licence", "answer:years"], (f) => addYears(laterOf(found(resultOf(f, "licence")).expiresOn, f.today), Number(f.answers.years))),
    signingAgency: "km",
    numberPrefix: "MLR",
  },
};
