import type { Text } from "../catalogue/types";
import { governorates, type GovernorateId } from "./governorates";

// Kuwait's address words as PACI keeps them, in both languages: the areas of each governorate, the
// floors and the kinds of unit. Registries hold an address's parts in Arabic and English, built
// from these, so that a page or a certificate names a place in its reader's language only.

export interface Area {
  governorate: GovernorateId;
  name: Text;
}

const area = (governorate: GovernorateId, ar: string, en: string): Area => ({ governorate, name: { ar, en } });

export const areas = {
  sharq: area("capital", "شرق", "Sharq"),
  qibla: area("capital", "القبلة", "Al-Qibla"),
  dasman: area("capital", "دسمان", "Dasman"),
  mirqab: area("capital", "المرقاب", "Al-Mirqab"),
  shamiya: area("capital", "الشامية", "Al-Shamiya"),
  rawda: area("capital", "الروضة", "Al-Rawda"),
  daiya: area("capital", "الدعية", "Al-Da'iya"),
  shuwaikh: area("capital", "الشويخ", "Shuwaikh"),
  nuzha: area("capital", "النزهة", "Al-Nuzha"),
  kaifan: area("capital", "كيفان", "Kaifan"),
  adailiya: area("capital", "العديلية", "Al-Adailiya"),
  qadsiya: area("capital", "القادسية", "Qadsiya"),
  mansouriya: area("capital", "المنصورية", "Al-Mansouriya"),
  hawalli: area("hawalli", "حولي", "Hawalli"),
  salmiya: area("hawalli", "السالمية", "Salmiya"),
  salwa: area("hawalli", "سلوى", "Salwa"),
  jabriya: area("hawalli", "الجابرية", "Jabriya"),
  mishref: area("hawalli", "مشرف", "Mishref"),
  bayan: area("hawalli", "بيان", "Bayan"),
  rumaithiya: area("hawalli", "الرميثية", "Al-Rumaithiya"),
  farwaniya: area("farwaniya", "الفروانية", "Al-Farwaniya"),
  khaitan: area("farwaniya", "خيطان", "Khaitan"),
  rai: area("farwaniya", "الري", "Al-Rai"),
  ardiya: area("farwaniya", "العارضية", "Al-Ardiya"),
  jleeb: area("farwaniya", "جليب الشيوخ", "Jleeb Al-Shuyoukh"),
  andalus: area("farwaniya", "الأندلس", "Al-Andalus"),
  ahmadi: area("ahmadi", "الأحمدي", "Al-Ahmadi"),
  fahaheel: area("ahmadi", "الفحيحيل", "Fahaheel"),
  mangaf: area("ahmadi", "المنقف", "Mangaf"),
  egaila: area("ahmadi", "العقيلة", "Egaila"),
  shuaiba: area("ahmadi", "الشعيبة", "Al-Shuaiba"),
  abuHalifa: area("ahmadi", "أبو حليفة", "Abu Halifa"),
  sabahiya: area("ahmadi", "الصباحية", "Sabahiya"),
  hadiya: area("ahmadi", "هدية", "Hadiya"),
  jahra: area("jahra", "الجهراء", "Al-Jahra"),
  oyoun: area("jahra", "العيون", "Al-Oyoun"),
  qasr: area("jahra", "القصر", "Al-Qasr"),
  naeem: area("jahra", "النعيم", "Al-Naeem"),
  amghara: area("jahra", "أمغرة", "Amghara"),
  saadAlAbdullah: area("jahra", "سعد العبدالله", "Saad Al-Abdullah"),
  naseem: area("jahra", "النسيم", "Al-Naseem"),
  mubarakAlKabeer: area("mubarak-al-kabeer", "مبارك الكبير", "Mubarak Al-Kabeer"),
  sabahAlSalem: area("mubarak-al-kabeer", "صباح السالم", "Sabah Al-Salem"),
  qurain: area("mubarak-al-kabeer", "القرين", "Al-Qurain"),
  adan: area("mubarak-al-kabeer", "العدان", "Al-Adan"),
  qusour: area("mubarak-al-kabeer", "القصور", "Al-Qusour"),
} as const satisfies Record<string, Area>;

export type AreaId = keyof typeof areas;

const areaById: ReadonlyMap<string, Area> = new Map(Object.entries(areas));
export const areaOf = (id: string): Area | undefined => areaById.get(id);

/** The areas of a governorate, as the options of a question. */
export const areasOf = (governorate: string) =>
  Object.entries(areas)
    .filter(([, candidate]) => candidate.governorate === governorate)
    .map(([value, candidate]) => ({ value, label: candidate.name }));

export const floors = {
  basement: { ar: "السرداب", en: "Basement" },
  ground: { ar: "الدور الأرضي", en: "Ground floor" },
  mezzanine: { ar: "الميزانين", en: "Mezzanine" },
  first: { ar: "الدور الأول", en: "First floor" },
  second: { ar: "الدور الثاني", en: "Second floor" },
  third: { ar: "الدور الثالث", en: "Third floor" },
  fourth: { ar: "الدور الرابع", en: "Fourth floor" },
  fifth: { ar: "الدور الخامس", en: "Fifth floor" },
  whole: { ar: "المبنى كاملًا", en: "The whole building" },
} as const satisfies Record<string, Text>;
export type FloorId = keyof typeof floors;

export const unitKinds = {
  shop: { ar: "محل", en: "Shop" },
  office: { ar: "مكتب", en: "Office" },
  showroom: { ar: "معرض", en: "Showroom" },
  warehouse: { ar: "مستودع", en: "Warehouse" },
  workshop: { ar: "ورشة", en: "Workshop" },
  villa: { ar: "فيلا", en: "Villa" },
} as const satisfies Record<string, Text>;
export type UnitKindId = keyof typeof unitKinds;

/** A unit as a registry writes it: "الدور الأرضي، محل 3" and "Ground floor, shop 3". */
export function unitText(unit: { floor?: FloorId; kind?: UnitKindId; number?: string }): Text {
  const floor = unit.floor ? floors[unit.floor] : null;
  const kind = unit.kind ? unitKinds[unit.kind] : null;
  const numbered = (word: string) => [word, unit.number].filter(Boolean).join(" ");
  return {
    ar: [floor?.ar, kind ? numbered(kind.ar) : null].filter(Boolean).join("، "),
    // "Ground floor, shop 3", or "Shop 3" alone.
    en: [floor?.en, kind ? numbered(floor ? kind.en.toLowerCase() : kind.en) : null].filter(Boolean).join(", "),
  };
}

/** A street by its number (the same in both languages) or by its name in each. */
export const streetText = (street: string | Text): Text => (typeof street === "string" ? { ar: street, en: street } : street);

/** The governorate's name in each language, or its id when it is not one of the six. */
export const governorateText = (id: string): Text => (id in governorates ? governorates[id as GovernorateId] : { ar: id, en: id });
