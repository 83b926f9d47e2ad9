import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPageI18n } from "~/i18n/page.server";
import { kioskServices, requireKioskDevice } from "~/kiosk/device.server";
import { Icon } from "~/ui/icon";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The kiosk's attract screen: the language, the services offered here, and how to begin (the civil-ID card). */
export async function loader({ request }: LoaderFunctionArgs) {
  const kiosk = await requireKioskDevice(request);
  const { lang, t } = await getPageI18n(request);
  return json({
    title: t("kiosk:attract.meta"),
    location: lang === "ar" ? kiosk.locationAr : kiosk.locationEn,
    services: (await kioskServices(lang)).filter((service) => !service.notice),
  });
}

export default function Attract() {
  const { location, services } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kiosk");
  return (
    <div className="kiosk-screen">
      <h1>{t("attract.title")}</h1>
      <p className="lead">{t("attract.lead")}</p>
      <div className="kiosk-languages" role="group" aria-label={t("attract.language")}>
        {(["ar", "en"] as const).map((language) => (
          <Form key={language} method="post" action="/language">
            <input type="hidden" name="language" value={language} />
            <input type="hidden" name="redirectTo" value="/kiosk" />
            <button type="submit" className="kiosk-button kiosk-button--secondary" lang={language}>
              {t(`attract.languages.${language}`)}
            </button>
          </Form>
        ))}
      </div>
      {/* Every way in starts with the card: the person's own page then offers all of it. */}
      <section aria-labelledby="services" className="kiosk-actions">
        <h2 id="services">{t("attract.services")}</h2>
        {services.map((service) => (
          <Link key={service.id} to="/kiosk/sign-in" className="kiosk-button">
            <Icon name={`category:${service.category}`} />
            {t("attract.start", { service: service.title })}
          </Link>
        ))}
      </section>
      <div className="kiosk-actions">
        <Link to="/kiosk/sign-in" className="kiosk-button kiosk-button--secondary">
          {t("attract.check")}
        </Link>
        <Link to="/kiosk/sign-in" className="kiosk-button kiosk-button--secondary">
          {t("attract.print")}
        </Link>
      </div>
      <p className="kiosk-note">{t("attract.card")}</p>
      <p className="muted">{location}</p>
    </div>
  );
}
