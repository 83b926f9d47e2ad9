import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CheckPageData, CheckPageRefusal } from "~/applying/check-page.server";
import { ErrorSummary, Notice } from "~/ui/fields";
import { fieldId } from "~/ui/form";

/** Check your answers, the declaration and submit (web and kiosk): the loader returns `CheckPageData`. */
export function CheckAnswers() {
  const data = useLoaderData<CheckPageData>();
  const refused = useActionData<CheckPageRefusal>();
  const navigation = useNavigation();
  const { t } = useTranslation("apply");
  const errors = [
    ...data.problems.map((problem) => ({ field: problem.field, message: problem.message, href: problem.href })),
    ...(refused?.declarationMissing ? [{ field: "declaration", message: t("check.declarationRequired"), href: `#${fieldId("declaration")}` }] : []),
  ];
  return (
    <div className="page page--narrow">
      <p>
        <Link to={data.back}>{t("back")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <p className="muted">{data.service}</p>
      <h1>{t("check.title")}</h1>
      <p className="lead">{t("check.lead", { service: data.service })}</p>
      {data.awaitingScan ? <Notice>{t("check.awaitingScan", { count: data.awaitingScan })}</Notice> : null}
      {data.unavailable ? (
        <Notice tone="warning">
          <p>
            <strong>{t("check.unavailable")}</strong>
          </p>
          <p>{data.unavailable}</p>
        </Notice>
      ) : null}
      {data.sections.map((section) => (
        <section key={section.id} className="section check-answers" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{section.title}</h2>
          <dl className="summary">
            {section.rows.map((row) => (
              <div key={row.fieldId}>
                <dt>{row.label}</dt>
                <dd>{row.value ? <bdi lang={row.lang ?? undefined}>{row.value}</bdi> : <span className="muted">{t("check.notAnswered")}</span>}</dd>
                <dd className="check-answers__change">
                  {row.isPrefilled ? null : (
                    <Link to={row.href}>
                      {t("check.change")}
                      <span className="visually-hidden"> {row.label}</span>
                    </Link>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {data.fee ? (
        <section className="section" aria-labelledby="fee">
          <h2 id="fee">{t("check.feeTitle")}</h2>
          <p>{data.fee}</p>
        </section>
      ) : null}
      {data.unavailable ? null : data.problems.length ? (
        <p className="field__error">{t("check.problems")}</p>
      ) : (
        <Form method="post" className="form" noValidate>
          <h2>{t("check.declarationTitle")}</h2>
          <div className={refused?.declarationMissing ? "field field--error declaration" : "field declaration"}>
            <p id="declaration-text">{t("check.declaration")}</p>
            {refused?.declarationMissing ? (
              <p className="field__error" id={`${fieldId("declaration")}-error`}>
                {t("check.declarationRequired")}
              </p>
            ) : null}
            <label className="choice">
              <input
                type="checkbox"
                name="declaration"
                value="yes"
                id={fieldId("declaration")}
                aria-describedby={refused?.declarationMissing ? `declaration-text ${fieldId("declaration")}-error` : "declaration-text"}
              />{" "}
              {t("check.declarationConfirm")}
            </label>
          </div>
          <button type="submit" name="intent" value="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("check.submit")}
          </button>
        </Form>
      )}
      <section className="section" aria-labelledby="discard">
        <h2 id="discard">{t("check.discardTitle")}</h2>
        {refused?.isConfirmingDiscard ? (
          <div className="notice notice--warning" role="alert">
            <p>
              <strong>{t("check.discardConfirmTitle")}</strong>
            </p>
            <p>{t("check.discardConfirmLead")}</p>
            <Form method="post" className="actions">
              <button type="submit" name="intent" value="discard-confirmed" className="button button--warning">
                {t("check.discardConfirm")}
              </button>
              <Link to={data.here} className="button button--secondary" replace>
                {t("check.discardKeep")}
              </Link>
            </Form>
          </div>
        ) : (
          <>
            <p>{t("check.discardLead")}</p>
            <Form method="post">
              <button type="submit" name="intent" value="discard" className="button button--secondary">
                {t("check.discard")}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
