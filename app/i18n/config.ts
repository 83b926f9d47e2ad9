import i18next, { type BackendModule, type i18n as I18n, type Resource } from "i18next";

export const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "ar";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function directionOf(language: Language): "rtl" | "ltr" {
  return language === "ar" ? "rtl" : "ltr";
}

/** The translation files of each language (locales/<language>/<namespace>.json); tests/unit/locales.test.ts keeps this list equal to them. */
export const namespaces = [
  "application",
  "apply",
  "audit",
  "auth",
  "catalogue",
  "certificate",
  "common",
  "dashboard",
  "datause",
  "forms",
  "home",
  "inbox",
  "kiosk",
  "notifications",
  "payment",
  "performance",
  "profile",
  "reports",
  "staff",
  "status",
  "timeline",
  "verify",
] as const;
export type Namespace = (typeof namespaces)[number];

export function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (namespaces as readonly string[]).includes(value);
}

/** Sent with every page: the header, footer, notices and error pages of the layout. */
export const layoutNamespaces: readonly Namespace[] = ["common", "status"];
/** Sent with every kiosk screen as well: its on-screen keyboard and the guard that ends an idle session. */
export const kioskChromeNamespaces: readonly Namespace[] = ["kiosk"];

/**
 * An i18next instance of one language. Its language never changes: a page in the other language
 * uses the other instance. On the server every namespace is in `resources`; in the browser only the
 * page's own are, and `backend` fetches any other a later page needs (the page waits for it).
 */
export function createI18n(language: Language, options: { resources: Resource; ns: readonly Namespace[]; backend?: BackendModule }): I18n {
  const instance = i18next.createInstance();
  if (options.backend) instance.use(options.backend);
  void instance.init({
    lng: language,
    fallbackLng: false,
    supportedLngs: languages,
    ns: [...options.ns],
    defaultNS: "common",
    resources: options.resources,
    partialBundledLanguages: Boolean(options.backend),
    initImmediate: false,
    interpolation: { escapeValue: false },
    // With every namespace at hand there is nothing to wait for; a browser page that needs one it
    // was not sent suspends until the backend has it (a navigation keeps the page it leaves meanwhile).
    react: { useSuspense: Boolean(options.backend) },
    returnNull: false,
    // A missing key shows as itself, and the locale tests make sure none is missing.
    saveMissing: false,
  });
  return instance;
}
