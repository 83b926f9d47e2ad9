import type { Text } from "./types";

// The words the catalogue is browsed by: categories and life events, each with its label in both
// languages. Services and information entries name them by id; the catalogue check and the
// entries' test refuse an id that is not here.

export const categories = {
  family: { ar: "الأسرة والأحوال الشخصية", en: "Family and personal status" },
  housing: { ar: "الإسكان والعقار", en: "Housing and property" },
  business: { ar: "الأعمال والتجارة", en: "Business and trade" },
  safety: { ar: "السلامة والدفاع المدني", en: "Safety and civil defence" },
  identity: { ar: "الهوية والإقامة", en: "Identity and residency" },
  health: { ar: "الصحة", en: "Health" },
  education: { ar: "التعليم", en: "Education" },
  employment: { ar: "العمل والتأمينات", en: "Work and social security" },
  transport: { ar: "المرور والنقل", en: "Traffic and transport" },
  finance: { ar: "القروض والدعم المالي", en: "Loans and financial support" },
  justice: { ar: "العدل والتوثيق", en: "Justice and notarisation" },
  municipal: { ar: "الخدمات البلدية", en: "Municipal services" },
} as const satisfies Record<string, Text>;

export const lifeEvents = {
  marriage: { ar: "الزواج", en: "Getting married" },
  "having-a-baby": { ar: "المولود الجديد", en: "Having a baby" },
  "new-home": { ar: "السكن", en: "A home of your own" },
  "starting-a-business": { ar: "تأسيس نشاط تجاري", en: "Starting a business" },
  "running-a-business": { ar: "إدارة نشاط تجاري", en: "Running a business" },
  studying: { ar: "الدراسة", en: "Studying" },
  working: { ar: "العمل", en: "Working" },
  retiring: { ar: "التقاعد", en: "Retiring" },
  driving: { ar: "القيادة والمركبات", en: "Driving and vehicles" },
  travelling: { ar: "السفر", en: "Travelling" },
  "health-care": { ar: "الرعاية الصحية", en: "Health care" },
  "losing-a-loved-one": { ar: "وفاة أحد الأقارب", en: "Losing a loved one" },
} as const satisfies Record<string, Text>;

/** What each life event gathers, said on the home page and above its services. */
export const lifeEventSummaries = {
  marriage: {
    ar: "توثيق عقد الزواج، والفحص الطبي قبل الزواج، وقرض الزواج، وطلب الرعاية السكنية.",
    en: "Registering the marriage contract, the premarital medical examination, the marriage loan and housing welfare.",
  },
  "having-a-baby": {
    ar: "قيد المولود واستخراج شهادة ميلاده، وبطاقته المدنية وإقامته، وسجل تطعيماته.",
    en: "Registering the birth and its certificate, the newborn's civil ID and residence, and vaccinations.",
  },
  "new-home": {
    ar: "الرعاية السكنية وقروض شراء المسكن وبنائه وترميمه، ونقل ملكية العقار، وتغيير العنوان.",
    en: "Housing welfare and loans to buy, build or repair a home, transferring property, and your new address.",
  },
  "starting-a-business": {
    ar: "حجز الاسم التجاري وتأسيس الشركة والترخيص التجاري، ثم ترخيص الوقاية من الحريق وغيره من التراخيص.",
    en: "Reserving the name, setting up the company and its commercial licence, then the fire-safety and other licences.",
  },
  "running-a-business": {
    ar: "تجديد التراخيص التجارية والبلدية وتراخيص السلامة، وتسجيل الموظفين في التأمينات الاجتماعية.",
    en: "Renewing commercial, municipal and safety licences, and registering your staff for social security.",
  },
  studying: {
    ar: "تسجيل الأبناء في المدارس ونقلهم، ونتائج الاختبارات، ومعادلة الشهادات وتصديقها.",
    en: "School registration and transfers, exam results, and having certificates recognised and attested.",
  },
  working: {
    ar: "البطاقة المدنية والإقامة، والتحويل إلى صاحب عمل جديد، والتأمينات الاجتماعية ومكافأة نهاية الخدمة.",
    en: "Civil ID and residence, moving to a new employer, social security and end-of-service awards.",
  },
  retiring: {
    ar: "الاستعلام عن المعاش التقاعدي وطلبه، وشراء مدد الخدمة، ومكافأة نهاية الخدمة.",
    en: "Checking and claiming your pension, buying extra years of service, and end-of-service awards.",
  },
  driving: {
    ar: "رخص القيادة، وتسجيل المركبات ونقل ملكيتها، والمخالفات المرورية.",
    en: "Driving licences, registering and transferring vehicles, and traffic fines.",
  },
  travelling: {
    ar: "جوازات السفر، وتأشيرات الزيارة العائلية، وشهادة حسن السيرة والسلوك، والاستعلام عن منع السفر.",
    en: "Passports, family visit visas, certificates of good conduct and checking for a travel ban.",
  },
  "health-care": {
    ar: "التسجيل في المركز الصحي، والتقارير الطبية والإجازات المرضية، والتطعيمات والعلاج في الخارج.",
    en: "Registering with a health centre, medical reports and sick leave, vaccinations and treatment abroad.",
  },
  "losing-a-loved-one": {
    ar: "شهادة الوفاة والدفن، وحصر الإرث، ومعاش المستحقين عن المتوفى.",
    en: "The death certificate and burial, the certificate of inheritance, and survivors' pensions.",
  },
} as const satisfies Record<keyof typeof lifeEvents, Text>;

/** The order in which the home page offers the life events: the most asked for first. */
export const lifeEventOrder = [
  "marriage",
  "starting-a-business",
  "new-home",
  "having-a-baby",
  "running-a-business",
  "working",
  "studying",
  "driving",
  "travelling",
  "health-care",
  "retiring",
  "losing-a-loved-one",
] as const satisfies readonly (keyof typeof lifeEvents)[];

export type CategoryId = keyof typeof categories;
export type LifeEventId = keyof typeof lifeEvents;

export const isCategory = (id: string): id is CategoryId => Object.hasOwn(categories, id);
export const isLifeEvent = (id: string): id is LifeEventId => Object.hasOwn(lifeEvents, id);
