import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportedEntry, writeCatalogueCsv, writeCatalogueJson } from "~/administration/catalogue-files";
import { requireStaff } from "~/auth/guards.server";
import { contentDisposition } from "~/http/content-disposition";
import { allInformationEntries } from "~/catalogue/entries.server";
import { isCategory } from "~/catalogue/taxonomy";
import { kuwaitToday } from "~/i18n/dates";
import { getDb } from "~/runtime.server";

/** The entries (of one agency or category when asked) as a file an import reads back: CSV or JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const search = new URL(request.url).searchParams;
  const format = search.get("format") === "json" ? "json" : "csv";
  const agency = /^[a-z][a-z0-9-]{0,40}$/.test(search.get("agency") ?? "") ? search.get("agency") : null;
  const category = isCategory(search.get("category") ?? "") ? search.get("category") : null;
  const entries = (await allInformationEntries(getDb(), { agency, category })).map(exportedEntry);
  const name = `nafitha-catalogue-${kuwaitToday()}.${format}`;
  return new Response(format === "json" ? writeCatalogueJson(entries) : writeCatalogueCsv(entries), {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition("attachment", name),
      "Cache-Control": "no-store",
    },
  });
}
