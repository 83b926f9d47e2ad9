import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditPage } from "~/administration/audit-page.server";
import { requireStaff } from "~/auth/guards.server";
import { addressOfAsked } from "~/http/query";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { DayField, ErrorSummary, Notice, SelectField, TextField } from "~/ui/fields";
import { KeysetPages } from "~/ui/pagination";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["audit", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The audit log for portal administrators: searched by who, about whom, which application, what and when; newest first, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const url = new URL(request.url);
  const asked = addressOfAsked(url);
  if (asked) return redirect(asked);
  const { lang, t } = await getPageI18n(request);
  return json(await auditPage({ db: getDb(), catalogue: getRuntime().catalogue, params: url.searchParams, lang, t }));
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("audit");
  const { t: tStaff } = useTranslation("staff");
  const { verification, problems, values } = data;
  const fields = ["actor", "person", "application", "action", "from", "to"] as const;
  const summary = fields.flatMap((field) => (problems[field] ? [{ field, message: problems[field]! }] : []));
  return (
    <div className="page">
      <p>
        <Link to="/staff">{tStaff("task.back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {verification ? (
        verification.isIntact ? (
          <Notice tone="success">
            <p>{t("verification.intact", { at: verification.at, events: verification.events })}</p>
          </Notice>
        ) : (
          <div className="notice notice--warning" role="alert">
            <p>
              <strong>{t("verification.broken", { at: verification.at, id: verification.brokenAtId ?? "—" })}</strong>
            </p>
          </div>
        )
      ) : (
        <p>{t("verification.never")}</p>
      )}
      <p>
        <Link to="/staff/security">{t("verification.details")}</Link>
      </p>

      <section className="section" aria-labelledby="search-title">
        <h2 id="search-title">{t("search.title")}</h2>
        {summary.length ? <ErrorSummary errors={summary} /> : null}
        <Form method="get" className="form filters" role="search" aria-labelledby="search-title">
          <TextField
            name="actor"
            label={t("search.actor")}
            hint={t("search.actorHint")}
            defaultValue={values.actor}
            error={problems.actor}
            dir="ltr"
            autoComplete="off"
          />
          <TextField
            name="person"
            label={t("search.person")}
            hint={t("search.personHint")}
            defaultValue={values.person}
            error={problems.person}
            inputMode="numeric"
            dir="ltr"
            autoComplete="off"
          />
          <TextField
            name="application"
            label={t("search.application")}
            hint={t("search.applicationHint")}
            defaultValue={values.application}
            error={problems.application}
            dir="ltr"
            autoComplete="off"
          />
          <SelectField
            name="action"
            label={t("search.action")}
            placeholder={t("search.anyAction")}
            options={data.actionOptions}
            defaultValue={values.action}
            error={problems.action}
          />
          <DayField name="from" label={t("search.from")} defaultValue={values.from} error={problems.from} />
          <DayField name="to" label={t("search.to")} defaultValue={values.to} error={problems.to} />
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </Form>
        {data.isSearched ? (
          <p>
            <Link to="/staff/admin/audit">{t("search.clear")}</Link>
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="events-title">
        <h2 id="events-title">{t("results.title")}</h2>
        {data.exportUrl && data.events.length ? (
          <p>
            <a href={data.exportUrl} download>
              {t("results.export")}
            </a>
          </p>
        ) : null}
        <Table
          caption={t("results.caption")}
          empty={t("results.empty")}
          rows={data.events}
          rowKey={(event) => event.id}
          columns={[
            { header: t("results.at"), cell: (event) => <time dateTime={event.atIso}>{event.at}</time> },
            {
              header: t("results.actor"),
              cell: (event) => (
                <>
                  {event.actor}
                  {event.actorId ? (
                    <>
                      {" "}
                      <bdi dir="ltr" className="muted">
                        {event.actorId}
                      </bdi>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: t("results.action"), cell: (event) => event.action },
            {
              header: t("results.subject"),
              cell: (event) =>
                event.reference ? (
                  <Link to={`?application=${encodeURIComponent(event.reference)}`} aria-label={t("results.forApplication", { reference: event.reference })}>
                    <bdi dir="ltr">{event.reference}</bdi>
                  </Link>
                ) : (
                  (event.subject ?? "—")
                ),
            },
            { header: t("results.details"), cell: (event) => event.what },
            { header: t("results.channel"), cell: (event) => event.channel },
            { header: t("results.id"), cell: (event) => event.id, isLtr: true },
          ]}
        />
        <KeysetPages
          label={t("results.pages")}
          first={data.first ? { to: data.first, text: t("results.newest") } : null}
          next={data.next ? { to: data.next, text: t("results.older") } : null}
        />
      </section>
    </div>
  );
}
