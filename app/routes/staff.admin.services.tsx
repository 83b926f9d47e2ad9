import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePublication } from "~/administration/catalogue-admin.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { publicationsOf } from "~/catalogue/publication.server";
import { integratedServices } from "~/catalogue/services";
import { readForm } from "~/http/form.server";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { Notice, TextAreaField } from "~/ui/fields";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The integrated services and, per channel, whether they take new applications: published, paused or withdrawn, with the notice shown. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const publications = await publicationsOf(
    getDb(),
    integratedServices.map((service) => service.id),
  );
  return json({
    title: t("staff:services.meta"),
    changed: new URL(request.url).searchParams.get("changed"),
    services: integratedServices.map((service) => ({
      id: service.id,
      title: service.title[lang],
      channels: service.channels.map((channel) => {
        const publication = publications.get(service.id)![channel];
        return {
          channel,
          state: publication.state,
          notice: publication.state === "published" ? null : publication.notice,
          since: publication.state === "published" ? null : formatDateTime(publication.changedAt, lang),
        };
      }),
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const form = await readForm(request);
  const input = {
    serviceId: String(form.get("serviceId") ?? ""),
    channel: String(form.get("channel") ?? ""),
    state: String(form.get("state") ?? ""),
    noticeAr: String(form.get("noticeAr") ?? ""),
    noticeEn: String(form.get("noticeEn") ?? ""),
  };
  const result = await changePublication(
    { db: getDb(), accountId: viewer.accountId, meta: requestMeta(request, context as { requestId?: string; ip?: string }, "back-office"), now: new Date() },
    input,
  );
  if (result.ok) return redirect(`/staff/admin/services?changed=${input.serviceId}`);
  if ("notFound" in result) throw new Response("Not Found", { status: 404 });
  if ("badState" in result) throw new Response("Bad Request", { status: 400 });
  return json({ target: `${input.serviceId}:${input.channel}:${input.state}`, problems: result.problems, values: input }, { status: 400 });
}

export default function Services() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const location = useLocation();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff/admin/catalogue">{t("catalogue.back")}</Link>
      </p>
      {data.changed ? <Notice tone="success">{t("services.changed")}</Notice> : null}
      <h1>{t("services.title")}</h1>
      <p className="lead">{t("services.lead")}</p>
      {data.services.map((service) => (
        <section key={service.id} className="section" aria-labelledby={`service-${service.id}`}>
          <h2 id={`service-${service.id}`}>{service.title}</h2>
          {service.channels.map((channel) => {
            const key = `${service.id}:${channel.channel}`;
            return (
              <div key={key} className="card">
                <h3>{t(`services.channels.${channel.channel}`)}</h3>
                <p>
                  <span className={channel.state === "published" ? "badge badge--on-time" : "badge badge--warning"}>
                    {t(`services.states.${channel.state}`)}
                  </span>
                  {channel.since ? ` ${t("services.since", { date: channel.since })}` : null}
                </p>
                {channel.notice ? (
                  <blockquote>
                    <p lang="ar" dir="rtl">
                      {channel.notice.ar}
                    </p>
                    <p lang="en" dir="ltr">
                      {channel.notice.en}
                    </p>
                  </blockquote>
                ) : null}
                <details open={refused?.target.startsWith(key) ?? false} key={location.key}>
                  <summary>{channel.state === "published" ? t("services.change") : t("services.changeBack")}</summary>
                  {channel.state === "published" ? (
                    (["paused", "withdrawn"] as const).map((state) => {
                      const isRefused = refused?.target === `${key}:${state}`;
                      const problems = isRefused ? refused.problems : {};
                      const values = isRefused ? refused.values : null;
                      const id = (field: string) => `${service.id}-${channel.channel}-${state}-${field}`;
                      const defaultNotice = state === "paused" ? "services.defaultNotice" : "services.defaultWithdrawal";
                      return (
                        <Form
                          key={state}
                          method="post"
                          className="form"
                          noValidate
                          aria-label={t(`services.formLabels.${state}`, { service: service.title, channel: t(`services.channels.${channel.channel}`) })}
                        >
                          <input type="hidden" name="serviceId" value={service.id} />
                          <input type="hidden" name="channel" value={channel.channel} />
                          <input type="hidden" name="state" value={state} />
                          <TextAreaField
                            name="noticeAr"
                            id={id("noticeAr")}
                            label={t("services.noticeAr")}
                            hint={t("services.noticeHint")}
                            error={problems.noticeAr ? t(`services.problems.${problems.noticeAr}`) : undefined}
                            defaultValue={values?.noticeAr ?? t(defaultNotice, { lng: "ar" })}
                            lang="ar"
                            dir="rtl"
                            rows={3}
                            className="input--prose"
                          />
                          <TextAreaField
                            name="noticeEn"
                            id={id("noticeEn")}
                            label={t("services.noticeEn")}
                            error={problems.noticeEn ? t(`services.problems.${problems.noticeEn}`) : undefined}
                            defaultValue={values?.noticeEn ?? t(defaultNotice, { lng: "en" })}
                            lang="en"
                            dir="ltr"
                            rows={3}
                            className="input--prose"
                          />
                          <button type="submit" className={state === "paused" ? "button button--warning" : "button button--secondary"}>
                            {state === "paused" ? t("services.pause") : t("services.withdraw")}
                          </button>
                        </Form>
                      );
                    })
                  ) : (
                    <Form
                      method="post"
                      className="form"
                      noValidate
                      aria-label={t("services.formLabels.published", { service: service.title, channel: t(`services.channels.${channel.channel}`) })}
                    >
                      <input type="hidden" name="serviceId" value={service.id} />
                      <input type="hidden" name="channel" value={channel.channel} />
                      <input type="hidden" name="state" value="published" />
                      <button type="submit" className="button">
                        {t("services.publish")}
                      </button>
                    </Form>
                  )}
                </details>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
