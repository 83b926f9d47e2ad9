import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAgencies } from "~/agencies/queries.server";
import { agenciesUnderMaintenance } from "~/exchange/links.server";
import { requireStaff } from "~/auth/guards.server";
import { displayName } from "~/i18n/names";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";
import { compareText } from "~/i18n/format";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The agencies of the portal, for its administrators. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const agencies = await listAgencies(db);
  const underMaintenance = await agenciesUnderMaintenance(
    db,
    agencies.map((agency) => agency.id),
  );
  const saved = agencies.find((agency) => agency.id === new URL(request.url).searchParams.get("saved"));
  return json({
    title: t("staff:agencies.meta"),
    saved: saved ? displayName(saved, lang) : null,
    agencies: agencies
      .map((agency) => ({
        id: agency.id,
        nameAr: agency.nameAr,
        nameEn: agency.nameEn,
        name: displayName(agency, lang),
        websiteUrl: agency.websiteUrl,
        isUnderMaintenance: underMaintenance.has(agency.id),
      }))
      .sort((a, b) => compareText(a.name, b.name, lang)),
  });
}

export default function Agencies() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      {data.saved ? <Notice tone="success">{t("agencies.saved", { name: data.saved })}</Notice> : null}
      <h1>{t("agencies.title")}</h1>
      <p className="lead">{t("agencies.lead")}</p>
      <p>
        <Link to="/staff/admin/agencies/new" className="button button--secondary">
          {t("agencies.add")}
        </Link>
      </p>
      <Table
        caption={t("agencies.list")}
        empty={t("agencies.list")}
        rows={data.agencies}
        rowKey={(agency) => agency.id}
        columns={[
          { header: t("agencies.nameAr"), cell: (agency) => <span lang="ar">{agency.nameAr}</span> },
          { header: t("agencies.nameEn"), cell: (agency) => <span lang="en">{agency.nameEn}</span> },
          { header: t("agencies.id"), cell: (agency) => <bdi dir="ltr">{agency.id}</bdi> },
          {
            header: t("agencies.website"),
            cell: (agency) => (agency.websiteUrl ? <bdi dir="ltr">{agency.websiteUrl}</bdi> : <span className="muted">{t("agencies.noWebsite")}</span>),
          },
          {
            header: t("agencies.status"),
            cell: (agency) =>
              agency.isUnderMaintenance ? <span className="badge badge--retiring">{t("agencies.statusMaintenance")}</span> : t("agencies.statusConnected"),
          },
          {
            header: t("agencies.edit"),
            cell: (agency) => (
              <Link to={`/staff/admin/agencies/${agency.id}`} aria-label={t("agencies.editLabel", { name: agency.name })}>
                {t("agencies.edit")}
              </Link>
            ),
          },
        ]}
      />
    </div>
  );
}
