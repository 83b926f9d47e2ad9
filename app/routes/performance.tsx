import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAgencies } from "~/agencies/queries.server";
import { integratedServices } from "~/catalogue/services";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "~/i18n/format";
import { displayName } from "~/i18n/names";
import { getPageI18n } from "~/i18n/page.server";
import { currentPerformance, MIN_APPLICATIONS, MIN_RATINGS, PERFORMANCE_DAYS } from "~/performance/performance.server";
import { formatDuration } from "~/reports/report-page.server";
import { getDb } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["performance"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "description", content: data?.lead }];

/** How the integrated services perform, for anyone: volumes, time to a decision and satisfaction, aggregated so that no one can be told apart. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const [performance, agencies] = await Promise.all([currentPerformance(db, integratedServices), listAgencies(db)]);
  const agencyName = new Map(agencies.map((agency) => [agency.id, displayName(agency, lang)]));
  const day = (value: string) => formatDate(new Date(`${value}T12:00:00+03:00`), lang);
  return json({
    title: t("performance:meta"),
    lead: t("performance:lead", { days: PERFORMANCE_DAYS, from: day(performance.from), to: day(performance.to) }),
    measuredAt: formatDateTime(performance.at, lang),
    services: integratedServices.map((service) => {
      const figures = performance.services.find((one) => one.serviceId === service.id)!;
      return {
        id: service.id,
        title: service.title[lang],
        agency: agencyName.get(service.agency) ?? service.agency,
        received: figures.volumes ? formatNumber(figures.volumes.received, lang) : null,
        approved: figures.volumes ? formatNumber(figures.volumes.approved, lang) : null,
        refused: figures.volumes ? formatNumber(figures.volumes.rejected, lang) : null,
        typical: figures.times ? formatDuration(figures.times.medianSeconds, t) : null,
        nineInTen: figures.times ? formatDuration(figures.times.p90Seconds, t) : null,
        satisfaction: figures.satisfaction
          ? {
              average: formatNumber(Math.round(figures.satisfaction.average * 10) / 10, lang),
              count: formatNumber(figures.satisfaction.count, lang),
              satisfied: formatPercent(figures.satisfaction.satisfiedShare, lang),
            }
          : null,
      };
    }),
    method: t("performance:method", { applications: MIN_APPLICATIONS, ratings: MIN_RATINGS }),
  });
}

export default function PerformancePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("performance");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{data.lead}</p>
      <ul className="performance">
        {data.services.map((service) => (
          <li key={service.id} className="performance__service">
            <section aria-labelledby={`service-${service.id}`}>
              <h2 id={`service-${service.id}`}>{service.title}</h2>
              <p className="muted">{service.agency}</p>
              <dl className="performance__figures">
                <div>
                  <dt>{t("received")}</dt>
                  <dd className={service.received ? undefined : "performance__none"}>{service.received ?? t("tooFew")}</dd>
                </div>
                <div>
                  <dt>{t("approved")}</dt>
                  <dd className={service.approved ? undefined : "performance__none"}>{service.approved ?? t("tooFew")}</dd>
                </div>
                <div>
                  <dt>{t("typical")}</dt>
                  <dd className={service.typical ? undefined : "performance__none"}>{service.typical ?? t("tooFew")}</dd>
                </div>
                <div>
                  <dt>{t("nineInTen")}</dt>
                  <dd className={service.nineInTen ? undefined : "performance__none"}>{service.nineInTen ?? t("tooFew")}</dd>
                </div>
                <div>
                  <dt>{t("satisfaction")}</dt>
                  <dd className={service.satisfaction ? undefined : "performance__none"}>
                    {service.satisfaction
                      ? t("satisfactionValue", {
                          average: service.satisfaction.average,
                          ratings: service.satisfaction.count,
                          satisfied: service.satisfaction.satisfied,
                        })
                      : t("tooFewRatings")}
                  </dd>
                </div>
              </dl>
            </section>
          </li>
        ))}
      </ul>
      <h2>{t("methodTitle")}</h2>
      <p>{data.method}</p>
      <p className="muted">{t("measuredAt", { at: data.measuredAt })}</p>
    </div>
  );
}
