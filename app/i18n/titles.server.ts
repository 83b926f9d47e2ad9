import type { Language } from "./config";
import { getFixedT } from "./language.server";

/** The document titles the root layout falls back on: the home page's, and those of its error pages. */
export function documentTitles(language: Language) {
  const t = getFixedT(language);
  return {
    home: t("home:meta.title"),
    description: t("home:meta.description"),
    notFound: `${t("errors.notFoundTitle")} — ${t("brand.name")}`,
    forbidden: `${t("errors.forbiddenTitle")} — ${t("brand.name")}`,
    error: `${t("errors.errorTitle")} — ${t("brand.name")}`,
  };
}
