import { and, asc, desc, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { agencyLinkEvents, agencyLinks, statusNoticeUpdates, statusNotices, type StatusImpact, type StatusNotice } from "../../db/schema";
import { exchangeAgencyIds, operations } from "../agencies";
import { getAgencies } from "../agencies/queries.server";
import type { ServiceDefinition } from "../catalogue/types";
import { addDays, kuwaitToday } from "../i18n/dates";
import type { Language } from "../i18n/config";
import { formatDateTime } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import type { NoticeDisplay } from "../ui/status-banners";
import { TIMED_OUT, withTimeout } from "./timeout";
import { isMaintenanceNow } from "../exchange/links.server";

// What the public status page shows: the portal, the payment gateway and each agency link, now
// and for each of the last 30 days in Kuwait, with the incidents and planned maintenance operators
// post. The page is read from a copy at most CACHE_MS old, made with a short timeout: a slow
// database gives the last copy (marked with its time), never a page that does not answer.

export const STATUS_DAYS = 30;
export type ComponentStatus = "operational" | "degraded" | "down" | "maintenance";
/** Worse first: a day or a component shows the worst that happened to it. */
const SEVERITY: Record<ComponentStatus, number> = { operational: 0, maintenance: 1, degraded: 2, down: 3 };
const worse = (a: ComponentStatus, b: ComponentStatus) => (SEVERITY[b] > SEVERITY[a] ? b : a);

export type ComponentId = "portal" | "payments" | (string & {});
export const fixedComponents = ["portal", "payments"] as const;
export const isComponentId = (value: string): value is ComponentId =>
  (fixedComponents as readonly string[]).includes(value) || exchangeAgencyIds.includes(value);

/** What a service needs: the portal, the agencies it asks over the exchange, and the gateway if it takes a fee. */
export function componentsOfService(service: ServiceDefinition): Set<ComponentId> {
  const needs = new Set<ComponentId>(["portal"]);
  for (const lookup of service.lookups ?? []) {
    const agency = operations.get(lookup.operation)?.agency;
    if (agency) needs.add(agency);
  }
  for (const step of Object.values(service.workflow.steps)) {
    if (step.kind === "exchange") needs.add(step.agency);
    if (step.kind === "payment") needs.add("payments");
  }
  return needs;
}

export interface NoticeView {
  id: string;
  kind: StatusNotice["kind"];
  impact: StatusImpact;
  components: ComponentId[];
  titleAr: string;
  titleEn: string;
  startsAt: Date;
  plannedEndAt: Date | null;
  endedAt: Date | null;
  updates: { bodyAr: string; bodyEn: string; postedAt: Date }[];
}

export interface ComponentView {
  id: ComponentId;
  nameAr: string;
  nameEn: string;
  status: ComponentStatus;
  /** Oldest first: the day (YYYY-MM-DD, Kuwait) and the worst status it had. */
  days: { day: string; status: ComponentStatus }[];
}

export interface StatusModel {
  madeAt: Date;
  components: ComponentView[];
  /** Open now or planned (not yet begun), soonest first. */
  current: NoticeView[];
  /** Ended within the days shown, newest first. */
  past: NoticeView[];
}

/** A link open longer than this in a day makes the day "down"; shorter, "degraded". */
const DOWN_MINUTES_IN_A_DAY = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const dayStart = (day: string) => new Date(`${day}T00:00:00+03:00`);

/** Notices open now or planned, with their updates: for the banners and the status page. */
export async function openNotices(db: Database): Promise<NoticeView[]> {
  const rows = await db.select().from(statusNotices).where(isNull(statusNotices.endedAt)).orderBy(asc(statusNotices.startsAt));
  return withUpdates(db, rows);
}

async function withUpdates(db: Database, rows: StatusNotice[]): Promise<NoticeView[]> {
  if (rows.length === 0) return [];
  const updates = await db
    .select()
    .from(statusNoticeUpdates)
    .where(
      inArray(
        statusNoticeUpdates.noticeId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(statusNoticeUpdates.postedAt), asc(statusNoticeUpdates.id));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    impact: row.impact,
    components: row.components,
    titleAr: row.titleAr,
    titleEn: row.titleEn,
    startsAt: row.startsAt,
    plannedEndAt: row.plannedEndAt,
    endedAt: row.endedAt,
    updates: updates.filter((update) => update.noticeId === row.id).map(({ bodyAr, bodyEn, postedAt }) => ({ bodyAr, bodyEn, postedAt })),
  }));
}

/** A notice in force at this moment (an incident begun and not resolved; maintenance begun and not completed). */
export const isInForce = (notice: Pick<NoticeView, "startsAt" | "endedAt">, now: Date) => notice.startsAt <= now && (!notice.endedAt || notice.endedAt > now);
const impactStatus = (impact: StatusImpact): ComponentStatus => impact;

