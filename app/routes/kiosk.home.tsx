import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { FinishButton } from "~/ui/kiosk-idle";
import { startDraft } from "~/engine/drafts.server";
import { listApplicationsOf, listCertificatesOf, listDraftsOf } from "~/applications/lists.server";
import { formatDate } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { kioskServices, requireKioskPerson } from "~/kiosk/device.server";
import { getDb, getRuntime, jobDepsOf } from "~/runtime.server";
import { people } from "../../db/schema";
import type { RouteHandle } from "~/http/route-handle";
import { readForm } from "~/http/form.server";
import { displayName } from "~/i18n/names";
import { invariantResponse } from "~/http/invariant";
import { Notice } from "~/ui/fields";
import { Icon } from "~/ui/icon";

export const handle: RouteHandle = { i18n: ["dashboard"], isPersonal: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The signed-in person at the kiosk: the services to start, their applications, their certificates to print, and "finish". */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await requireKioskPerson(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const titleOf = (serviceId: string, version?: number) => catalogue.titleOf(serviceId, lang, version);
  const [[person], drafts, applications, certificates] = await Promise.all([
    db.select({ nameAr: people.nameAr, nameEn: people.nameEn }).from(people).where(eq(people.id, session.personId)),
    listDraftsOf(db, session.personId),
    listApplicationsOf(db, session.personId, 20),
    listCertificatesOf(db, session.personId, 20),
  ]);
  const services = await kioskServices(lang);
  const draftOf = new Map(drafts.map((draft) => [draft.serviceId, draft.id]));
  return json({
    title: t("kiosk:home.meta"),
    name: displayName(person!, lang),
    services: services.map((service) => ({ ...service, draftId: draftOf.get(service.id) ?? null })),
    applications: applications.map((application) => ({
      id: application.id,
      reference: application.reference ?? "",
      service: titleOf(application.serviceId, application.serviceVersion),
      status: application.status,
      submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : "",
    })),
    certificates: certificates.map((certificate) => ({
      number: certificate.number,
      service: titleOf(certificate.serviceId),
      issued: formatDate(certificate.issuedAt, lang),
    })),
  });
}

/** Starts (or resumes) an application for a kiosk service. */
export async function action({ request }: ActionFunctionArgs) {
  const { session } = await requireKioskPerson(request);
  const form = await readForm(request);
  const runtime = getRuntime();
  const started = await startDraft(getDb(), jobDepsOf(runtime), {
    serviceId: String(form.get("service") ?? ""),
    person: { id: session.personId, civilId: session.civilId },
    accountId: null,
    actor: { accountId: null, role: "applicant", personId: session.personId, channel: "kiosk" },
  });
  // Paused since the screen was shown: the screen says so again.
  if (!started.ok && started.reason === "unavailable") return redirect("/kiosk/home");
  invariantResponse(started.ok, "Not Found", { status: 404 });
  return redirect(`/kiosk/apply/${started.draftId}`);
}

export default function KioskHome() {
  const { name, services, applications, certificates } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kiosk");
  const { t: tDashboard } = useTranslation("dashboard");
  return (
    <div className="kiosk-screen">
      <h1>{t("home.greeting", { name })}</h1>
      <section aria-labelledby="services">
        <h2 id="services">{t("home.services")}</h2>
        <ul className="kiosk-list">
          {services.map((service) => (
            <li key={service.id}>
              <p>
                <strong>{service.title}</strong>
              </p>
              <p>{service.summary}</p>
              {service.notice ? (
                <Notice tone="warning">
                  <p>
                    <strong>{t("home.paused")}</strong>
                  </p>
                  <p>{service.notice}</p>
                </Notice>
              ) : null}
              {service.notice && !service.draftId ? null : (
                <Form method="post">
                  <input type="hidden" name="service" value={service.id} />
                  <button type="submit" className="kiosk-button">
                    <Icon name={`category:${service.category}`} />
                    {service.draftId ? t("home.resume", { service: service.title }) : t("home.start", { service: service.title })}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="applications">
        <h2 id="applications">{t("home.applications")}</h2>
        {applications.length === 0 ? (
          <p>{t("home.none")}</p>
        ) : (
          <ul className="kiosk-list">
            {applications.map((application) => (
              <li key={application.id}>
                <p>
                  <strong>{application.service}</strong> <bdi dir="ltr">{application.reference}</bdi>
                </p>
                <p>
                  <span className={`badge badge--status-${application.status}`}>{tDashboard(`applications.statuses.${application.status}`)}</span>{" "}
                  {t("home.submitted", { date: application.submitted })}
                </p>
                <Link to={`/kiosk/applications/${application.id}`} className="kiosk-button kiosk-button--secondary">
                  {t("home.open", { reference: application.reference })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="certificates">
        <h2 id="certificates">{t("home.certificates")}</h2>
        {certificates.length === 0 ? (
          <p>{t("home.noCertificates")}</p>
        ) : (
          <ul className="kiosk-list">
            {certificates.map((certificate) => (
              <li key={certificate.number}>
                <p>
                  <strong>{certificate.service}</strong> <bdi dir="ltr">{certificate.number}</bdi>
                </p>
                <p>{t("home.issued", { date: certificate.issued })}</p>
                <Link to={`/kiosk/print/certificate/${certificate.number}`} className="kiosk-button kiosk-button--secondary">
                  {t("print.certificateAction", { number: certificate.number })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <FinishButton />
    </div>
  );
}
