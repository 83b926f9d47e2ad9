import type { Database } from "../../db/client";
import { auditActionsByArea, auditAreas } from "../audit/actions";
import { describeAuditEvents } from "../audit/describe.server";
import { auditSearchString, readAuditFilters, type AuditFilterProblems } from "../audit/log-filters";
import { auditSearchOf, searchAuditLog } from "../audit/log.server";
import { latestAuditVerification } from "../audit/verification.server";
import type { Catalogue } from "../catalogue/registry";
import type { Language } from "../i18n/config";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";

// The audit page for portal administrators: the search form (with what it could not read), a page
// of events in the reader's language, the links to the next page and to the CSV of the search, and
// the chain's last verification.

type T = ReturnType<typeof getFixedT>;

/** The action field's choices: per area, everything under it, then each action. */
export function auditActionOptions(t: T) {
  return auditAreas.map((area) => ({
    label: t(`audit:areas.${area}`),
    options: [
      { value: area, label: t("audit:search.area", { area: t(`audit:areas.${area}`) }) },
      ...auditActionsByArea[area].map((action) => ({ value: action, label: t(`audit:actions.${action}`) })),
    ],
  }));
}

export async function auditPage(input: { db: Database; catalogue: Catalogue; params: URLSearchParams; lang: Language; t: T }) {
  const { db, lang, t } = input;
  const read = readAuditFilters(input.params);
  const before = Number(input.params.get("before"));
  const search = Object.keys(read.problems).length === 0 ? await auditSearchOf(db, read.filters) : ({ ok: false, problems: read.problems } as const);
  const problems: AuditFilterProblems = search.ok ? {} : search.problems;
  const page = search.ok ? await searchAuditLog(db, search.where, Number.isSafeInteger(before) && before > 0 ? before : null) : { events: [], next: null };
  const [events, verification] = await Promise.all([describeAuditEvents(db, input.catalogue, page.events, lang, t), latestAuditVerification(db)]);
  const query = auditSearchString(read.values);
  return {
    title: t("audit:meta"),
    values: read.values,
    problems: Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, t(`audit:problems.${problem}`)])) as Partial<
      Record<keyof typeof read.values, string>
    >,
    actionOptions: auditActionOptions(t),
    events,
    isSearched: query !== "",
    next: page.next ? `?${auditSearchString(read.values, { before: String(page.next) })}` : null,
    first: input.params.has("before") ? (query ? `?${query}` : "?") : null,
    exportUrl: search.ok ? `/staff/admin/audit/export${query ? `?${query}` : ""}` : null,
    verification: verification
      ? {
          at: formatDateTime(verification.verifiedAt, lang),
          isIntact: verification.isIntact,
          events: formatNumber(verification.eventCount, lang),
          brokenAtId: verification.brokenAtId,
        }
      : null,
  };
}
