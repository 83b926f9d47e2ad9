import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAgencies } from "~/agencies/queries.server";
import { requireCitizen } from "~/auth/guards.server";
import { getOwnApplication } from "~/engine/applicant-view.server";
import { getTimeline } from "~/engine/history.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import type { ApplicationStatus } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const found = await getOwnApplication(db, catalogue, viewer.person.id, params.id ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  if (found.application.status === "draft") throw redirect(`/apply/${found.application.id}`);
  const { application, service, openSteps, reasons, certificate } = found;
  const [timeline, agencies] = await Promise.all([
    getTimeline(db, catalogue, application, lang),
    getAgencies(db, [...new Set(openSteps.flatMap((step) => (step.agencyId ? [step.agencyId] : [])))]),
  ]);
  const agencyName = new Map(agencies.map((agency) => [agency.id, lang === "ar" ? agency.nameAr : agency.nameEn]));
  return json({
    title: t("application:meta.title", { reference: application.reference ?? "" }),
    reference: application.reference ?? "",
    service: service?.title[lang] ?? application.serviceId,
    status: application.status as ApplicationStatus,
    submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : "",
    openSteps: openSteps.map((step) => ({
      id: step.id,
      title: step.title[lang],
      who: step.isYours ? ("you" as const) : step.agencyId ? ("agency" as const) : ("portal" as const),
      agency: step.agencyId ? (agencyName.get(step.agencyId) ?? step.agencyId) : null,
      instructions: step.instructions?.[lang] ?? null,
      since: formatDateTime(step.startedAt, lang),
      deadline: step.deadlineAt && !step.isYours ? formatDateTime(step.deadlineAt, lang) : null,
      isLate: step.lateAt !== null,
      isPaused: step.pausedAt !== null,
    })),
    reasons: reasons.map((reason) => reason[lang]),
    certificate,
    timeline,
  });
}

export default function ApplicationPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("application");
  const { t: tDashboard } = useTranslation("dashboard");
  return (
    <div className="page">
      <p>
        <Link to="/dashboard">{t("back")}</Link>
      </p>
      <h1>
        <bdi dir="ltr">{data.reference}</bdi>
      </h1>
      <p className="lead">{t("lead", { service: data.service, submitted: data.submitted })}</p>
      <p>
        <span className="muted">{t("status")}</span> <span className={`badge badge--status-${data.status}`}>{tDashboard(`applications.statuses.${data.status}`)}</span>
      </p>

      <section className="section" aria-labelledby="open">
        <h2 id="open">{t("open.title")}</h2>
        {data.openSteps.length === 0 ? <p>{t("open.none")}</p> : null}
        <ul className="results">
          {data.openSteps.map((step) => (
            <li key={step.id} className={step.who === "you" ? "result result--unread" : "result"}>
              <h3 className="result__title">{step.title}</h3>
              <p>{step.who === "agency" ? t("open.agency", { agency: step.agency }) : t(`open.${step.who}`)}</p>
              {step.instructions ? <p>{step.instructions}</p> : null}
              <p className="result__meta">
                <span>{t("open.since", { at: step.since })}</span>
                {step.deadline ? <span>{t("open.deadline", { at: step.deadline })}</span> : null}
                {step.isLate ? <span className="badge badge--late">{t("open.late")}</span> : null}
                {step.isPaused ? <span>{t("open.paused")}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      </section>

      {data.reasons.length ? (
        <section className="section" aria-labelledby="reasons">
          <h2 id="reasons">{t("reasons.title")}</h2>
          <ul>
            {data.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.certificate ? (
        <section className="section" aria-labelledby="certificate">
          <h2 id="certificate">{t("certificate.title")}</h2>
          {data.certificate.status === "revoked" ? (
            <p>{t("certificate.revoked")}</p>
          ) : (
            <p>
              <a href={`/certificates/${data.certificate.number}.pdf`} className="button" download>
                {t("certificate.download", { number: data.certificate.number })}
              </a>
            </p>
          )}
        </section>
      ) : null}

      <section className="section" aria-labelledby="timeline">
        <h2 id="timeline">{t("timeline.title")}</h2>
        {data.timeline.length === 0 ? <p>{t("timeline.empty")}</p> : null}
        <ol className="results">
          {data.timeline.map((entry) => (
            <li key={entry.id} className="result">
              <p>
                <strong>{entry.what}</strong>
              </p>
              {entry.comment ? <blockquote className="comment">{entry.comment}</blockquote> : null}
              <p className="result__meta">
                <span>{entry.who}</span>
                {entry.step ? <span>{entry.step}</span> : null}
                <time dateTime={entry.atIso}>{entry.at}</time>
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
