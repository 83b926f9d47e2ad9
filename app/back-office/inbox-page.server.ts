import type { Viewer } from "../auth/permissions";
import type { Language } from "../i18n/config";
import { formatDateTime, formatRelative } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb, getRuntime } from "../runtime.server";
import { listInboxPage } from "./inbox.server";
import { latenesses, latenessOf, type Lateness } from "./lateness";

// The back office's inbox page: a page of the steps a member of staff may act on, with the
// filters' counts and the link to the next page, in the viewer's language.

/** The inbox's filters as the page's address gives them (already checked). */
export interface InboxPageFilters {
  service?: string;
  step?: string;
  lateness?: Lateness;
  claim?: "unclaimed" | "mine";
  q?: string;
  after?: string;
  afterId?: string;
}

export async function inboxPage(input: {
  viewer: Extract<Viewer, { kind: "staff" }>;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  filters: InboxPageFilters;
}) {
  const { viewer, lang, t, filters } = input;
  const now = new Date();
  const page = await listInboxPage(
    getDb(),
    viewer,
    { serviceId: filters.service, stepId: filters.step, lateness: filters.lateness, claim: filters.claim, search: filters.q },
    filters.after && filters.afterId ? { deadlineAt: filters.after, id: filters.afterId } : null,
    { now },
  );
  const { catalogue } = getRuntime();
  const serviceTitle = (id: string) => catalogue.get(id)?.title[lang] ?? id;
  const stepTitle = (stepId: string) => catalogue.services.map((service) => service.workflow.steps[stepId]).find(Boolean)?.title[lang] ?? stepId;
  const nextParams = new URLSearchParams(Object.entries(filters).filter(([key]) => key !== "after" && key !== "afterId") as [string, string][]);
  if (page.next) {
    nextParams.set("after", page.next.deadlineAt);
    nextParams.set("afterId", page.next.id);
  }
  return {
    title: t("staff:inbox.meta"),
    filters,
    isSearchValid: page.isSearchValid,
    isFirstPage: !filters.after,
    total: page.counts.total,
    services: Object.entries(page.counts.byService).map(([id, count]) => ({ id, label: serviceTitle(id), count })),
    steps: Object.entries(page.counts.byStep).map(([id, count]) => ({ id, label: stepTitle(id), count })),
    latenesses: latenesses.map((id) => ({ id, count: page.counts.byLateness[id] })),
    rows: page.rows.map((row) => ({
      id: row.id,
      reference: row.reference ?? "",
      service: serviceTitle(row.serviceId),
      step: catalogue.get(row.serviceId, row.serviceVersion)?.workflow.steps[row.stepId]?.title[lang] ?? row.stepId,
      applicant: displayName({ nameAr: row.applicantNameAr, nameEn: row.applicantNameEn }, lang),
      civilId: row.civilId,
      received: formatDateTime(row.startedAt, lang),
      deadline: row.deadlineAt ? formatDateTime(row.deadlineAt, lang) : "",
      timeLeft: row.deadlineAt ? formatRelative(row.deadlineAt, lang, now) : "",
      lateness: latenessOf(row.deadlineAt, now),
      isPaused: row.pausedAt !== null,
      claimedBy: row.assignedAccountId
        ? row.assignedAccountId === viewer.accountId
          ? t("staff:inbox.you")
          : row.assigneeNameAr !== null && row.assigneeNameEn !== null
            ? displayName({ nameAr: row.assigneeNameAr, nameEn: row.assigneeNameEn }, lang)
            : ""
        : null,
    })),
    next: page.next ? `?${nextParams}` : null,
  };
}
