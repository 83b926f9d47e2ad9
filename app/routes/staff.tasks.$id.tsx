import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { rawValuesOf } from "~/catalogue/form-values";
import { assignTask, decideTask } from "~/engine/transitions.server";
import { getTaskForClerk } from "~/back-office/task-view.server";
import { pageErrors, type TypedValues } from "~/catalogue/field-view";
import { taskPage, VALUE_PREFIX, type TaskRefusal } from "~/back-office/task-page.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { ErrorSummary, Notice } from "~/ui/fields";
import { fieldId } from "~/ui/form";
import { FactList } from "~/ui/fact-list";
import { ServiceField } from "~/ui/service-fields";
import { Reasons } from "~/ui/reasons";
import { Timeline } from "~/ui/timeline";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function pageData(request: Request, context: unknown, taskId: string, refused?: TaskRefusal) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const page = await taskPage({ viewer, lang, t, meta, taskId, refused });
  invariantResponse(page, "Not Found", { status: 404 });
  return page;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return json(await pageData(request, context, params.id ?? ""));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const task = await getTaskForClerk(db, catalogue, viewer, params.id ?? "");
  invariantResponse(task, "Not Found", { status: 404 });
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "decide");
  if (intent === "claim" || intent === "release" || intent === "assign") {
    const to = intent === "claim" ? viewer.accountId : intent === "release" ? null : String(form.get("to") ?? "") || null;
    const claimed = await assignTask(db, { stepInstanceId: task.instance.id, actor: task.actor, to });
    if (claimed.ok) return redirect(`/staff/tasks/${task.instance.id}`);
    return json(await pageData(request, context, task.instance.id, { reason: claimed.reason, problems: {}, typed: {}, comment: "", fieldsToFix: [] }), {
      status: 409,
    });
  }
  const action = String(form.get("action") ?? "");
  const comment = String(form.get("comment") ?? "");
  const fieldsToFix = form.getAll("fieldsToFix").map(String);
  const values = rawValuesOf(task.step.fields ?? [], form, VALUE_PREFIX);
  const result = await decideTask(
    db,
    { catalogue },
    {
      stepInstanceId: task.instance.id,
      expectedVersion: Number(form.get("version")),
      action,
      comment,
      values,
      fieldsToFix,
      actor: task.actor,
    },
  );
  if (result.ok) return redirect(`/staff?decided=${encodeURIComponent(task.application.reference ?? "")}`);
  const typed: TypedValues = {};
  for (const [name, value] of form) if (typeof value === "string") typed[name] = value;
  return json(await pageData(request, context, task.instance.id, { reason: result.reason, problems: result.problems ?? {}, typed, comment, fieldsToFix }), {
    status: result.reason === "already-decided" ? 409 : 400,
  });
}

