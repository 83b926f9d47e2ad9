import { readAuditCheckpoints } from "../audit/checkpoints.server";
import { countUploadsAwaitingScan, listSecurityEvents, SECURITY_EVENTS_PAGE, type SecurityEventAction } from "../audit/security-events.server";
import { latestAuditVerification } from "../audit/verification.server";
import { isolateLtr } from "../i18n/bidi";
import type { Language } from "../i18n/config";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { auditCheckpointsOf, getDb, getRuntime } from "../runtime.server";

// The administrators' security page: whether the audit log still holds together, the malware
// scanner's state, and a page of security events, in the viewer's language.

export async function securityPage(input: {
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  /** The events older than this one, for the next page; undefined for the newest. */
  before: number | undefined;
}) {
  const { lang, t } = input;
  const db = getDb();
  const runtime = getRuntime();
  const [verification, events, awaitingScan, isScannerUp] = await Promise.all([
    latestAuditVerification(db),
    listSecurityEvents(db, input.before),
    countUploadsAwaitingScan(db),
    runtime.scanner ? runtime.scanner.ping() : Promise.resolve(null),
  ]);
  const checkpoints = readAuditCheckpoints(auditCheckpointsOf(runtime));
  const page = events.slice(0, SECURITY_EVENTS_PAGE);
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
  const isolated = (value: unknown) => isolateLtr(text(value));
  return {
    title: t("staff:security.meta"),
    verification: verification
      ? {
          at: formatDateTime(verification.verifiedAt, lang),
          isIntact: verification.isIntact,
          count: formatNumber(verification.eventCount, lang),
          brokenAtId: verification.brokenAtId,
          problem: verification.problem,
          trigger: verification.trigger,
        }
      : null,
    checkpoint: checkpoints.ok
      ? checkpoints.latest
        ? {
            lastId: checkpoints.latest.lastId,
            isEmpty: checkpoints.latest.count === 0,
            count: formatNumber(checkpoints.latest.count, lang),
            at: formatDateTime(new Date(checkpoints.latest.at), lang),
            isForged: false,
          }
        : null
      : { lastId: 0, isEmpty: false, count: "", at: "", isForged: true },
    scanner: runtime.scanner ? { address: isolated(runtime.scanner.address), isUp: Boolean(isScannerUp) } : null,
    awaitingScan,
    events: page.map((event) => ({
      id: event.id,
      at: formatDateTime(event.occurredAt, lang),
      action: event.action as SecurityEventAction,
      what:
        event.action === "security.upload-infected"
          ? t("staff:security.events.upload-infected", { name: isolated(event.details.name), signature: isolated(event.details.signature) })
          : t("staff:security.events.audit-chain-broken", {
              id: text(event.subjectId) || "—",
              problem: t(`staff:security.problems.${text(event.details.problem) || "altered"}` as "staff:security.problems.altered"),
            }),
      subject: event.subjectType === "application" ? event.subjectId : null,
    })),
    next: events.length > SECURITY_EVENTS_PAGE ? page[page.length - 1]!.id : null,
  };
}
