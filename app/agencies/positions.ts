import type { Text } from "../catalogue/types";

/** The clerk positions of each agency: what task steps may name, and how staff pages label them. */
export const agencyPositions: Readonly<Record<string, Readonly<Record<string, Text>>>> = {
  paci: { "registry-clerk": { ar: "موظف السجل المدني", en: "Civil registry clerk" } },
  kcb: { "loan-officer": { ar: "موظف القروض", en: "Loan officer" } },
  kff: {
    "prevention-officer": { ar: "ضابط الوقاية من الحريق", en: "Fire prevention officer" },
    inspector: { ar: "مفتش السلامة من الحريق", en: "Fire-safety inspector" },
  },
  km: { "licensing-clerk": { ar: "موظف التراخيص", en: "Licensing clerk" } },
};

export function positionLabel(agencyId: string | null, position: string | null): Text | null {
  if (!agencyId || !position) return null;
  return agencyPositions[agencyId]?.[position] ?? null;
}
