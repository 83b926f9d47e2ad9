import { createHash } from "node:crypto";
import type { i18n as I18n } from "i18next";
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
import { createI18n, namespaces, type Language, type Namespace } from "./config";
import type { I18nBoot } from "./translators";

// Every translation of both languages, for the server only: a page's browser code is sent just the
// namespaces its routes declare, in its own language (I18nBoot), and fetches others from
// /i18n/<language>/<namespace> when a later page needs them.

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
} as const satisfies Record<Language, Record<Namespace, object>>;

/** Changes whenever any translation does: the browser keeps a namespace fetched under one version for good. */
export const localesVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);

const instances = new Map<Language, I18n>();

/** The server's i18next instance of a language, with every namespace, made once per process. */
export function i18nFor(language: Language): I18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language, { resources: { [language]: resources[language] }, ns: namespaces });
    instances.set(language, instance);
  }
  return instance;
}

/** What a page's browser code starts with: its language and the namespaces it uses. */
function bootOf(language: Language, wanted: Iterable<Namespace>): I18nBoot {
  const chosen = [...new Set(wanted)].sort();
  return { lang: language, version: localesVersion, resources: Object.fromEntries(chosen.map((name) => [name, resources[language][name]])) };
}

const serialisedBoots = new Map<string, string>();

/** The boot as the page carries it, made once per language and set of namespaces (the translations do not change while the process runs). */
export function serialisedBootOf(language: Language, wanted: Iterable<Namespace>): string {
  const chosen = [...new Set(wanted)].sort();
  const key = `${language}:${chosen.join(",")}`;
  let serialised = serialisedBoots.get(key);
  // As the page carries it: a `<` never closes the script element it sits in.
  if (serialised === undefined) serialisedBoots.set(key, (serialised = JSON.stringify(bootOf(language, chosen)).replace(/</g, "\\u003c")));
  return serialised;
}
