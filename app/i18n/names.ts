import type { Language } from "./config";

/** Whatever is named in both languages: a person, an agency, a company. */
export interface Named {
  nameAr: string;
  nameEn: string;
}

/** Its name in the reader's language. */
export function displayName(named: Named, language: Language): string {
  return language === "ar" ? named.nameAr : named.nameEn;
}
