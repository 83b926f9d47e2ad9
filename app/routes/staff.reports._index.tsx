import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { integratedServices } from "~/catalogue/services";
import { directionOf } from "~/i18n/config";
import { addressOfAsked } from "~/http/query";
import { getPageI18n } from "~/i18n/page.server";
import { requireReportReader } from "~/reports/guard.server";
import { reportPage } from "~/reports/report-page.server";
import { getDb } from "~/runtime.server";
import { BarChart } from "~/ui/bar-chart";
import { DayField, ErrorSummary, SelectField } from "~/ui/fields";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["reports", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Reports for portal administrators (every service) and supervisors (their agency's): volumes, times, shares and fees over a range of days. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, isAdmin } = await requireReportReader(request);
  const url = new URL(request.url);
  const asked = addressOfAsked(url);
  if (asked) return redirect(asked);
  const { lang, t } = await getPageI18n(request);
  const page = await reportPage({ db: getDb(), scope, services: integratedServices, params: url.searchParams, lang, t, isAdmin });
  return json({ ...page, dir: directionOf(lang) });
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const { t: tStaff } = useTranslation("staff");
  const { values, problems } = data;
  const summaryErrors = (["from", "to", "service"] as const).flatMap((field) => (problems[field] ? [{ field, message: problems[field]! }] : []));
  return (
    <div className="page">
      <p>
        <Link to="/staff">{tStaff("task.back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{data.lead}</p>

      <section className="section" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("filters.title")}</h2>
        {summaryErrors.length ? <ErrorSummary errors={summaryErrors} /> : null}
        <Form method="get" className="form filters" aria-labelledby="filters-title">
          <DayField name="from" label={t("filters.from")} defaultValue={values.from} error={problems.from} />
          <DayField name="to" label={t("filters.to")} defaultValue={values.to} error={problems.to} />
          <SelectField
            name="service"
            label={t("filters.service")}
            placeholder={t("filters.allServices")}
            options={data.serviceOptions}
            defaultValue={values.service}
            error={problems.service}
          />
          <SelectField
            name="bucket"
            label={t("filters.bucket")}
            placeholder={t("filters.day")}
            options={[{ value: "week", label: t("filters.week") }]}
            defaultValue={values.bucket === "week" ? "week" : ""}
          />
          <button type="submit" className="button">
            {t("filters.submit")}
          </button>
        </Form>
      </section>

      {data.isReadable ? (
        <>
          <p className="muted">{data.range}</p>
          <section className="section" aria-labelledby="summary-title">
            <h2 id="summary-title">{t("summary.title")}</h2>
            <Table
              caption={t("summary.caption")}
              empty="—"
              rows={data.summary}
              rowKey={(row) => row.key}
              columns={[
                { header: t("summary.service"), cell: (row) => (row.kind === "service" ? row.name : <strong>{row.name}</strong>) },
                { header: t("summary.received"), cell: (row) => row.received },
                { header: t("summary.approved"), cell: (row) => row.approved },
                { header: t("summary.rejected"), cell: (row) => row.rejected },
                { header: t("summary.withdrawn"), cell: (row) => row.withdrawn },
                { header: t("summary.median"), cell: (row) => row.median },
                { header: t("summary.p90"), cell: (row) => row.p90 },
                { header: t("summary.straightThrough"), cell: (row) => row.straightThrough },
                { header: t("summary.late"), cell: (row) => row.late },
                { header: t("summary.fees"), cell: (row) => row.fees },
              ]}
            />
            <p className="muted">{t("summary.note")}</p>
          </section>

          <section className="section" aria-labelledby="volumes-title">
            <h2 id="volumes-title">{t("volumes.heading")}</h2>
            <BarChart {...data.volumes} dir={data.dir} showTable={t("showTable")} />
          </section>

          <section className="section" aria-labelledby="steps-title">
            <h2 id="steps-title">{t("steps.title")}</h2>
            {data.steps.length ? <BarChart {...data.stepTimes} dir={data.dir} showTable={t("showTable")} orientation="rows" /> : null}
            <Table
              caption={t("steps.caption")}
              empty={t("steps.empty")}
              rows={data.steps}
              rowKey={(row) => row.key}
              columns={[
                { header: t("steps.service"), cell: (row) => row.service },
                { header: t("steps.step"), cell: (row) => row.step },
                { header: t("steps.kind"), cell: (row) => row.kind },
                { header: t("steps.completed"), cell: (row) => row.completed },
                { header: t("steps.median"), cell: (row) => row.median },
                { header: t("steps.p90"), cell: (row) => row.p90 },
                { header: t("steps.late"), cell: (row) => row.late },
              ]}
            />
          </section>

          <section className="section" aria-labelledby="comments-title">
            <h2 id="comments-title">{t("comments.title")}</h2>
            <p className="muted">{t("comments.lead")}</p>
            <Table
              caption={t("comments.caption")}
              empty={t("comments.empty")}
              rows={data.comments}
              rowKey={(row) => row.key}
              columns={[
                { header: t("comments.at"), cell: (row) => row.at },
                { header: t("comments.service"), cell: (row) => row.service },
                { header: t("comments.ratingHeader"), cell: (row) => row.rating },
                { header: t("comments.comment"), cell: (row) => <bdi>{row.comment}</bdi> },
              ]}
            />
          </section>

          {data.exports ? (
            <section className="section" aria-labelledby="downloads-title">
              <h2 id="downloads-title">{t("downloads.title")}</h2>
              <ul className="link-list">
                <li>
                  <a href={data.exports.summary} download>
                    {t("downloads.summary")}
                  </a>
                </li>
                <li>
                  <a href={data.exports.volumes} download>
                    {t("downloads.volumes")}
                  </a>
                </li>
                <li>
                  <a href={data.exports.steps} download>
                    {t("downloads.steps")}
                  </a>
                </li>
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
