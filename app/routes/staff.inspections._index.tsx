import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { inspectionsOn } from "~/back-office/inspections.server";
import { requireStaff } from "~/auth/guards.server";
import { premisesText, type Premises } from "~/catalogue/services/shared";

import { formatDate, formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { Table, taskColumn } from "~/ui/table";
import { DayField } from "~/ui/fields";
import { addressOfAsked } from "~/http/query";
import { kuwaitToday } from "~/i18n/dates";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The fire force's inspections of a day (today unless chosen): when, where, which application, who holds it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, { agencyId: "kff" });
  const { lang, t } = await getPageI18n(request);
  const url = new URL(request.url);
  const address = addressOfAsked(url);
  if (address) return redirect(address);
  const asked = url.searchParams.get("day") ?? "";
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : kuwaitToday();
  const rows = await inspectionsOn(getDb(), day);
  const isOfficer = viewer.roles.some((grant) => grant.agencyId === "kff" && (grant.role === "supervisor" || grant.position === "prevention-officer"));
  return json({
    title: t("staff:inspections.meta"),
    day,
    dayText: formatDate(new Date(`${day}T12:00:00+03:00`), lang),
    isOfficer,
    rows: rows.map((row) => ({
      id: row.stepInstanceId,
      at: formatDateTime(new Date(`${row.startsAt}:00+03:00`), lang),
      reference: row.reference ?? "",
      premises: premisesText(row.answers as unknown as Premises)[lang],
      isMine: row.assignedAccountId === viewer.accountId,
      isClaimed: row.assignedAccountId !== null,
    })),
  });
}

export default function Inspections() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <h1>{t("inspections.title")}</h1>
      <p className="lead">{t("inspections.lead", { day: data.dayText })}</p>
      <Form method="get" className="form">
        <DayField name="day" label={t("inspections.day")} defaultValue={data.day} />
        <button type="submit" className="button button--secondary">
          {t("inspections.show")}
        </button>
      </Form>
      <Table
        empty={t("inspections.none")}
        caption={t("inspections.title")}
        rows={data.rows}
        rowKey={(row) => row.id}
        columns={[
          { header: t("inspections.at"), cell: (row) => row.at },
          taskColumn(t("inbox.reference")),
          { header: t("inspections.premises"), cell: (row) => <bdi>{row.premises}</bdi> },
          { header: t("inbox.claimedBy"), cell: (row) => (row.isMine ? t("inbox.you") : row.isClaimed ? t("inspections.claimed") : t("inbox.nobody")) },
        ]}
      />
      {data.isOfficer ? (
        <p>
          <Link to="/staff/inspections/slots">{t("slots.link")}</Link>
        </p>
      ) : null}
    </div>
  );
}
