import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { entryFormOptions } from "~/administration/catalogue-pages.server";
import { requireStaff } from "~/auth/guards.server";
import { listInformationEntries } from "~/catalogue/entries.server";
import { categories, isCategory } from "~/catalogue/taxonomy";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { Notice, SelectField, TextField } from "~/ui/fields";
import { KeysetPages } from "~/ui/pagination";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const PAGE_SIZE = 50;
const states = ["offered", "retired", "all"] as const;

/** The catalogue's information entries for its administrators: found by words or id, by agency, category and state, in listed order. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const options = await entryFormOptions(db, lang);
  const agency = options.agencies.some((option) => option.value === search.get("agency")) ? search.get("agency") : null;
  const category = isCategory(search.get("category") ?? "") ? search.get("category") : null;
  const state = states.find((candidate) => candidate === search.get("state")) ?? "offered";
  const q = (search.get("q") ?? "").slice(0, 100);
  const after = /^(\d{1,9}):([a-z0-9-]{1,80})$/.exec(search.get("after") ?? "");
  const { entries, hasMore } = await listInformationEntries(db, {
    q,
    agency,
    category,
    state,
    after: after ? { position: Number(after[1]), id: after[2]! } : null,
    limit: PAGE_SIZE,
  });
  const agencyName = new Map(options.agencies.map((option) => [option.value, option.label]));
  const filters = Object.fromEntries(
    Object.entries({ q, agency, category, state: state === "offered" ? null : state }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const last = entries.at(-1);
  return json({
    title: t("staff:catalogue.meta"),
    filters: { q, agency, category, state },
    options,
    saved: search.get("saved"),
    entries: entries.map((entry) => ({
      id: entry.id,
      title: entry.title[lang],
      agency: agencyName.get(entry.agency) ?? entry.agency,
      category: categories[entry.category][lang],
      isRetired: entry.retiredAt !== null,
    })),
    next: hasMore && last ? `?${new URLSearchParams({ ...filters, after: `${last.position}:${last.id}` })}` : null,
    exports: {
      csv: `/staff/admin/catalogue/export?${new URLSearchParams({ ...filters, format: "csv" })}`,
      json: `/staff/admin/catalogue/export?${new URLSearchParams({ ...filters, format: "json" })}`,
    },
    first: after ? `?${new URLSearchParams(filters)}` : null,
  });
}

export default function CatalogueEntries() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      {data.saved ? <Notice tone="success">{t("catalogue.saved", { id: data.saved })}</Notice> : null}
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.lead")}</p>
      <ul className="inline-list">
        <li>
          <Link to="/staff/admin/catalogue/new" className="button button--secondary">
            {t("catalogue.add")}
          </Link>
        </li>
        <li>
          <Link to="/staff/admin/catalogue/import" className="button button--secondary">
            {t("catalogue.import")}
          </Link>
        </li>
        <li>
          <Link to="/staff/admin/services">{t("catalogue.integrated")}</Link>
        </li>
      </ul>
      <Form method="get" className="form filters" role="search">
        <TextField name="q" type="search" label={t("catalogue.searchLabel")} defaultValue={data.filters.q} />
        <SelectField
          name="agency"
          label={t("catalogue.fields.agency")}
          placeholder={t("catalogue.any")}
          options={data.options.agencies}
          defaultValue={data.filters.agency ?? ""}
        />
        <SelectField
          name="category"
          label={t("catalogue.fields.category")}
          placeholder={t("catalogue.any")}
          options={data.options.categories}
          defaultValue={data.filters.category ?? ""}
        />
        <SelectField
          name="state"
          label={t("catalogue.state")}
          placeholder={t("catalogue.states.offered")}
          options={[
            { value: "retired", label: t("catalogue.states.retired") },
            { value: "all", label: t("catalogue.states.all") },
          ]}
          defaultValue={data.filters.state === "offered" ? "" : data.filters.state}
        />
        <button type="submit" className="button button--secondary">
          {t("catalogue.find")}
        </button>
      </Form>
      <p>
        {t("catalogue.export")} <a href={data.exports.csv}>{t("catalogue.exportCsv")}</a> · <a href={data.exports.json}>{t("catalogue.exportJson")}</a>
      </p>
      <Table
        caption={t("catalogue.list")}
        empty={t("catalogue.empty")}
        rows={data.entries}
        rowKey={(entry) => entry.id}
        columns={[
          {
            header: t("catalogue.fields.title"),
            cell: (entry) => (
              <>
                <Link to={`/staff/admin/catalogue/${entry.id}`}>{entry.title}</Link>
                {entry.isRetired ? <span className="badge badge--expired">{t("catalogue.states.retired")}</span> : null}
              </>
            ),
          },
          { header: t("catalogue.fields.id"), cell: (entry) => <bdi dir="ltr">{entry.id}</bdi> },
          { header: t("catalogue.fields.agency"), cell: (entry) => entry.agency },
          { header: t("catalogue.fields.category"), cell: (entry) => entry.category },
        ]}
      />
      <KeysetPages
        label={t("catalogue.pages")}
        first={data.first ? { to: data.first, text: t("catalogue.firstPage") } : null}
        next={data.next ? { to: data.next, text: t("catalogue.nextPage") } : null}
      />
    </div>
  );
}
