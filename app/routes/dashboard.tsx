import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPersonDetails, listRecentSignIns } from "~/accounts/queries.server";
import { listApplicationsOf, listDraftsOf } from "~/applications/lists.server";
import { requireCitizen } from "~/auth/guards.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { Notice } from "~/ui/fields";
import { Table } from "~/ui/table";
import { getDb, getRuntime } from "~/runtime.server";
import type { ApplicationStatus } from "../../db/schema";
import { displayName } from "~/i18n/names";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply", "dashboard"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const [person, signIns, mine, drafts] = await Promise.all([
    getPersonDetails(db, viewer.person.id),
    listRecentSignIns(db, viewer.accountId),
    listApplicationsOf(db, viewer.person.id),
    listDraftsOf(db, viewer.person.id),
  ]);
  const { catalogue } = getRuntime();
  const serviceTitle = (serviceId: string, version: number) => catalogue.titleOf(serviceId, lang, version);
  const discarded = new URL(request.url).searchParams.get("discarded");
  return json({
    title: t("dashboard:meta.title"),
    name: displayName(viewer.person, lang),
    person: person!,
    signIns: signIns.map((event) => ({ id: event.id, when: formatDateTime(event.occurredAt, lang), channel: event.channel })),
    discarded: discarded ? (catalogue.get(discarded)?.title[lang] ?? null) : null,
    drafts: drafts.map((draft) => ({
      id: draft.id,
      service: serviceTitle(draft.serviceId, draft.serviceVersion),
      saved: formatDateTime(draft.updatedAt, lang),
    })),
    applications: mine.map((application) => ({
      id: application.id,
      reference: application.reference,
      service: serviceTitle(application.serviceId, application.serviceVersion),
      status: application.status,
      submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : null,
    })),
  });
}

export default function Dashboard() {
  const { name, person, signIns, applications, drafts, discarded } = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const { t: tApply } = useTranslation("apply");
  const { t: tc } = useTranslation("common");
  const notProvided = <span className="muted">{t("details.notProvided")}</span>;
  return (
    <>
      {discarded ? <Notice tone="success">{tApply("check.discarded", { service: discarded })}</Notice> : null}
      <h1>{t("greeting", { name })}</h1>

      {drafts.length ? (
        <section className="section" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("drafts.title")}</h2>
          <p className="muted">{t("drafts.lead")}</p>
          <ul className="results">
            {drafts.map((draft) => (
              <li key={draft.id} className="result result--unread">
                <p>
                  <Link to={`/apply/${draft.id}`}>{t("drafts.continue", { service: draft.service })}</Link>
                </p>
                <p className="result__meta">{t("drafts.saved", { at: draft.saved })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="section" aria-labelledby="applications-title">
        <h2 id="applications-title">{t("applications.title")}</h2>
        {applications.length === 0 ? (
          <p>{t("applications.empty")}</p>
        ) : (
          <Table
            rows={applications}
            rowKey={(application) => application.id}
            columns={[
              {
                header: t("applications.reference"),
                cell: (application) => <Link to={`/applications/${application.id}`}>{application.reference}</Link>,
                isLtr: true,
              },
              { header: t("applications.service"), cell: (application) => application.service },
              { header: t("applications.status"), cell: (application) => t(`applications.statuses.${application.status as ApplicationStatus}`) },
              { header: t("applications.submitted"), cell: (application) => application.submitted },
            ]}
          />
        )}
      </section>

      <section className="section" aria-labelledby="details-title">
        <h2 id="details-title">{t("details.title")}</h2>
        <p className="muted">{t("details.source")}</p>
        <dl className="summary">
          <dt>{t("details.name")}</dt>
          <dd>{name}</dd>
          <dt>{t("details.civilId")}</dt>
          <dd className="ltr-value">{person.civilId}</dd>
          <dt>{t("details.nationality")}</dt>
          <dd>{person.nationality === "KWT" ? t("details.kuwaiti") : t("details.other", { code: person.nationality })}</dd>
          <dt>{t("details.phone")}</dt>
          <dd>{person.phone ? <span className="ltr-value">{person.phone}</span> : notProvided}</dd>
          <dt>{t("details.email")}</dt>
          <dd>{person.email ? <span className="ltr-value">{person.email}</span> : notProvided}</dd>
          <dt>{t("details.language")}</dt>
          <dd>{tc(`language.names.${person.preferredLanguage}`)}</dd>
        </dl>
      </section>

      <section className="section" aria-labelledby="activity-title">
        <h2 id="activity-title">{t("activity.title")}</h2>
        <p className="muted">{t("activity.lead")}</p>
        {signIns.length === 0 ? (
          <p>{t("activity.empty")}</p>
        ) : (
          <Table
            rows={signIns}
            rowKey={(signIn) => signIn.id}
            columns={[
              { header: t("activity.when"), cell: (signIn) => signIn.when },
              { header: t("activity.channel"), cell: (signIn) => tc(`channels.${signIn.channel}`) },
            ]}
          />
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
