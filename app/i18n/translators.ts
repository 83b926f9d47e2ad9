import type { i18n as I18n } from "i18next";
import { createContext, useContext } from "react";
import type { Language, Namespace } from "./config";

// One way to reach a language's translator in shared code (the root layout, `meta`): the server
// installs its instances (every namespace) in entry.server, the browser its own in entry.client,
// made from what the page was sent (I18nBoot) and fetching the rest when needed.

/** The translations a page's browser code starts with, written into the page by the server. */
export interface I18nBoot {
  lang: Language;
  /** The translations' version: a namespace fetched later is asked for under it. */
  version: string;
  resources: Partial<Record<Namespace, object>>;
}

export const I18N_BOOT_ELEMENT_ID = "nafitha-i18n";

let installed: ((language: Language) => I18n) | null = null;

export function installTranslators(instanceFor: (language: Language) => I18n): void {
  installed = instanceFor;
}

export function translatorFor(language: Language): I18n {
  if (!installed) throw new Error("No translators installed: entry.server and entry.client install them before rendering.");
  return installed(language);
}

/** The page's boot JSON: rendered into the document by the root layout, the same on the server and in hydration. */
export const I18nBootContext = createContext<string>("");

export function useI18nBoot(): string {
  return useContext(I18nBootContext);
}
