import { governorateText } from "../agencies/addresses";
import type { Text } from "../catalogue/types";

// An agency's answer as a clerk reads it: labelled facts in the reader's language, each value
// typed so that the page formats it (money in KWD, dates, yes or no), declared beside the
// operation's contract (`present`). The raw answer stays behind a disclosure, for audit.

export type AnswerValue =
  /** Words: the same in both languages, or as the agency holds them in each. */
  | { kind: "text"; text: string | Text }
  /** A reference, a number or a code, read left to right. */
  | { kind: "code"; text: string }
  | { kind: "money"; fils: number }
  | { kind: "date"; iso: string }
  | { kind: "yes-no"; value: boolean }
  | { kind: "count"; value: number; unit: Text };

export interface AnswerFact {
  label: Text;
  value: AnswerValue;
}

/** One part of an answer: the answer itself, or one item of a list it holds (an employment, a licence). */
export interface AnswerSection {
  title: Text | null;
  facts: AnswerFact[];
}

const t = (ar: string, en: string): Text => ({ ar, en });

export const fact = {
  text: (label: Text, text: string | Text): AnswerFact => ({ label, value: { kind: "text", text } }),
  code: (label: Text, text: string): AnswerFact => ({ label, value: { kind: "code", text } }),
  money: (label: Text, fils: number): AnswerFact => ({ label, value: { kind: "money", fils } }),
  date: (label: Text, iso: string): AnswerFact => ({ label, value: { kind: "date", iso } }),
  yesNo: (label: Text, value: boolean): AnswerFact => ({ label, value: { kind: "yes-no", value } }),
  count: (label: Text, value: number, unit: Text): AnswerFact => ({ label, value: { kind: "count", value, unit } }),
};

/** The answer as one section of facts. */
export const section = (facts: AnswerFact[], title: Text | null = null): AnswerSection[] => [{ title, facts }];

/** A list in an answer, one section per item ("Licence 1", "Licence 2"), or a line saying it is empty. */
export function itemsOf<Item>(items: Item[], itemTitle: Text, factsOf: (item: Item) => AnswerFact[], none: Text): AnswerSection[] {
  if (items.length === 0) return [{ title: null, facts: [fact.text(itemTitle, none)] }];
  return items.map((item, index) => ({ title: t(`${itemTitle.ar} ${index + 1}`, `${itemTitle.en} ${index + 1}`), facts: factsOf(item) }));
}

export const labels = {
  civilId: t("الرقم المدني", "Civil ID"),
  name: t("الاسم", "Name"),
  address: t("العنوان", "Address"),
  premisesNumber: t("الرقم الآلي للعنوان", "PACI address number"),
  licenceNumber: t("رقم الترخيص", "Licence number"),
  crNumber: t("رقم السجل التجاري", "Commercial registration"),
  issuedOn: t("تاريخ الإصدار", "Issued on"),
  expiresOn: t("تاريخ الانتهاء", "Expires on"),
};

/** A registry's name of a place: in both languages, or (as answers received before registries held both) in one. */
type PlaceName = string | Text;
const nameIn = (name: PlaceName, lang: "ar" | "en") => (typeof name === "string" ? name : name[lang]);
const isNumbered = (street: string) => /^[\d\s\-/]+$/.test(street);

/** An address as a registry holds it, in each language's words. */
export function addressText(place: { governorate: string; area: PlaceName; block: string; street: PlaceName; building: string; unit?: PlaceName }): Text {
  const governorate = governorateText(place.governorate);
  const street = { ar: nameIn(place.street, "ar"), en: nameIn(place.street, "en") };
  return {
    ar: [
      nameIn(place.area, "ar"),
      `قطعة ${place.block}`,
      `شارع ${street.ar}`,
      `مبنى ${place.building}`,
      place.unit ? nameIn(place.unit, "ar") : null,
      governorate.ar,
    ]
      .filter(Boolean)
      .join("، "),
    en: [
      nameIn(place.area, "en"),
      `block ${place.block}`,
      isNumbered(street.en) ? `street ${street.en}` : `${street.en} Street`,
      `building ${place.building}`,
      place.unit ? nameIn(place.unit, "en") : null,
      governorate.en,
    ]
      .filter(Boolean)
      .join(", "),
  };
}

/** A fact as the page shows it: its label and value in the reader's language. */
export interface ShownFact {
  label: string;
  value: string;
  /** A code or a number, read left to right. */
  isLtr: boolean;
}

/** Each section of an answer with its facts in the reader's language: money in KWD, dates, yes or no. */
export function showAnswer(
  sections: AnswerSection[],
  lang: "ar" | "en",
  words: { yes: string; no: string; money: (fils: number) => string; date: (iso: string) => string; count: (value: number) => string },
): { title: string | null; facts: ShownFact[] }[] {
  const shown = (value: AnswerValue): Omit<ShownFact, "label"> => {
    switch (value.kind) {
      case "text":
        return { value: typeof value.text === "string" ? value.text : value.text[lang], isLtr: false };
      case "code":
        return { value: value.text, isLtr: true };
      case "money":
        return { value: words.money(value.fils), isLtr: false };
      case "date":
        return { value: words.date(value.iso), isLtr: false };
      case "yes-no":
        return { value: value.value ? words.yes : words.no, isLtr: false };
      case "count":
        return { value: [words.count(value.value), value.unit[lang]].filter(Boolean).join(" "), isLtr: false };
    }
  };
  return sections.map((part) => ({
    title: part.title?.[lang] ?? null,
    facts: part.facts.map((one) => ({ label: one.label[lang], ...shown(one.value) })),
  }));
}
