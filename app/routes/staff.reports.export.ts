import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { integratedServices } from "~/catalogue/services";
import { contentDisposition } from "~/http/content-disposition";
import { getPageI18n } from "~/i18n/page.server";
import { requireReportReader } from "~/reports/guard.server";
import { reportCsv, reportTables } from "~/reports/report-page.server";
import { getDb } from "~/runtime.server";

/** One of the report's tables as CSV, for the same choices as the page and the same reader's services. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireReportReader(request);
  const { lang, t } = await getPageI18n(request);
  const params = new URL(request.url).searchParams;
  const table = reportTables.find((candidate) => candidate === params.get("table")) ?? "summary";
  params.delete("table");
  const file = await reportCsv({ db: getDb(), scope, services: integratedServices, params, lang, t, table });
  if (!file) return redirect(`/staff/reports?${params}`);
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", file.name),
      "Cache-Control": "no-store",
    },
  });
}
