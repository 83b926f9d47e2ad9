import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAgencies } from "~/agencies/queries.server";
import { listDataReads, listStaffAccess } from "~/accounts/data-use.server";
import { requireCitizen } from "~/auth/guards.server";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { displayName } from "~/i18n/names";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import { isolateLtr } from "~/i18n/bidi";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["datause"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const before = Number.parseInt(new URL(request.url).searchParams.get("before") ?? "", 10);
  const [reads, staff] = await Promise.all([
    listDataReads(db, getRuntime().catalogue, viewer.person.id, Number.isSafeInteger(before) && before > 0 ? before : null),
    listStaffAccess(db, viewer.person.id, viewer.accountId),
  ]);
  const agencyIds = [...new Set([...reads.items.map((read) => read.agencyId), ...staff.flatMap((event) => event.agencyIds)])];
  const names = new Map((await getAgencies(db, agencyIds)).map((agency) => [agency.id, displayName(agency, lang)]));
  return json({
    title: t("datause:meta.title"),
    isFirstPage: !(before > 0),
    next: reads.next,
    reads: reads.items.map((read) => ({
      id: read.id,
      at: formatDateTime(read.at, lang),
      what: read.what[lang],
      holder: names.get(read.agencyId) ?? read.agencyId,
      why: read.purpose[lang],
      service: read.service?.[lang] ?? null,
      reference: read.reference,
      isNotFound: read.outcome === "not-found",
    })),
    staff: staff.map((event) => ({
      id: event.id,
      at: formatDateTime(event.at, lang),
      name: displayName(event, lang),
      agency: event.agencyIds.map((id) => names.get(id) ?? id).join(lang === "ar" ? "، " : ", "),
      action: event.action,
    })),
  });
}

export default function MyData() {
  const { isFirstPage, next, reads, staff } = useLoaderData<typeof loader>();
  const { t } = useTranslation("datause");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section className="section" aria-labelledby="reads">
        <h2 id="reads">{t("reads.title")}</h2>
        {reads.length === 0 ? <p>{t("reads.empty")}</p> : null}
        {reads.length ? (
          <ol className="results">
            {reads.map((read) => (
              <li key={read.id} className="result">
                <h3 className="result__title">
                  {read.what}
                  {read.isNotFound ? <span className="muted"> {t("reads.notFound")}</span> : null}
                </h3>
                <dl className="summary summary--compact">
                  <div>
                    <dt>{t("reads.holder")}</dt>
                    <dd>{read.holder}</dd>
                  </div>
                  <div>
                    <dt>{t("reads.why")}</dt>
                    <dd>{read.why}</dd>
                  </div>
                  <div>
                    <dt>{t("reads.for")}</dt>
                    <dd>
                      <ul className="inline-list">
                        <li>{read.service ?? t("reads.account")}</li>
                        {read.reference ? <li className="nowrap">{t("reads.reference", { reference: isolateLtr(read.reference) })}</li> : null}
                      </ul>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("reads.at")}</dt>
                    <dd>{read.at}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        ) : null}
        {next || !isFirstPage ? (
          <ul className="inline-list pagination">
            {next ? (
              <li>
                <Link to={`/my-data?before=${next}`}>{t("reads.older")}</Link>
              </li>
            ) : null}
            {isFirstPage ? null : (
              <li>
                <Link to="/my-data">{t("reads.newest")}</Link>
              </li>
            )}
          </ul>
        ) : null}
      </section>

      <section className="section" aria-labelledby="staff">
        <h2 id="staff">{t("staff.title")}</h2>
        {staff.length === 0 ? <p>{t("staff.empty")}</p> : null}
        {staff.length ? (
          <ol className="results">
            {staff.map((event) => (
              <li key={event.id} className="result">
                <h3 className="result__title">{t(`staff.actions.${event.action}`, { defaultValue: event.action })}</h3>
                <p className="result__meta">
                  <span>{event.name}</span>
                  <span>{event.agency}</span>
                  <span>{event.at}</span>
                </p>
              </li>
            ))}
          </ol>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
