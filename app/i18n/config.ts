import i18next, { type i18n as I18n } from "i18next";
import arAudit from "../../locales/ar/audit.json";
import arReports from "../../locales/ar/reports.json";
import arPerformance from "../../locales/ar/performance.json";
import arAuth from "../../locales/ar/auth.json";
import arCatalogue from "../../locales/ar/catalogue.json";
import arProfile from "../../locales/ar/profile.json";
import arInbox from "../../locales/ar/inbox.json";
import arDataUse from "../../locales/ar/datause.json";
import arApplication from "../../locales/ar/application.json";
import arCommon from "../../locales/ar/common.json";
import arDashboard from "../../locales/ar/dashboard.json";
import arHome from "../../locales/ar/home.json";
import arStaff from "../../locales/ar/staff.json";
import arCertificate from "../../locales/ar/certificate.json";
import arVerify from "../../locales/ar/verify.json";
import arForms from "../../locales/ar/forms.json";
import arNotifications from "../../locales/ar/notifications.json";
import arTimeline from "../../locales/ar/timeline.json";
import arApply from "../../locales/ar/apply.json";
import arPayment from "../../locales/ar/payment.json";
import arKiosk from "../../locales/ar/kiosk.json";
import arStatus from "../../locales/ar/status.json";
import enAudit from "../../locales/en/audit.json";
import enReports from "../../locales/en/reports.json";
import enPerformance from "../../locales/en/performance.json";
import enAuth from "../../locales/en/auth.json";
import enCatalogue from "../../locales/en/catalogue.json";
import enProfile from "../../locales/en/profile.json";
import enInbox from "../../locales/en/inbox.json";
import enDataUse from "../../locales/en/datause.json";
import enApplication from "../../locales/en/application.json";
import enCommon from "../../locales/en/common.json";
import enDashboard from "../../locales/en/dashboard.json";
import enHome from "../../locales/en/home.json";
import enStaff from "../../locales/en/staff.json";
import enCertificate from "../../locales/en/certificate.json";
import enVerify from "../../locales/en/verify.json";
import enForms from "../../locales/en/forms.json";
import enNotifications from "../../locales/en/notifications.json";
import enTimeline from "../../locales/en/timeline.json";
import enApply from "../../locales/en/apply.json";
import enPayment from "../../locales/en/payment.json";
import enKiosk from "../../locales/en/kiosk.json";
import enStatus from "../../locales/en/status.json";

export const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "ar";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

export function directionOf(language: Language): "rtl" | "ltr" {
  return language === "ar" ? "rtl" : "ltr";
}

export const resources = {
  ar: {
    common: arCommon,
    home: arHome,
    auth: arAuth,
    dashboard: arDashboard,
    staff: arStaff,
    timeline: arTimeline,
    notifications: arNotifications,
    audit: arAudit,
    reports: arReports,
    performance: arPerformance,
    forms: arForms,
    certificate: arCertificate,
    verify: arVerify,
    catalogue: arCatalogue,
    profile: arProfile,
    inbox: arInbox,
    datause: arDataUse,
    application: arApplication,
    apply: arApply,
    payment: arPayment,
    kiosk: arKiosk,
    status: arStatus,
  },
  en: {
    common: enCommon,
    home: enHome,
    auth: enAuth,
    dashboard: enDashboard,
    staff: enStaff,
    timeline: enTimeline,
    notifications: enNotifications,
    audit: enAudit,
    reports: enReports,
    performance: enPerformance,
    forms: enForms,
    certificate: enCertificate,
    verify: enVerify,
    catalogue: enCatalogue,
    profile: enProfile,
    inbox: enInbox,
    datause: enDataUse,
    application: enApplication,
    apply: enApply,
    payment: enPayment,
    kiosk: enKiosk,
    status: enStatus,
  },
} as const;

export const namespaces = Object.keys(resources.en) as (keyof (typeof resources)["en"])[];

const instances = new Map<Language, I18n>();

/**
 * The i18next instance of a language, made once per process (server) or page (browser). Its
 * language never changes: a page in the other language uses the other instance.
 */
export function i18nFor(language: Language): I18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language);
    instances.set(language, instance);
  }
  return instance;
}

function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: false,
    supportedLngs: languages,
    ns: namespaces,
    defaultNS: "common",
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    // Resources are bundled and loaded synchronously: nothing to wait for, so never suspend.
    react: { useSuspense: false },
    returnNull: false,
    // A missing key shows as itself, and the locale tests make sure none is missing.
    saveMissing: false,
  });
  return instance;
}
