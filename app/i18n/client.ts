import type { BackendModule, i18n as I18n } from "i18next";
import { createI18n, layoutNamespaces, namespaces, type Language, type Namespace } from "./config";
import type { I18nBoot } from "./translators";

// The browser's translators: the page's language starts with the namespaces the server sent; any
// other namespace, or the other language after a switch, is fetched from /i18n/<language>/<namespace>
// under the translations' version (cached for good by the browser).

function fetchingBackend(version: string): BackendModule {
  return {
    type: "backend",
    init() {},
    read(language, namespace, callback) {
      fetch(`/i18n/${language}/${namespace}?v=${version}`, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status} for ${language}/${namespace}`))))
        .then(
          (data: object) => callback(null, data),
          (error: Error) => callback(error, false),
        );
    },
  };
}

export function browserTranslators(boot: I18nBoot): (language: Language) => I18n {
  const instances = new Map<Language, I18n>();
  const sent = Object.keys(boot.resources).filter((name): name is Namespace => (namespaces as readonly string[]).includes(name));
  return (language) => {
    let instance = instances.get(language);
    if (!instance) {
      const isBootLanguage = language === boot.lang;
      instance = createI18n(language, {
        resources: isBootLanguage ? { [language]: boot.resources } : {},
        ns: isBootLanguage ? sent : layoutNamespaces,
        backend: fetchingBackend(boot.version),
      });
      instances.set(language, instance);
    }
    return instance;
  };
}
