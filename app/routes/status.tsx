import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { cachedStatus, componentNamer, noticeDisplay, type NoticeView } from "~/ops/status.server";
import { NoticeSummary, type NoticeDisplay } from "~/ui/status-banners";
import { getDb } from "~/runtime.server";
import { kuwaitTime } from "~/i18n/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const read = await cachedStatus(getDb());
  const title = t("status:meta.title");
  const headers = { "Cache-Control": "public, max-age=30" };
  if (!read.model) return json({ title, status: null }, { headers });
  const { model } = read;
  const nameOf = componentNamer(
    t,
    lang,
    model.components.map(({ id, nameAr, nameEn }) => ({ id, nameAr, nameEn })),
  );
  const notice = (one: NoticeView) => noticeDisplay(one, lang, t, nameOf);
  return json(
    {
      title,
      status: {
        asOf: kuwaitTime(model.madeAt),
        isStale: read.isStale,
        isAllWell: model.components.every((component) => component.status === "operational"),
        components: model.components.map((component) => ({
          id: component.id,
          name: nameOf(component.id),
          status: component.status,
          days: component.days.map((day) => ({ day: day.day, label: formatDate(new Date(`${day.day}T12:00:00+03:00`), lang), status: day.status })),
        })),
        current: model.current.map(notice),
        past: model.past.map(notice),
      },
    },
    { headers },
  );
}

export default function Status() {
  const { status } = useLoaderData<typeof loader>();
  const { t } = useTranslation("status");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {!status ? (
        <p className="notice notice--warning" role="status">
          {t("unavailable")}
        </p>
      ) : (
        <>
          {status.isStale ? (
            <p className="notice notice--warning" role="status">
              {t("stale", { time: status.asOf })}
            </p>
          ) : null}
          <p className={`notice ${status.isAllWell ? "notice--success" : "notice--warning"}`}>
            <strong>{status.isAllWell ? t("overall.operational") : t("overall.issues")}</strong>{" "}
            <span className="muted">{t("asOf", { time: status.asOf })}</span>
          </p>
          <section className="section" aria-labelledby="current">
            <h2 id="current">{t("current.title")}</h2>
            {status.current.length === 0 ? <p>{t("current.none")}</p> : status.current.map((notice) => <NoticeCard key={notice.id} notice={notice} />)}
          </section>
          <section className="section" aria-labelledby="components">
            <h2 id="components">{t("components.title")}</h2>
            <p className="muted">{t("days.legend")}</p>
            <ul className="status-list">
              {status.components.map((component) => (
                <li key={component.id} className="status-list__item" data-component={component.id} data-status={component.status}>
                  <div className="status-list__head">
                    <span className="status-list__name">{component.name}</span>
                    <span className={`status-badge status-badge--${component.status}`}>{t(`states.${component.status}`)}</span>
                  </div>
                  <ol className="status-days" aria-label={t("days.label", { name: component.name })}>
                    {component.days.map((day) => (
                      <li
                        key={day.day}
                        className={`status-day status-day--${day.status}`}
                        data-day={day.day}
                        data-status={day.status}
                        title={t("days.day", { day: day.label, state: t(`states.${day.status}`) })}
                      >
                        <span className="visually-hidden">{t("days.day", { day: day.label, state: t(`states.${day.status}`) })}</span>
                      </li>
                    ))}
                  </ol>
                  <div className="status-days__ends muted" aria-hidden="true">
                    <span>{t("days.start")}</span>
                    <span>{t("days.end")}</span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section className="section" aria-labelledby="past">
            <h2 id="past">{t("past.title")}</h2>
            {status.past.length === 0 ? <p>{t("past.none")}</p> : status.past.map((notice) => <NoticeCard key={notice.id} notice={notice} />)}
          </section>
        </>
      )}
    </div>
  );
}

function NoticeCard({ notice }: { notice: NoticeDisplay }) {
  return (
    <article className="card status-notice" data-notice-kind={notice.kind} aria-labelledby={`notice-${notice.id}`}>
      <NoticeSummary notice={notice} />
    </article>
  );
}