export default function Task() {
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const data = refused ?? loaded;
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const commentId = fieldId("comment");
  const errors = [...pageErrors(data.fields), ...(data.refusal === "comment-required" ? [{ field: "comment", message: t("task.commentRequired") }] : [])];
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <p className="muted">
        {data.service} · <bdi dir="ltr">{data.reference}</bdi>
      </p>
      <h1>{data.step}</h1>
      {data.refusal === "already-decided" && data.decidedBy ? (
        <Notice>{t("task.decidedBy", { name: data.decidedBy })}</Notice>
      ) : data.refusal && data.refusal !== "comment-required" && data.refusal !== "invalid-answers" ? (
        <Notice>{t(`task.refused.${data.refusal}`)}</Notice>
      ) : null}
      <dl className="summary">
        <dt>{t("task.applicant")}</dt>
        <dd>
          {data.applicant.name} (<bdi dir="ltr">{data.applicant.civilId}</bdi>)
        </dd>
        {data.deadline ? (
          <>
            <dt>{t("task.deadline")}</dt>
            <dd>
              {data.deadline} {data.isLate ? <span className="badge badge--late">{t("task.late")}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>

      {data.isOpen ? (
        <section className="section claim" aria-labelledby="claim">
          <h2 id="claim">{t("task.claimTitle")}</h2>
          <p>{data.claim.holder ? (data.claim.isMine ? t("task.claimedByYou") : t("task.claimedBy", { name: data.claim.holder })) : t("task.unclaimed")}</p>
          <div className="actions">
            {!data.claim.holder ? (
              <Form method="post">
                <button type="submit" name="intent" value="claim" className="button">
                  {t("task.claim")}
                </button>
              </Form>
            ) : null}
            {data.claim.holder && (data.claim.isMine || data.claim.isSupervisor) ? (
              <Form method="post">
                <button type="submit" name="intent" value="release" className="button button--secondary">
                  {t("task.release")}
                </button>
              </Form>
            ) : null}
          </div>
          {data.claim.isSupervisor && data.claim.clerks.length ? (
            <Form method="post" className="form">
              <div className="field">
                <label className="field__label" htmlFor="field-to">
                  {t("task.reassignTo")}
                </label>
                <select id="field-to" name="to" className="input">
                  {data.claim.clerks.map((clerk) => (
                    <option key={clerk.accountId} value={clerk.accountId}>
                      {clerk.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="assign" className="button button--secondary">
                {t("task.reassign")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section className="section check-answers" aria-labelledby="answers">
        <h2 id="answers">{t("task.answers")}</h2>
        {data.answers.map((page) => (
          <div key={page.title}>
            <h3>{page.title}</h3>
            <dl className="summary">
              {page.rows.map((row) => (
                <div key={row.fieldId}>
                  <dt>{row.label}</dt>
                  <dd>
                    {row.fileId && data.heldFiles[row.fileId] ? (
                      <>
                        <bdi>{row.value}</bdi> <strong className="badge badge--late">{t(`task.scan.${data.heldFiles[row.fileId]!}`)}</strong>
                      </>
                    ) : row.fileId ? (
                      <a href={`/staff/documents/${row.fileId}`} target="_blank" rel="noreferrer">
                        {row.value}
                      </a>
                    ) : row.value ? (
                      <bdi lang={row.lang ?? undefined}>{row.value}</bdi>
                    ) : (
                      <span className="muted">{t("task.notGiven")}</span>
                    )}
                  </dd>
                  <dd className="check-answers__change muted">{row.isPrefilled ? t("task.fromAgency") : null}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      {data.figures.length ? (
        <section className="section" aria-labelledby="figures">
          <h2 id="figures">{t("task.figures")}</h2>
          <FactList facts={data.figures} />
        </section>
      ) : null}

      <Reasons title={t("task.reasons")} reasons={data.reasons} />

      {data.exchanged.length ? (
        <section className="section" aria-labelledby="exchanged">
          <h2 id="exchanged">{t("task.exchanged")}</h2>
          <ul className="results">
            {data.exchanged.map((row) => (
              <li key={row.id} className="result">
                <h3 className="result__title">{row.step}</h3>
                <p className="result__meta">
                  <span>{row.agency}</span>
                  <span>{row.at}</span>
                  <span className="badge">{row.isFound ? t("task.found") : t("task.notFound")}</span>
                </p>
                {row.reading.map((part, index) => (
                  <div key={index} className="answer-part">
                    {part.title ? <h4 className="answer-part__title">{part.title}</h4> : null}
                    <FactList facts={part.facts} isCompact />
                  </div>
                ))}
                <details>
                  <summary>{t("task.rawAnswer")}</summary>
                  <pre dir="ltr" className="exchange-answer">
                    {row.answer}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.isOpen && !data.claim.canDecide ? <Notice>{t("task.claimToDecide")}</Notice> : null}
      {data.isOpen && data.claim.canDecide ? (
        <section className="section" aria-labelledby="decide">
          <h2 id="decide">{t("task.decide")}</h2>
          <Form method="post" className="form" noValidate key={data.refusal ? `${data.refusal}${data.comment}` : "open"}>
            <input type="hidden" name="version" value={data.version} />
            {data.fields.map((field) => (
              <ServiceField key={field.name} field={field} />
            ))}
            {data.actions.some((action) => action.namesFieldsToFix) ? (
              <fieldset className="field">
                <legend className="field__label">{t("task.fieldsToFix")}</legend>
                <p className="field__hint">{t("task.fieldsToFixHint")}</p>
                {data.answers
                  .flatMap((page) => page.rows.filter((row) => !row.isPrefilled))
                  .map((row) => (
                    <label key={row.fieldId} className="choice">
                      <input type="checkbox" name="fieldsToFix" value={row.fieldId} defaultChecked={data.fieldsToFix.includes(row.fieldId)} /> {row.label}
                    </label>
                  ))}
              </fieldset>
            ) : null}
            <div className={data.refusal === "comment-required" ? "field field--error" : "field"}>
              <label className="field__label" htmlFor={commentId}>
                {t("task.comment")}
              </label>
              <p className="field__hint">{t("task.commentHint")}</p>
              {data.refusal === "comment-required" ? (
                <p className="field__error" id={`${commentId}-error`}>
                  {t("task.commentRequired")}
                </p>
              ) : null}
              <textarea id={commentId} name="comment" className="input" rows={4} defaultValue={data.comment} />
            </div>
            <input type="hidden" name="intent" value="decide" />
            <div className="actions">
              {data.actions.map((action, index) => (
                <button
                  key={action.id}
                  type="submit"
                  name="action"
                  value={action.id}
                  className={index === 0 ? "button" : "button button--secondary"}
                  disabled={navigation.state === "submitting"}
                >
                  {action.label}
                </button>
              ))}
            </div>
          </Form>
        </section>
      ) : data.isOpen ? null : (
        <Notice>{t("task.closed")}</Notice>
      )}

      <section className="section" aria-labelledby="history">
        <h2 id="history">{t("task.history")}</h2>
        <Timeline entries={data.timeline} />
      </section>
    </div>
  );
}
