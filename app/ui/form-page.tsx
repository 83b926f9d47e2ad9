import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormPageData } from "~/applying/form-page.server";
import { pageErrors } from "~/catalogue/field-view";
import { ErrorSummary, Notice } from "~/ui/fields";
import { FormChannelContext, ServiceField, useReveals } from "~/ui/service-fields";
import { useRef } from "react";

/** One page of the application form (web and kiosk): the loader and action return `FormPageData`. */
export function FormPage() {
  const loaded = useLoaderData<FormPageData>();
  const refused = useActionData<FormPageData>();
  const data = refused ?? loaded;
  const navigation = useNavigation();
  const { t } = useTranslation("apply");
  const errors = pageErrors(data.page.fields);
  const page = useRef<HTMLDivElement>(null);
  useReveals(page);
  return (
    <div className="page page--narrow" ref={page}>
      <p>
        <Link to={data.back}>{t("back")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      {data.unavailable ? (
        <Notice>
          <p>{t("unavailable.notice", { agencies: data.unavailable })}</p>
          <Form method="post" encType="multipart/form-data">
            <button type="submit" name="intent" value="refresh-lookups" className="button button--secondary">
              {t("unavailable.retry")}
            </button>
          </Form>
        </Notice>
      ) : null}
      <p className="muted">
        {data.service} · {t("progress", data.progress)}
      </p>
      <h1>{data.page.title}</h1>
      {data.page.prefilled.length ? (
        <section className="section" aria-labelledby="prefilled">
          <h2 id="prefilled">{t("prefilled.title")}</h2>
          <dl className="summary">
            {data.page.prefilled.map((item) => (
              <div key={item.label}>
                <dt>{item.label}</dt>
                <dd lang={item.lang ?? undefined}>{item.value}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t("prefilled.note")}</p>
        </section>
      ) : null}
      {/* Keyed by what came back, so a refused page shows exactly what was typed. */}
      <Form
        method="post"
        encType="multipart/form-data"
        className="form"
        noValidate
        key={refused ? JSON.stringify(errors) + JSON.stringify(data.page.fields.map((f) => f.name)) : "saved"}
      >
        <FormChannelContext.Provider value={data.channel}>
          {data.page.fields.map((field) => (
            <ServiceField key={field.name} field={field} />
          ))}
        </FormChannelContext.Provider>
        <button type="submit" name="intent" value="save" className="button" disabled={navigation.state === "submitting"}>
          {data.returnsToCheck ? t("saveAndCheck") : t("continue")}
        </button>
      </Form>
      <p className="muted form-note">{t(data.channel === "kiosk" ? "savedAtKiosk" : "savedAsYouGo")}</p>
    </div>
  );
}
