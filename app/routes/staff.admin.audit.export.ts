import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/describe.server";
import { auditSearchString, readAuditFilters } from "~/audit/log-filters";
import { auditSearchOf, searchAuditLog } from "~/audit/log.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { contentDisposition } from "~/http/content-disposition";
import { CSV_BOM, csvLine } from "~/http/csv";
import { kuwaitToday } from "~/i18n/dates";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";

const BATCH = 1000;

/**
 * The events of a search as CSV, in the reader's language, newest first: streamed a thousand at a
 * time, so that the whole log can be downloaded without holding it in memory. The download is
 * itself recorded, with the search it was for.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const catalogue = getRuntime().catalogue;
  const read = readAuditFilters(new URL(request.url).searchParams);
  const query = auditSearchString(read.values);
  const search = Object.keys(read.problems).length === 0 ? await auditSearchOf(db, read.filters) : null;
  if (!search?.ok) return redirect(`/staff/admin/audit${query ? `?${query}` : ""}`);
  await recordAudit(db, {
    ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
    actorAccountId: viewer.accountId,
    action: "audit.exported",
    details: { search: query },
  });
  const encoder = new TextEncoder();
  const columns = ["id", "at", "actor", "actorId", "channel", "action", "subject", "details", "ip", "requestId"] as const;
  let before: number | null = null;
  let isStarted = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const header = isStarted ? "" : CSV_BOM + csvLine(columns.map((column) => t(`audit:csv.${column}`)));
      isStarted = true;
      const page = await searchAuditLog(db, search.where, before, BATCH);
      const events = await describeAuditEvents(db, catalogue, page.events, lang, t);
      const lines = events.map((event) =>
        csvLine([
          String(event.id),
          event.atIso,
          event.actor,
          event.actorId ?? "",
          event.channel,
          event.action,
          event.subject ?? "",
          event.what,
          event.ip ?? "",
          event.requestId ?? "",
        ]),
      );
      controller.enqueue(encoder.encode(header + lines.join("")));
      if (page.next === null) controller.close();
      else before = page.next;
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", `nafitha-audit-${kuwaitToday()}.csv`),
      "Cache-Control": "no-store",
    },
  });
}
