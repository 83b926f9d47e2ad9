import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAgencies } from "~/agencies/queries.server";
import { catalogueTally } from "~/catalogue/catalogue-search.server";
import { integratedServices } from "~/catalogue/services";
import { categories, type CategoryId, lifeEventOrder, lifeEvents, lifeEventSummaries } from "~/catalogue/taxonomy";
import { getViewer } from "~/auth/guards.server";
import { getDb } from "~/runtime.server";
import { useRootData } from "~/root";
import { TextField } from "~/ui/fields";
import { Icon } from "~/ui/icon";
import type { IconName } from "~/ui/icons";
import { displayName } from "~/i18n/names";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["catalogue", "home"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const [rows, tally] = await Promise.all([listAgencies(getDb()), catalogueTally(getDb(), integratedServices)]);
  const services = integratedServices.map((service) => ({
    id: service.id,
    title: service.title,
    summary: service.summary,
    category: service.category as CategoryId,
  }));
  // The life events and categories that gather at least one service: none leads to an empty list.
  const events = lifeEventOrder.flatMap((id) =>
    tally.events[id] ? [{ id, label: lifeEvents[id], summary: lifeEventSummaries[id], count: tally.events[id] }] : [],
  );
  const browse = (Object.keys(categories) as CategoryId[]).flatMap((id) =>
    tally.categories[id] ? [{ id, label: categories[id], count: tally.categories[id] }] : [],
  );
  return json({ agencies: rows, services, events, categories: browse, isSignedIn: viewer.kind === "citizen" || viewer.kind === "staff" });
}

/** A life event or an area the home page starts from: its picture, its name, what it gathers, and how many services. */
function Tile({ to, icon, label, text, count }: { to: string; icon: IconName; label: string; text?: string; count: number }) {
  const { t } = useTranslation("catalogue");
  return (
    <li>
      <Link to={to} className="tile">
        <Icon name={icon} className="tile__icon" />
        <span className="tile__label">{label}</span>
        {text ? <span className="tile__text">{text}</span> : null}
        <span className="tile__count">{t("results.count", { count })}</span>
      </Link>
    </li>
  );
}

export default function Home() {
  const { agencies, services, events, categories: browse, isSignedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const lang = useRootData()?.lang ?? "ar";
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("hero.title")}</h1>
        <p className="lead">{t("hero.lead")}</p>
        {isSignedIn ? null : (
          <div className="actions">
            <Link to="/sign-in" className="button">
              {t("hero.signIn")}
            </Link>
            <Link to="/staff/sign-in">{t("hero.staff")}</Link>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="events-title">
        <h2 id="events-title">{t("events.title")}</h2>
        <p>{t("events.lead")}</p>
        <ul className="tiles">
          {events.map((event) => (
            <Tile
              key={event.id}
              to={`/services?event=${event.id}`}
              icon={`event:${event.id}`}
              label={event.label[lang]}
              text={event.summary[lang]}
              count={event.count}
            />
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="find-title">
        <h2 id="find-title">{t("find.title")}</h2>
        <Form method="get" action="/services" className="form" role="search">
          <TextField name="q" type="search" label={t("find.label")} hint={t("find.hint")} />
          <button type="submit" className="button">
            {t("find.submit")}
          </button>
        </Form>
        <h3>{t("find.online")}</h3>
        <ul className="cards">
          {services.map((service) => (
            <li key={service.id} className="card">
              <h4>
                <Link to={`/services/${service.id}`}>{service.title[lang]}</Link>
              </h4>
              <p>{service.summary[lang]}</p>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/services">{t("find.all")}</Link>
        </p>
      </section>

      <section className="section" aria-labelledby="categories-title">
        <h2 id="categories-title">{t("categories.title")}</h2>
        <ul className="tiles tiles--small">
          {browse.map((category) => (
            <Tile
              key={category.id}
              to={`/services?category=${category.id}`}
              icon={`category:${category.id}`}
              label={category.label[lang]}
              count={category.count}
            />
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="how-title">
        <h2 id="how-title">{t("how.title")}</h2>
        <ol className="steps">
          {(["apply", "follow", "receive"] as const).map((step) => (
            <li key={step} className="card">
              <h3>{t(`how.${step}.title`)}</h3>
              <p>{t(`how.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="agencies-title">
        <h2 id="agencies-title">{t("agencies.title")}</h2>
        <p>{t("agencies.lead")}</p>
        <ul className="cards">
          {agencies.map((agency) => {
            const name = displayName(agency, lang);
            return (
              <li key={agency.id} className="card">
                <h3>{name}</h3>
                {agency.websiteUrl ? (
                  <p>
                    <a href={agency.websiteUrl} rel="noreferrer external">
                      {t("agencies.visit", { name })}
                    </a>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
