import { areaOf, areasOf, floors, streetText, unitKinds, unitText } from "../../../agencies/addresses";
import { bookSlotOperation, openSlotsOperation } from "../../../agencies/kff/contracts";
import { companyOperation } from "../../../agencies/moci/contracts";
import { factTypes, found, keyAmong } from "../../fact-types";
import { answerIs, rule } from "../../rules";
import type { Field, ServiceDefinition, Text } from "../../types";
import {
  actions,
  companiesLookup,
  companyLicenceShown,
  companiesLookupType,
  companyCheck,
  ends,
  fireLicenceFeeFils,
  governorateOptions,
  hazardClasses,
  premisesText,
  slotLabel,
} from "../shared";

// Kuwait Fire Force's fire-safety licence for a new or changed premises: the company's
// signatory applies and pays; a prevention officer reviews the plans; the applicant books an
// inspection in the premises' governorate; the inspector's checklist decides. A third failed
// inspection rejects the application.

const MB = 1024 * 1024;
const MAX_INSPECTIONS = 3;

const { types, resultOf, earlierResultOf, lookupOf } = factTypes({
  lookups: companiesLookupType,
  results: {
    company: companyOperation,
    slots: openSlotsOperation,
    "choose-slot": "applicant",
    book: bookSlotOperation,
    inspection: "task",
    inspected: "decision",
    issue: "certificate",
  },
});

const passFail = [
  { value: "pass", label: { ar: "مطابق", en: "Pass" } },
  { value: "fail", label: { ar: "غير مطابق", en: "Fail" } },
];

/** The inspection checklist: each item passes or fails, with a note. Sprinklers only for high hazard. */
const checklist: { id: string; label: Text; onlyForHigh?: boolean }[] = [
  { id: "extinguishers", label: { ar: "طفايات الحريق", en: "Fire extinguishers" } },
  { id: "exits", label: { ar: "مخارج الطوارئ واللوحات الإرشادية", en: "Exits and signage" } },
  { id: "alarm", label: { ar: "نظام الإنذار", en: "Fire alarm" } },
  { id: "sprinklers", label: { ar: "شبكة الرشاشات التلقائية", en: "Sprinklers" }, onlyForHigh: true },
  { id: "electrical", label: { ar: "السلامة الكهربائية", en: "Electrical safety" } },
];
const isHighHazard = answerIs("hazardClass", "high");
const checklistFields: Field[] = checklist.flatMap((item) => [
  {
    id: item.id,
    type: "select",
    label: item.label,
    isRequired: true,
    options: passFail,
    ...(item.onlyForHigh ? { showIf: isHighHazard } : {}),
  } satisfies Field,
  {
    id: `${item.id}Note`,
    type: "text",
    label: { ar: `ملاحظة: ${item.label.ar}`, en: `Note: ${item.label.en}` },
    isRequired: false,
    maxLength: 500,
    ...(item.onlyForHigh ? { showIf: isHighHazard } : {}),
  } satisfies Field,
]);

const feeOf = rule(["answer:floorAreaM2", "answer:hazardClass"], (f) =>
  fireLicenceFeeFils(Number(f.answers.floorAreaM2), keyAmong(hazardClasses, f.answers.hazardClass)),
);

/** The premises as KFF will record it: the area, floor and unit in both languages, from the choices made. */
const premisesOf = (answers: Record<string, unknown>) => ({
  premisesNumber: String(answers.premisesNumber),
  governorate: String(answers.governorate),
  area: areaOf(String(answers.area))?.name ?? streetText(String(answers.area)),
  block: String(answers.block),
  street: streetText(String(answers.street)),
  building: String(answers.building),
  unit: unitText({
    floor: keyAmong(floors, answers.floor),
    kind: keyAmong(unitKinds, answers.unitKind),
    ...(answers.unitNumber ? { number: String(answers.unitNumber) } : {}),
  }),
});
const premisesReads = [
  "answer:premisesNumber",
  "answer:governorate",
  "answer:area",
  "answer:block",
  "answer:street",
  "answer:building",
  "answer:floor",
  "answer:unitKind",
  "answer:unitNumber",
] as const;