/** Builds the status page's model from the database (the route reads it through `cachedStatus`). */
export async function readStatus(db: Database, now = new Date()): Promise<StatusModel> {
  const today = kuwaitToday(now);
  const days = Array.from({ length: STATUS_DAYS }, (_, i) => addDays(today, i - STATUS_DAYS + 1));
  const windowStart = dayStart(days[0]!);
  const names = await getAgencies(db, [...exchangeAgencyIds]);
  const links = await db
    .select()
    .from(agencyLinks)
    .where(inArray(agencyLinks.agencyId, [...exchangeAgencyIds]));
  const events = await db
    .select()
    .from(agencyLinkEvents)
    .where(and(inArray(agencyLinkEvents.agencyId, [...exchangeAgencyIds]), gt(agencyLinkEvents.at, windowStart)))
    .orderBy(asc(agencyLinkEvents.at), asc(agencyLinkEvents.id));
  const noticeRows = await db
    .select()
    .from(statusNotices)
    .where(and(lt(statusNotices.startsAt, new Date(now.getTime() + 30 * DAY_MS)), or(isNull(statusNotices.endedAt), gt(statusNotices.endedAt, windowStart))))
    .orderBy(desc(statusNotices.startsAt))
    .limit(200);
  // Maintenance called off before it began ended where it would have begun: it is left out.
  const notices = (await withUpdates(db, noticeRows)).filter((notice) => !notice.endedAt || notice.endedAt > notice.startsAt);

  const componentIds: ComponentId[] = [...fixedComponents, ...exchangeAgencyIds];
  const components = componentIds.map((id): ComponentView => {
    const name = names.find((row) => row.id === id);
    const link = links.find((row) => row.agencyId === id);
    const mine = notices.filter((notice) => notice.components.includes(id));
    let status: ComponentStatus = "operational";
    for (const notice of mine) if (isInForce(notice, now)) status = worse(status, impactStatus(notice.impact));
    if (link) {
      if (isMaintenanceNow(link, now)) status = worse(status, "maintenance");
      if (link.circuitState === "open") status = worse(status, "down");
      else if (link.circuitState === "half-open" || link.consecutiveFailures > 0) status = worse(status, "degraded");
    }
    const openIntervals =
      id === "portal" || id === "payments"
        ? []
        : linkOpenIntervals(
            events.filter((event) => event.agencyId === id),
            link,
            windowStart,
            now,
          );
    return {
      id,
      nameAr: name?.nameAr ?? id,
      nameEn: name?.nameEn ?? id,
      status,
      days: days.map((day) => {
        const from = dayStart(day);
        const to = new Date(Math.min(from.getTime() + DAY_MS, now.getTime()));
        let worst: ComponentStatus = "operational";
        for (const notice of mine) {
          if (notice.startsAt < to && (!notice.endedAt || notice.endedAt > from)) worst = worse(worst, impactStatus(notice.impact));
        }
        const openMs = openIntervals.reduce(
          (sum, [start, end]) => sum + Math.max(0, Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime())),
          0,
        );
        if (openMs > 0) worst = worse(worst, openMs >= DOWN_MINUTES_IN_A_DAY * 60_000 ? "down" : "degraded");
        return { day, status: worst };
      }),
    };
  });
  return {
    madeAt: now,
    components,
    current: notices.filter((notice) => !notice.endedAt || notice.endedAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
    past: notices.filter((notice) => notice.endedAt && notice.endedAt <= now),
  };
}

/** When a link was open within the window: from each "opened" to the next "closed" (or now, if it is still open). */
function linkOpenIntervals(
  events: { event: string; at: Date }[],
  link: { circuitState: string; circuitOpenedAt: Date | null } | undefined,
  windowStart: Date,
  now: Date,
) {
  const intervals: [Date, Date][] = [];
  // Open since before the window: its first event is a closing.
  let openedAt: Date | null = events[0]?.event === "closed" ? windowStart : null;
  if (events.length === 0 && link && link.circuitState !== "closed")
    openedAt = link.circuitOpenedAt && link.circuitOpenedAt > windowStart ? link.circuitOpenedAt : windowStart;
  for (const { event, at } of events) {
    if (event === "opened" && !openedAt) openedAt = at;
    if (event === "closed" && openedAt) {
      intervals.push([openedAt, at]);
      openedAt = null;
    }
  }
  if (openedAt) intervals.push([openedAt, now]);
  return intervals;
}

// ---------------------------------------------------------------------------------------------
// The copies the pages read.

export const STATUS_CACHE_MS = 30_000;
export const STATUS_TIMEOUT_MS = 1_500;
export const NOTICE_CACHE_MS = 10_000;

interface Copies {
  status?: { model: StatusModel; readAt: number };
  notices?: { notices: NoticeView[]; readAt: number };
  pending?: Promise<StatusModel>;
}
const COPIES = Symbol.for("nafitha.status");
type Holder = { [COPIES]?: Map<Database, Copies> };
const copiesOf = (db: Database): Copies => {
  const all = ((globalThis as Holder)[COPIES] ??= new Map());
  let copies = all.get(db);
  if (!copies) all.set(db, (copies = {}));
  return copies;
};

