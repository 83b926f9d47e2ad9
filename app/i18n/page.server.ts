import { getViewer } from "~/auth/guards.server";
import type { Language } from "./config";
import { getFixedT, getLanguage } from "./language.server";

/** The language of this request and a translator for it, for loaders that compute text (titles). */
export async function getPageI18n(request: Request): Promise<{ lang: Language; t: ReturnType<typeof getFixedT> }> {
  const lang = await getLanguage(request, await getViewer(request));
  return { lang, t: getFixedT(lang) };
}