export const fireSafetyLicence: ServiceDefinition = {
  id: "fire-safety-licence",
  version: 1,
  agency: "kff",
  category: "safety",
  lifeEvents: ["starting-a-business", "running-a-business"],
  channels: ["web", "kiosk"],
  whoMayApply: ["company-signatory"],
  title: { ar: "ترخيص الوقاية من الحريق", en: "Fire-safety licence" },
  summary: {
    ar: "ترخيص من قوة الإطفاء العام لمنشأة جديدة أو منشأة تغيّرت مساحتها أو نشاطها، يصدر بعد مراجعة المخططات وفحص ميداني لاشتراطات الوقاية، ويتقدم به المفوَّض بالتوقيع عن الشركة.",
    en: "A Kuwait Fire Force licence for a new premises, or one whose size or use has changed, issued after the plans are reviewed and the premises is inspected. The company's authorised signatory applies.",
  },
  fees: {
    ar: "10 د.ك. مضافًا إليها 0.050 د.ك. للمتر المربع للنشاط منخفض الخطورة، و0.100 د.ك. لمتوسط الخطورة، و0.200 د.ك. لعالي الخطورة، بحد أقصى 500 د.ك.، تُسدَّد عند تقديم الطلب.",
    en: "KWD 10 plus KWD 0.050 per m² for a low-hazard activity, 0.100 for medium and 0.200 for high, at most KWD 500, paid when you apply.",
  },
  expectedTime: {
    ar: "نحو 10 أيام عمل: 3 أيام لمراجعة المخططات، ثم الفحص في الموعد الذي تختاره.",
    en: "About 10 working days: 3 for the review of the plans, then the inspection on the day you choose.",
  },
  factTypes: types,
  lookups: [companiesLookup],
  pages: [
    {
      id: "company",
      title: { ar: "الشركة", en: "The company" },
      fields: [
        {
          id: "crNumber",
          type: "select",
          label: { ar: "الشركة التي تتقدم باسمها", en: "The company you are applying for" },
          hint: {
            ar: "الشركات المسجلة لدى وزارة التجارة والصناعة التي أنت مفوَّض بالتوقيع عنها",
            en: "The companies registered at the Ministry of Commerce and Industry that you may sign for",
          },
          isRequired: true,
          options: rule(["lookup:companies"], (f) => {
            const companies = lookupOf(f, "companies");
            return companies.found
              ? companies.companies.map((c) => ({ value: c.crNumber, label: { ar: `${c.nameAr} (${c.crNumber})`, en: `${c.nameEn} (${c.crNumber})` } }))
              : [];
          }),
        },
      ],
    },
    {
      id: "premises",
      title: { ar: "عنوان المنشأة", en: "The premises" },
      fields: [
        {
          id: "premisesNumber",
          type: "text",
          label: { ar: "الرقم الآلي للعنوان", en: "PACI address number" },
          hint: { ar: "ثمانية أرقام، مدوَّن على لوحة المبنى وفي شهادة العنوان", en: "8 digits, on the building's plate and its address certificate" },
          isRequired: true,
          pattern: { regex: "^\\d{8}$", message: { ar: "الرقم الآلي للعنوان ثمانية أرقام", en: "The PACI address number has 8 digits" } },
        },
        { id: "governorate", type: "select", label: { ar: "المحافظة", en: "Governorate" }, isRequired: true, options: governorateOptions },
      ],
    },
    {
      id: "address",
      title: { ar: "موقع المنشأة", en: "Where the premises is" },
      fields: [
        {
          id: "area",
          type: "select",
          label: { ar: "المنطقة", en: "Area" },
          isRequired: true,
          options: rule(["answer:governorate"], (f) => areasOf(String(f.answers.governorate))),
        },
        { id: "block", type: "text", label: { ar: "القطعة", en: "Block" }, isRequired: true, maxLength: 10 },
        {
          id: "street",
          type: "text",
          label: { ar: "الشارع", en: "Street" },
          hint: { ar: "رقم الشارع كما في شهادة العنوان", en: "The street's number, as on the address certificate" },
          isRequired: true,
          maxLength: 80,
        },
        { id: "building", type: "text", label: { ar: "المبنى", en: "Building" }, isRequired: true, maxLength: 20 },
        {
          id: "floor",
          type: "select",
          label: { ar: "الدور", en: "Floor" },
          isRequired: true,
          options: Object.entries(floors).map(([value, label]) => ({ value, label })),
        },
        {
          id: "unitKind",
          type: "select",
          label: { ar: "نوع الوحدة", en: "Kind of unit" },
          isRequired: true,
          options: Object.entries(unitKinds).map(([value, label]) => ({ value, label })),
        },
        {
          id: "unitNumber",
          type: "text",
          label: { ar: "رقم الوحدة", en: "Unit number" },
          isRequired: false,
          maxLength: 10,
          pattern: { regex: "^[0-9A-Za-z\\-/]+$", message: { ar: "رقم الوحدة أرقام أو حروف لاتينية", en: "A unit number is digits or Latin letters" } },
        },
      ],
    },
    {
      id: "building",
      title: { ar: "المنشأة ونشاطها", en: "The premises and its use" },
      fields: [
        {
          id: "floorAreaM2",
          type: "number",
          label: { ar: "المساحة", en: "Floor area" },
          isRequired: true,
          isInteger: true,
          min: 10,
          max: 100_000,
          unit: { ar: "متر مربع", en: "m²" },
        },
        {
          id: "hazardClass",
          type: "select",
          label: { ar: "درجة خطورة النشاط", en: "Hazard class of the activity" },
          hint: {
            ar: "منخفضة: مكاتب ومحلات بيع؛ متوسطة: مطاعم وورش؛ عالية: مخازن مواد قابلة للاشتعال ومصانع",
            en: "Low: offices and shops; medium: restaurants and workshops; high: stores of flammable goods and factories",
          },
          isRequired: true,
          options: Object.entries(hazardClasses).map(([value, label]) => ({ value, label })),
        },
        { id: "floors", type: "number", label: { ar: "عدد الأدوار", en: "Number of floors" }, isRequired: true, isInteger: true, min: 1, max: 100 },
      ],
    },
    {
      id: "documents",
      title: { ar: "المخططات", en: "Plans" },
      fields: [
        {
          id: "floorPlan",
          type: "file",
          label: { ar: "المخطط الهندسي للمنشأة", en: "Floor plan" },
          hint: { ar: "ملف PDF لا يتجاوز 10 ميغابايت", en: "A PDF of up to 10 MB" },
          isRequired: true,
          accept: ["application/pdf"],
          maxBytes: 10 * MB,
        },
        {
          id: "emergencyPlan",
          type: "file",
          label: { ar: "خطة الطوارئ والإخلاء", en: "Emergency and evacuation plan" },
          hint: { ar: "مطلوبة للأنشطة عالية الخطورة؛ ملف PDF لا يتجاوز 10 ميغابايت", en: "Required for high-hazard activities; a PDF of up to 10 MB" },
          isRequired: true,
          showIf: isHighHazard,
          accept: ["application/pdf"],
          maxBytes: 10 * MB,
        },
      ],
    },
  ],
  fee: feeOf,
  workflow: {
    start: "company",
    steps: {
      company: companyCheck(
        rule(["answer:crNumber"], (f) => ({ crNumber: String(f.answers.crNumber), civilId: f.applicant.civilId })),
        "company-valid",
      ),
      "company-valid": {
        kind: "decision",
        title: { ar: "نتيجة التحقق من الشركة", en: "Company check result" },
        rule: rule(["result:company"], (f) => {
          const company = resultOf(f, "company");
          if (!company.found) return { outcome: "invalid", reasons: ["company-not-found"] };
          const reasons = [...(company.isSignatory ? [] : ["not-a-signatory"]), ...(company.licenceExpiresOn < f.today ? ["commercial-licence-expired"] : [])];
          return reasons.length ? { outcome: "invalid", reasons } : { outcome: "valid" };
        }),
        outcomes: { valid: "pay", invalid: "rejected" },
        reasons: {
          "company-not-found": {
            ar: "الشركة غير مسجلة لدى وزارة التجارة والصناعة.",
            en: "The company is not registered at the Ministry of Commerce and Industry.",
          },
          "not-a-signatory": { ar: "مقدم الطلب ليس مفوَّضًا بالتوقيع عن الشركة.", en: "The applicant may not sign for the company." },
          "commercial-licence-expired": {
            ar: "الترخيص التجاري للشركة منتهٍ؛ جدّده أولًا لدى وزارة التجارة والصناعة.",
            en: "The company's commercial licence has expired; renew it at the Ministry of Commerce and Industry first.",
          },
        },
      },
      pay: { kind: "payment", title: { ar: "سداد رسوم الترخيص", en: "Pay the licence fee" }, fee: feeOf, next: "review" },
      review: {
        kind: "task",
        title: { ar: "مراجعة المخططات", en: "Review of the plans" },
        agency: "kff",
        position: "prevention-officer",
        deadlineHours: 72,
        // The fee follows from the declared floor area and hazard class, which the plans must bear out.
        shows: [
          {
            label: { ar: "الرسوم المستوفاة للمساحة ودرجة الخطورة المعلنتين", en: "Fee paid for the declared floor area and hazard class" },
            value: feeOf,
            format: "money",
          },
          companyLicenceShown((f) => resultOf(f, "company")),
        ],
        actions: {
          forward: { label: { ar: "إحالة الطلب إلى الفحص الميداني", en: "Send for inspection" }, next: "slots", isCommentRequired: false },
          return: {
            label: { ar: "إعادة الطلب لمقدمه لاستكمال المخططات", en: "Return to the applicant for the plans" },
            next: "correct",
            isCommentRequired: true,
            namesFieldsToFix: true,
          },
          reject: actions.reject(),
        },
      },
      correct: {
        kind: "applicant",
        title: { ar: "استكمال المخططات", en: "Complete the plans" },
        instructions: {
          ar: "عدّل ما طلبه ضابط الوقاية أو أرفق المخططات المطلوبة، ثم أعد تقديم الطلب.",
          en: "Change what the prevention officer asked for, or attach the plans asked for, then resubmit.",
        },
        actions: {
          resubmit: actions.resubmit("review"),
          withdraw: actions.withdraw(),
        },
      },
      slots: {
        kind: "exchange",
        title: { ar: "مواعيد الفحص المتاحة", en: "Open inspection slots" },
        agency: "kff",
        operation: "kff.open-slots",
        purpose: { ar: "عرض مواعيد الفحص المتاحة في محافظة المنشأة", en: "Offer the inspection slots open in the premises' governorate" },
        request: rule(["answer:governorate"], (f) => ({ governorate: String(f.answers.governorate), from: f.today })),
        next: "choose-slot",
      },
      "choose-slot": {
        kind: "applicant",
        title: { ar: "اختيار موعد الفحص", en: "Choose an inspection slot" },
        instructions: {
          ar: "اختر موعدًا يكون فيه ممثل عن المنشأة حاضرًا لاستقبال مفتش قوة الإطفاء.",
          en: "Choose a time when someone from the premises can meet the fire-force inspector.",
        },
        fields: [
          {
            id: "slot",
            type: "select",
            label: { ar: "موعد الفحص", en: "Inspection slot" },
            isRequired: true,
            options: rule(["result:slots"], (f) => {
              const slots = resultOf(f, "slots");
              return slots.found ? slots.slots.map((slot) => ({ value: slot.id, label: slotLabel(slot.startsAt) })) : [];
            }),
          },
        ],
        actions: {
          book: { label: { ar: "حجز الموعد", en: "Book this slot" }, next: "book", isCommentRequired: false },
          "other-times": { label: { ar: "عرض مواعيد أحدث", en: "Show the latest times" }, next: "slots", isCommentRequired: false, ignoresFields: true },
          withdraw: actions.withdraw(),
        },
      },
      book: {
        kind: "exchange",
        title: { ar: "حجز موعد الفحص", en: "Booking the inspection" },
        agency: "kff",
        operation: "kff.book-slot",
        purpose: { ar: "حجز موعد الفحص الذي اختاره مقدم الطلب", en: "Book the slot the applicant chose" },
        request: rule(["result:choose-slot"], (f) => ({
          slotId: String(resultOf(f, "choose-slot").values.slot),
          applicationReference: f.reference,
        })),
        next: "booked",
      },
      booked: {
        kind: "decision",
        title: { ar: "تأكيد الحجز", en: "Booking confirmed?" },
        rule: rule(["result:book"], (f) => {
          const booking = resultOf(f, "book");
          return { outcome: booking.found && booking.isBooked ? "booked" : "taken" };
        }),
        outcomes: { booked: "inspection", taken: "slots" },
      },
      inspection: {
        kind: "task",
        title: { ar: "الفحص الميداني", en: "Inspection" },
        agency: "kff",
        position: "inspector",
        deadlineHours: 24 * 16,
        fields: checklistFields,
        actions: { record: { label: { ar: "تسجيل نتيجة الفحص", en: "Record the inspection" }, next: "inspected", isCommentRequired: false } },
      },
      inspected: {
        kind: "decision",
        title: { ar: "نتيجة الفحص", en: "Inspection result" },
        rule: rule(["result:inspection", "result:inspected", "answer:hazardClass"], (f) => {
          const values = resultOf(f, "inspection").values;
          const failed = checklist
            .filter((item) => (!item.onlyForHigh || f.answers.hazardClass === "high") && values[item.id] !== "pass")
            .map((item) => `failed-${item.id}`);
          if (failed.length === 0) return { outcome: "passed" };
          const failuresSoFar = earlierResultOf(f, "inspected")?.counts ?? {};
          const failures = (failuresSoFar.failed ?? 0) + (failuresSoFar["failed-finally"] ?? 0) + 1;
          return { outcome: failures >= MAX_INSPECTIONS ? "failed-finally" : "failed", reasons: failed };
        }),
        outcomes: { passed: "issue", failed: "fix", "failed-finally": "rejected" },
        reasons: Object.fromEntries(
          checklist.map((item) => [`failed-${item.id}`, { ar: `لم يستوفِ البند: ${item.label.ar}.`, en: `Did not pass: ${item.label.en}.` }]),
        ),
      },
      fix: {
        kind: "applicant",
        title: { ar: "معالجة الملاحظات وطلب إعادة الفحص", en: "Put things right and ask for another inspection" },
        instructions: {
          ar: "عالج ما لم يستوفِ الاشتراطات بحسب ملاحظات المفتش، ثم اطلب موعدًا لإعادة الفحص. يُرفض الطلب بعد إخفاق الفحص ثلاث مرات.",
          en: "Put right what did not pass, as the inspector noted, then ask for another inspection. The application is refused after a third failed inspection.",
        },
        actions: {
          reinspect: { label: { ar: "طلب إعادة الفحص", en: "Ask for another inspection" }, next: "slots", isCommentRequired: false },
          withdraw: actions.withdraw(),
        },
      },
      issue: { kind: "certificate", title: { ar: "إصدار ترخيص الوقاية من الحريق", en: "Issue the fire-safety licence" }, next: "register" },
      register: {
        kind: "exchange",
        title: { ar: "قيد الترخيص في سجل قوة الإطفاء", en: "Enter the licence in the fire force's register" },
        agency: "kff",
        operation: "kff.record-licence",
        purpose: { ar: "قيد الترخيص الصادر ليظهر لدى الجهات الأخرى", en: "Enter the issued licence so that other agencies find it" },
        request: rule(
          ["result:issue", "result:inspection", "answer:crNumber", ...premisesReads, "answer:floorAreaM2", "answer:hazardClass", "answer:floors"],
          (f) => {
            const issued = resultOf(f, "issue");
            return {
              licenceNumber: issued.number,
              crNumber: String(f.answers.crNumber),
              ...premisesOf(f.answers),
              floorAreaM2: Number(f.answers.floorAreaM2),
              hazardClass: String(f.answers.hazardClass),
              floors: Number(f.answers.floors),
              issuedOn: issued.issuedOn,
              expiresOn: issued.expiresOn,
              lastInspectionOn: resultOf(f, "inspection").on,
            };
          },
        ),
        next: "approved",
      },
      approved: ends.approved({ ar: "صدر الترخيص", en: "Licence issued" }),
      rejected: ends.rejected,
      withdrawn: ends.withdrawn,
    },
  },
  certificate: {
    title: { ar: "ترخيص الوقاية من الحريق", en: "Fire-safety licence" },
    fields: [
      {
        label: { ar: "الشركة", en: "Company" },
        value: rule(["result:company"], (f) => {
          const c = found(resultOf(f, "company"));
          return { ar: c.nameAr, en: c.nameEn };
        }),
        format: "text",
      },
      { label: { ar: "الرقم التجاري", en: "Commercial registration" }, value: rule(["answer:crNumber"], (f) => String(f.answers.crNumber)), format: "text" },
      {
        label: { ar: "المنشأة", en: "Premises" },
        value: rule([...premisesReads], (f) => premisesText(premisesOf(f.answers))),
        format: "text",
      },
      {
        label: { ar: "درجة الخطورة", en: "Hazard class" },
        value: rule(["answer:hazardClass"], (f) => hazardClasses[keyAmong(hazardClasses, f.answers.hazardClass)]),
        format: "text",
      },
      {
        label: { ar: "المساحة", en: "Floor area" },
        value: rule(["answer:floorAreaM2"], (f) => ({ ar: `${f.answers.floorAreaM2} متر مربع`, en: `${f.answers.floorAreaM2} m²` })),
        format: "text",
      },
      {
        label: { ar: "تاريخ الفحص", en: "Inspection date" },
        value: rule(["result:inspection"], (f) => resultOf(f, "inspection").on),
        format: "date",
      },
    ],
    validityDays: 365,
    signingAgency: "kff",
    numberPrefix: "FSL",
  },
};
