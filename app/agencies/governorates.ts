import type { Text } from "../catalogue/types";

/** Kuwait's six governorates: the ids every registry and form use, and their names. */
export const governorates = {
  capital: { ar: "محافظة العاصمة", en: "Capital" },
  hawalli: { ar: "محافظة حولي", en: "Hawalli" },
  farwaniya: { ar: "محافظة الفروانية", en: "Farwaniya" },
  ahmadi: { ar: "محافظة الأحمدي", en: "Ahmadi" },
  jahra: { ar: "محافظة الجهراء", en: "Jahra" },
  "mubarak-al-kabeer": { ar: "محافظة مبارك الكبير", en: "Mubarak Al-Kabeer" },
} as const satisfies Record<string, Text>;

export type GovernorateId = keyof typeof governorates;
export const governorateIds = Object.keys(governorates) as GovernorateId[];
