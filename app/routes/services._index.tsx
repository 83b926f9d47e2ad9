import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAgencies } from "~/agencies/queries.server";
import { searchCatalogue } from "~/catalogue/catalogue-search.server";
import { entryChannels, parseFilters } from "~/catalogue/listing";
import { integratedServices } from "~/catalogue/services";
import { categories, lifeEvents, lifeEventSummaries } from "~/catalogue/taxonomy";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { TextField } from "~/ui/fields";
import { Icon } from "~/ui/icon";
import type { IconName } from "~/ui/icons";
import { displayName } from "~/i18n/names";
import type { RouteHandle } from "~/http/route-handle";
import { compareText } from "~/i18n/format";

export const handle: RouteHandle = { i18n: ["catalogue"] };

const PAGE_SIZE = 20;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "description", content: data?.description }];

// A GET form: it works without JavaScript, and every search has its own address to share.
export async function loader({ request }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const agencies = await listAgencies(getDb());
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams, new Set(agencies.map((agency) => agency.id)));
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const requested = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const search = (page: number) =>
    searchCatalogue(getDb(), { services: integratedServices, agencies: byId, filters, lang, page: { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE } });
  let page = requested;
  let found = await search(page);
  const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
  // A page past the last (an old link, a hand-made address) shows the last.
  if (page > pages) found = await search((page = pages));
  const results = found.entries.map((entry) => {
    const agency = byId.get(entry.agency);
    return {
      id: entry.id,
      kind: entry.kind,
      isPaused: entry.isPaused,
      title: entry.title[lang],
      summary: entry.summary[lang],
      agency: agency ? displayName(agency, lang) : undefined,
      category: categories[entry.category][lang],
      categoryId: entry.category,
    };
  });
  // Browsing one life event or one category (from the home page's tiles): what it gathers, said above its services.
  const chosen: { icon: IconName; title: string; summary: string | null } | null = filters.event
    ? { icon: `event:${filters.event}`, title: lifeEvents[filters.event][lang], summary: lifeEventSummaries[filters.event][lang] }
    : filters.category
      ? { icon: `category:${filters.category}`, title: categories[filters.category][lang], summary: null }
      : null;
  const sorted = [...agencies].sort((a, b) => compareText(displayName(a, lang), displayName(b, lang), lang));
  return json({
    title: t("catalogue:meta.title"),
    description: t("catalogue:meta.description"),
    filters,
    chosen,
    results,
    total: found.total,
    page,
    pages,
    options: {
      agency: sorted.map((agency) => ({ value: agency.id, label: displayName(agency, lang) })),
      category: Object.entries(categories).map(([value, label]) => ({ value, label: label[lang] })),
      event: Object.entries(lifeEvents).map(([value, label]) => ({ value, label: label[lang] })),
      channel: entryChannels.map((value) => ({ value, label: t(`catalogue:channels.${value}`) })),
    },
  });
}

/** The address of another page of the same search. */
function pageLink(filters: Record<string, string | null>, page: number) {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  params.set("page", String(page));
  return `/services?${params}`;
}

export default function Services() {
  const { filters, chosen, results, total, page, pages, options } = useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  const hasFilters = Boolean(filters.q || filters.agency || filters.category || filters.event || filters.channel);
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {chosen ? (
        <div className="chosen">
          <Icon name={chosen.icon} className="chosen__icon" />
          <div>
            <p className="chosen__title">{chosen.title}</p>
            {chosen.summary ? <p>{chosen.summary}</p> : null}
          </div>
        </div>
      ) : null}
      <Form method="get" className="form catalogue-search" role="search">
        <TextField name="q" type="search" label={t("search.label")} hint={t("search.hint")} defaultValue={filters.q} />
        <fieldset className="filters">
          <legend>{t("filters.legend")}</legend>
          {(["agency", "category", "event", "channel"] as const).map((name) => (
            <div className="field" key={name}>
              <label className="field__label" htmlFor={`filter-${name}`}>
                {t(`filters.${name}`)}
              </label>
              <select id={`filter-${name}`} name={name} className="input" defaultValue={filters[name] ?? ""}>
                <option value="">{t("filters.any")}</option>
                {options[name].map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
          {hasFilters ? <Link to="/services">{t("search.clear")}</Link> : null}
        </div>
      </Form>

      <section aria-labelledby="results-count">
        <h2 id="results-count" aria-live="polite">
          {t("results.count", { count: total })}
        </h2>
        {results.length === 0 ? <p>{t("results.none")}</p> : null}
        <ul className="results">
          {results.map((entry) => (
            <li key={entry.id} className="result">
              <h3>
                <Link to={`/services/${entry.id}`}>{entry.title}</Link>
              </h3>
              <p>{entry.summary}</p>
              <p className="result__meta">
                <span className={entry.kind === "integrated" ? "badge badge--brand" : "badge"}>{t(`results.${entry.kind}`)}</span>
                {entry.isPaused ? <span className="badge badge--warning">{t("results.paused")}</span> : null}
                <span>{entry.agency}</span>
                <span className="result__category">
                  <Icon name={`category:${entry.categoryId}`} />
                  {entry.category}
                </span>
              </p>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <nav className="pagination" aria-label={t("results.pages")}>
            <p>{t("results.page", { page, pages })}</p>
            <ul className="inline-list">
              {page > 1 ? (
                <li>
                  <Link to={pageLink(filters, page - 1)} rel="prev">
                    {t("results.previous")}
                  </Link>
                </li>
              ) : null}
              {page < pages ? (
                <li>
                  <Link to={pageLink(filters, page + 1)} rel="next">
                    {t("results.next")}
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