/** Forgets this process's copies (after an operator posts or changes a notice). */
export function forgetStatusCopies(db: Database) {
  (globalThis as Holder)[COPIES]?.delete(db);
}

export type StatusRead = { model: StatusModel; isStale: boolean } | { model: null; isStale: true };

/**
 * The status page's model: the copy when it is fresh, else a new one if the database gives it
 * within STATUS_TIMEOUT_MS, else the last copy (stale), else nothing (the page says it could not be read).
 */
export async function cachedStatus(db: Database, now = Date.now()): Promise<StatusRead> {
  const copies = copiesOf(db);
  if (copies.status && now - copies.status.readAt < STATUS_CACHE_MS) return { model: copies.status.model, isStale: false };
  // One read at a time per process: the requests that arrive meanwhile wait for the same one.
  copies.pending ??= readStatus(db)
    .then((model) => {
      copies.status = { model, readAt: Date.now() };
      return model;
    })
    .finally(() => (copies.pending = undefined));
  const fresh = await withTimeout(
    copies.pending.catch(() => null),
    STATUS_TIMEOUT_MS,
  );
  if (fresh && fresh !== TIMED_OUT) return { model: fresh, isStale: false };
  return copies.status ? { model: copies.status.model, isStale: true } : { model: null, isStale: true };
}

/** The notices open now or planned (for banners on every page), from a copy at most NOTICE_CACHE_MS old. */
export async function cachedOpenNotices(db: Database, now = Date.now()): Promise<NoticeView[]> {
  const copies = copiesOf(db);
  if (copies.notices && now - copies.notices.readAt < NOTICE_CACHE_MS) return copies.notices.notices;
  const notices = await withTimeout(
    openNotices(db).catch(() => null),
    STATUS_TIMEOUT_MS,
  );
  if (!notices || notices === TIMED_OUT) return copies.notices?.notices ?? [];
  copies.notices = { notices, readAt: now };
  return notices;
}

/** The notices a page shows as banners: in force or beginning within a week, for what the page needs. */
export function bannersFor(notices: readonly NoticeView[], needs: ReadonlySet<ComponentId> | "portal-only", now = new Date()): NoticeView[] {
  const soon = now.getTime() + 7 * DAY_MS;
  return notices.filter(
    (notice) =>
      notice.startsAt.getTime() <= soon &&
      (!notice.endedAt || notice.endedAt > now) &&
      notice.components.some((component) => (needs === "portal-only" ? component === "portal" : needs.has(component))),
  );
}

/** A banner as a page shows it: what, and when, in the reader's language. */
export interface BannerView {
  id: string;
  kind: StatusNotice["kind"];
  title: string;
  from: string;
  to: string | null;
  components: ComponentId[];
}

/** The banners for a page that needs these components (or every notice on the portal as a whole). */
export async function bannersOf(db: Database, lang: "ar" | "en", needs: ReadonlySet<ComponentId> | "portal-only", now = new Date()): Promise<BannerView[]> {
  return bannersFor(await cachedOpenNotices(db), needs, now).map((notice) => ({
    id: notice.id,
    kind: notice.kind,
    title: lang === "ar" ? notice.titleAr : notice.titleEn,
    from: formatDateTime(notice.startsAt, lang),
    to: notice.plannedEndAt ? formatDateTime(notice.plannedEndAt, lang) : null,
    components: notice.components,
  }));
}

/** What a component is called on a page: the portal, online payment, or the link to an agency (by name). */
export function componentNamer(t: ReturnType<typeof getFixedT>, lang: Language, agencies: readonly { id: string; nameAr: string; nameEn: string }[]) {
  return (id: ComponentId): string => {
    if (id === "portal") return t("status:components.portal");
    if (id === "payments") return t("status:components.payments");
    const agency = agencies.find((one) => one.id === id);
    return t("status:components.agency", { name: agency ? displayName(agency, lang) : id });
  };
}

/** A notice as a page shows it, in the reader's language; its updates newest first. */
export function noticeDisplay(notice: NoticeView, lang: Language, t: ReturnType<typeof getFixedT>, nameOf: (id: ComponentId) => string): NoticeDisplay {
  return {
    id: notice.id,
    kind: notice.kind,
    impact: notice.impact,
    title: lang === "ar" ? notice.titleAr : notice.titleEn,
    affects: notice.components.map(nameOf).join(t("audit:what.separator")),
    startsAt: formatDateTime(notice.startsAt, lang),
    plannedEndAt: notice.plannedEndAt ? formatDateTime(notice.plannedEndAt, lang) : null,
    endedAt: notice.endedAt ? formatDateTime(notice.endedAt, lang) : null,
    updates: notice.updates
      .map((update) => ({ body: lang === "ar" ? update.bodyAr : update.bodyEn, postedAt: formatDateTime(update.postedAt, lang) }))
      .reverse(),
  };
}
