import { getAgencies } from "../agencies/queries.server";
import type { Viewer } from "../auth/permissions";
import type { Language } from "../i18n/config";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb } from "../runtime.server";
import { documentsNeeded, workflowSteps } from "./about";
import { catalogueEntries } from "./listing";
import { integratedServices } from "./services";
import { categories, lifeEvents } from "./taxonomy";

// A service's page in the catalogue: what it is, who offers it and, for one applied for here, who
// may apply, what it needs and takes, and whether the viewer can start (or resume) it.

export async function servicePage(input: {
  viewer: Viewer;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  serviceId: string | undefined;
  /** The services the viewer has a draft of (the caller reads them: the catalogue does not reach into the applications). */
  draftServiceIds: ReadonlySet<string>;
}) {
  const { viewer, lang, t } = input;
  const entry = catalogueEntries().find((candidate) => candidate.id === input.serviceId);
  if (!entry) return null;
  const service = entry.kind === "integrated" ? integratedServices.find((candidate) => candidate.id === entry.id)! : null;
  const steps = service ? workflowSteps(service) : [];
  const agencyIds = [...new Set([entry.agency, ...steps.flatMap((step) => (step.by.kind === "agency" ? [step.by.agency] : []))])];
  const agencies = new Map((await getAgencies(getDb(), agencyIds)).map((agency) => [agency.id, displayName(agency, lang)]));
  const agency = agencies.get(entry.agency) ?? entry.agency;
  return {
    start: service
      ? {
          isOnWeb: service.channels.includes("web"),
          isSignedIn: viewer.kind === "citizen",
          hasDraft: input.draftServiceIds.has(service.id),
        }
      : null,
    pageTitle: `${entry.title[lang]} — ${t("common:brand.name")}`,
    id: entry.id,
    kind: entry.kind,
    title: entry.title[lang],
    summary: entry.summary[lang],
    agency,
    category: categories[entry.category][lang],
    events: entry.lifeEvents.map((event) => lifeEvents[event][lang]),
    channels: entry.channels,
    url: entry.url,
    about: service
      ? {
          who: service.whoMayApply,
          documents: documentsNeeded(service).map((document) => ({
            label: document.label[lang],
            hint: document.hint?.[lang] ?? null,
            isAlwaysNeeded: document.isAlwaysNeeded,
          })),
          fees: service.fees[lang],
          time: service.expectedTime[lang],
          steps: steps.map((step) => ({
            title: step.title[lang],
            by: step.by.kind,
            agency: step.by.kind === "agency" ? (agencies.get(step.by.agency) ?? step.by.agency) : null,
          })),
        }
      : null,
  };
}
