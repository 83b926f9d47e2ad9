import { getAgencies } from "../agencies/queries.server";
import type { Viewer } from "../auth/permissions";
import type { Language } from "../i18n/config";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb } from "../runtime.server";
import { documentsNeeded, mapOutline, stepsOf, workflowOutline } from "./about";
import { getInformationEntry } from "./entries.server";
import { entryChannelOf, integratedEntries, type EntryChannel } from "./listing";
import { publicationsOf, type Publication } from "./publication.server";
import { integratedServices } from "./services";
import { categories, lifeEvents } from "./taxonomy";
import type { ServiceDefinition, Text } from "./types";

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
  const found = await findEntry(input.serviceId ?? "");
  if (!found) return null;
  const { entry, service, web } = found;
  const outline = service ? workflowOutline(service) : [];
  const agencyIds = [...new Set([entry.agency, ...stepsOf(outline).flatMap((step) => (step.by.kind === "agency" ? [step.by.agency] : []))])];
  const agencies = new Map((await getAgencies(getDb(), agencyIds)).map((agency) => [agency.id, displayName(agency, lang)]));
  const agency = agencies.get(entry.agency) ?? entry.agency;
  return {
    /** Why it takes no applications here for now, or at all: the notice its administrator wrote. */
    unavailable: web && web.state !== "published" ? { state: web.state, notice: web.notice[lang] } : null,
    isRetired: found.isRetired,
    start: service
      ? {
          isOnWeb: service.channels.includes("web") && web?.state !== "withdrawn",
          isPaused: web?.state === "paused",
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
          steps: mapOutline(outline, (step) => ({
            title: step.title[lang],
            by: step.by.kind,
            agency: step.by.kind === "agency" ? (agencies.get(step.by.agency) ?? step.by.agency) : null,
          })),
        }
      : null,
  };
}

interface FoundEntry {
  entry: {
    id: string;
    agency: string;
    category: keyof typeof categories;
    lifeEvents: (keyof typeof lifeEvents)[];
    channels: EntryChannel[];
    title: Text;
    summary: Text;
    url: string | null;
    kind: "integrated" | "information";
  };
  service: ServiceDefinition | null;
  /** The integrated service's publication on the web. */
  web: Publication | null;
  isRetired: boolean;
}

/** An integrated service, or an information entry; one no longer offered anywhere (withdrawn, retired) too: its page says so. */
async function findEntry(id: string): Promise<FoundEntry | null> {
  const service = integratedServices.find((candidate) => candidate.id === id);
  if (service) {
    const publications = await publicationsOf(getDb(), [service.id]);
    const [listed] = integratedEntries([service], publications);
    const entry = listed ?? { ...integratedEntries([service], new Map())[0]!, channels: [] };
    return { entry: { ...entry, kind: "integrated", url: null }, service, web: publications.get(service.id)!.web, isRetired: !listed };
  }
  const entry = await getInformationEntry(getDb(), id);
  if (!entry) return null;
  return {
    entry: { ...entry, kind: "information", channels: entry.channels.map((channel) => entryChannelOf[channel]) },
    service: null,
    web: null,
    isRetired: entry.retiredAt !== null,
  };
}
