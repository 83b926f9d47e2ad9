import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAgencies } from "~/agencies/queries.server";
import { getViewer } from "~/auth/guards.server";
import { getDb } from "~/runtime.server";
import { useRootData } from "~/root";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const rows = await listAgencies(getDb());
  return json({ agencies: rows, isSignedIn: viewer.kind === "citizen" || viewer.kind === "staff" });
}

export default function Home() {
  const { agencies, isSignedIn } = useLoaderData<typeof loader>();
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
            const name = lang === "ar" ? agency.nameAr : agency.nameEn;
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
