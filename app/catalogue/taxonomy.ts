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
  "new-home": { ar: "السكن والمنزل", en: "A home of your own" },
  "starting-a-business": { ar: "بدء نشاط تجاري", en: "Starting a business" },
  "running-a-business": { ar: "إدارة نشاط تجاري", en: "Running a business" },
  studying: { ar: "الدراسة", en: "Studying" },
  working: { ar: "العمل", en: "Working" },
  retiring: { ar: "التقاعد", en: "Retiring" },
  driving: { ar: "القيادة والمركبات", en: "Driving and vehicles" },
  travelling: { ar: "السفر", en: "Travelling" },
  "health-care": { ar: "الرعاية الصحية", en: "Health care" },
  "losing-a-loved-one": { ar: "وفاة أحد الأقارب", en: "Losing a loved one" },
} as const satisfies Record<string, Text>;

export type CategoryId = keyof typeof categories;
export type LifeEventId = keyof typeof lifeEvents;

export const isCategory = (id: string): id is CategoryId => Object.hasOwn(categories, id);
export const isLifeEvent = (id: string): id is LifeEventId => Object.hasOwn(lifeEvents, id);
