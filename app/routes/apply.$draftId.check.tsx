import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { answersByPage } from "~/catalogue/form-values";
import { describeProblem } from "~/catalogue/messages";
import { pageOfField } from "~/catalogue/pages";
import { runRule } from "~/catalogue/rules";
import type { Field } from "~/catalogue/types";
import { requireOwnDraft } from "~/engine/draft-route.server";
import { discardDraft } from "~/engine/drafts.server";
import { factsOf, submitDraft, validateAnswers } from "~/engine/engine.server";
import { i18nFor } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
import { ErrorSummary } from "~/ui/fields";
import { fieldId } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireOwnDraft(request, params.draftId);
  const { lang, t } = await getPageI18n(request);
  const tForms = i18nFor(lang).getFixedT(lang, "forms");
  const { service, application } = draft;
  const facts = factsOf(application, draft.civilId);
  const checked = validateAnswers(service, facts);
  const problems = checked.ok ? {} : checked.problems;
  const fieldOf = (path: string): Field | undefined => {
    const [id, , sub] = path.split(".");
    const field = pageOfField(service, path)?.fields.find((candidate) => candidate.id === id);
    return field?.type === "group" && sub ? field.fields.find((candidate) => candidate.id === sub) : field;
  };
  const sections = answersByPage(service, facts, lang).map((page) => ({
    id: page.pageId,
    title: page.title,
    rows: page.rows.map((row) => ({ ...row, href: `/apply/${application.id}/${page.pageId}?return=check#${fieldId(row.fieldId)}` })),
  }));
  // The fee as the form's answers set it; a fee that depends on what the agencies answer is described instead.
  const isFeeFromAnswers = service.fee && service.fee.reads.every((read) => read.startsWith("answer:"));
  const fee = service.fee && isFeeFromAnswers && checked.ok ? runRule(service.fee, { ...facts, answers: checked.answers }) : null;
  return json({
    title: t("apply:meta.check", { service: service.title[lang] }),
    draftId: application.id,
    service: service.title[lang],
    sections,
    problems: Object.entries(problems).map(([path, problem]) => {
      const field = fieldOf(path);
      return { field: path, message: field ? describeProblem(tForms, field, problem, lang) : path, href: `/apply/${application.id}/${pageOfField(service, path)?.id ?? ""}?return=check#${fieldId(path)}` };
    }),
    fee: fee === null ? (service.fee ? service.fees[lang] : null) : fee > 0 ? t("apply:check.feeLater", { amount: formatMoney(fee, lang) }) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, draft, db, actor } = await requireOwnDraft(request, params.draftId);
  const form = await request.formData();
  if (form.get("intent") === "discard") {
    await discardDraft(db, viewer.person.id, draft.application.id);
    return redirect(`/dashboard?discarded=${encodeURIComponent(draft.service.id)}`);
  }
  if (form.get("declaration") !== "yes") return json({ declarationMissing: true }, { status: 400 });
  const submitted = await submitDraft(db, { catalogue: getRuntime().catalogue }, { draftId: draft.application.id, applicantPersonId: viewer.person.id, actor });
  // Invalid answers are listed by the loader again; the declaration stays to be ticked.
  if (!submitted.ok) return json({ declarationMissing: false }, { status: 400 });
  return redirect(`/apply/${submitted.applicationId}/submitted`);
}

export default function CheckAnswers() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("apply");
  const errors = [
    ...data.problems.map((problem) => ({ field: problem.field, message: problem.message, href: problem.href })),
    ...(refused?.declarationMissing ? [{ field: "declaration", message: t("check.declarationRequired"), href: `#${fieldId("declaration")}` }] : []),
  ];
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/apply/${data.draftId}`}>{t("back")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <p className="muted">{data.service}</p>
      <h1>{t("check.title")}</h1>
      <p className="lead">{t("check.lead", { service: data.service })}</p>
      {data.sections.map((section) => (
        <section key={section.id} className="section check-answers" aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{section.title}</h2>
          <dl className="summary">
            {section.rows.map((row) => (
              <div key={row.fieldId}>
                <dt>{row.label}</dt>
                <dd>{row.value ? <bdi>{row.value}</bdi> : <span className="muted">{t("check.notAnswered")}</span>}</dd>
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
      {data.problems.length ? (
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
              <input type="checkbox" name="declaration" value="yes" id={fieldId("declaration")} aria-describedby={refused?.declarationMissing ? `declaration-text ${fieldId("declaration")}-error` : "declaration-text"} />{" "}
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
        <p>{t("check.discardLead")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="discard" className="button button--secondary">
            {t("check.discard")}
          </button>
        </Form>
      </section>
    </div>
  );
}
