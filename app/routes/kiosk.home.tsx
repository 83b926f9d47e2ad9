import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { listApplicationsOf } from "~/engine/lists.server";
import { formatDate } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { kioskNoStore, requireKioskPerson } from "~/kiosk/device.server";
import { people } from "../../db/schema";
import { getDb, getRuntime } from "~/runtime.server";
import { eq } from "drizzle-orm";

export const handle = { chrome: "kiosk" };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The signed-in person at the kiosk: their applications and where each stands, and "finish". */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await requireKioskPerson(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const [[person], applications] = await Promise.all([db.select({ nameAr: people.nameAr, nameEn: people.nameEn }).from(people).where(eq(people.id, session.personId)), listApplicationsOf(db, session.personId, 20)]);
  return json(
    {
      title: t("kiosk:home.meta"),
      name: lang === "ar" ? person!.nameAr : person!.nameEn,
      applications: applications.map((application) => ({
        id: application.id,
        reference: application.reference ?? "",
        service: catalogue.get(application.serviceId, application.serviceVersion)?.title[lang] ?? application.serviceId,
        status: application.status,
        submitted: application.submittedAt ? formatDate(application.submittedAt, lang) : "",
      })),
    },
    { headers: kioskNoStore },
  );
}

const IDLE_MS = 60_000;
const COUNTDOWN_S = 20;

/** After a minute without a touch, a 20-second countdown; then the session ends (as "finish" does). */
function IdleGuard() {
  const { t } = useTranslation("kiosk");
  // The countdown runs to a moment, not by ticks: a sleeping or throttled screen still ends on time.
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [left, setLeft] = useState(COUNTDOWN_S);
  const finish = useRef<HTMLFormElement>(null);
  useEffect(() => {
    let idle = setTimeout(() => setEndsAt(Date.now() + COUNTDOWN_S * 1000), IDLE_MS);
    const touched = () => {
      clearTimeout(idle);
      setEndsAt(null);
      idle = setTimeout(() => setEndsAt(Date.now() + COUNTDOWN_S * 1000), IDLE_MS);
    };
    const events = ["pointerdown", "keydown", "touchstart"] as const;
    events.forEach((name) => window.addEventListener(name, touched));
    return () => {
      clearTimeout(idle);
      events.forEach((name) => window.removeEventListener(name, touched));
    };
  }, []);
  useEffect(() => {
    if (endsAt === null) return;
    const tick = () => {
      const remaining = Math.ceil((endsAt - Date.now()) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) finish.current?.requestSubmit();
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [endsAt]);
  return (
    <>
      <Form method="post" action="/kiosk/finish" ref={finish} hidden>
        <input type="hidden" name="reason" value="idle" />
      </Form>
      {endsAt !== null && left > 0 ? (
        <div className="kiosk-idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
          <h2 id="idle-title">{t("idle.title")}</h2>
          <p id="idle-body">{t("idle.body", { count: left })}</p>
          <button type="button" className="kiosk-button">
            {t("idle.stay")}
          </button>
        </div>
      ) : null}
    </>
  );
}

export default function KioskHome() {
  const { name, applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("kiosk");
  const { t: tDashboard } = useTranslation("dashboard");
  return (
    <div className="kiosk-screen">
      <IdleGuard />
      <h1>{t("home.greeting", { name })}</h1>
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
                  <span className={`badge badge--status-${application.status}`}>{tDashboard(`applications.statuses.${application.status}`)}</span> {t("home.submitted", { date: application.submitted })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Form method="post" action="/kiosk/finish">
        <button type="submit" className="kiosk-button">
          {t("home.finish")}
        </button>
      </Form>
    </div>
  );
}
