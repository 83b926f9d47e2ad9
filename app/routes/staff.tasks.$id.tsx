import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { buildPageView, pageErrors, type TypedValues } from "~/catalogue/field-view";
import type { FieldProblem } from "~/catalogue/form-schema";
import { rawValuesOf } from "~/catalogue/form-values";
import { getOwnApplication } from "~/applications/applicant-view.server";
import { factsOf } from "~/engine/facts";
import { type TransitionFailure } from "~/engine/run.server";
import { assignTask, decideTask, type ClaimFailure } from "~/engine/transitions.server";
import { getTimeline } from "~/engine/history.server";
import { getAgencies } from "~/agencies/queries.server";
import { answersOf, clerksFor, exchangeResultsOf, getTaskForClerk, whoDecided } from "~/back-office/task-view.server";
import { i18nFor } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { heldUploads } from "~/uploads/uploads.server";
import { ErrorSummary, Notice } from "~/ui/fields";
import { fieldId } from "~/ui/form";
import { ServiceField } from "~/ui/service-fields";
import { Reasons } from "~/ui/reasons";
import { Timeline } from "~/ui/timeline";
import { readForm } from "~/http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const VALUE_PREFIX = "value.";

interface Refused {
  reason: TransitionFailure | ClaimFailure;
  problems: Record<string, FieldProblem>;
  typed: TypedValues;
  comment: string;
  fieldsToFix: string[];
}

async function pageData(request: Request, context: unknown, id: string, refused?: Refused) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const task = await getTaskForClerk(db, catalogue, viewer, id);
  if (!task) throw new Response("Not Found", { status: 404 });
  // Opening an application is a read of someone else's personal data: audited, and the applicant sees it.
  if (!refused) {
    await recordAudit(db, {
      ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
      actorAccountId: viewer.accountId,
      action: "application.viewed",
      subjectType: "application",
      subjectId: task.application.id,
      details: { step: task.instance.stepId },
    });
  }
  const facts = factsOf(task.application, task.person.civilId);
  const [timeline, own, people, exchanged, decidedBy, held] = await Promise.all([
    getTimeline(db, catalogue, task.application, lang, "staff"),
    getOwnApplication(db, catalogue, task.application.applicantPersonId, task.application.id),
    clerksFor(db, task.instance),
    exchangeResultsOf(db, task),
    refused?.reason === "already-decided" ? whoDecided(db, task.instance.id, lang) : Promise.resolve(null),
    heldUploads(db, task.application.id),
  ]);
  const agencies = await getAgencies(db, [...new Set(exchanged.flatMap((row) => (row.agencyId ? [row.agencyId] : [])))]);
  const nameOf = (person: { nameAr: string; nameEn: string }) => (lang === "ar" ? person.nameAr : person.nameEn);
  const isSupervisor = task.actor.role === "supervisor";
  const isMine = task.instance.assignedAccountId === viewer.accountId;
  const fields = buildPageView({ id: "task", title: task.step.title, fields: task.step.fields ?? [] }, facts, lang, i18nFor(lang).getFixedT(lang, "forms"), {
    typed: refused?.typed,
    problems: refused?.problems,
    prefix: VALUE_PREFIX,
  }).fields;
  return {
    title: `${task.step.title[lang]} — ${task.application.reference ?? ""} — ${t("common:brand.name")}`,
    id: task.instance.id,
    version: task.instance.version,
    isOpen: task.instance.state === "active",
    reference: task.application.reference ?? "",
    service: task.service.title[lang],
    step: task.step.title[lang],
    applicant: { name: lang === "ar" ? task.person.nameAr : task.person.nameEn, civilId: task.person.civilId },
    deadline: task.instance.deadlineAt ? formatDateTime(task.instance.deadlineAt, lang) : null,
    isLate: task.instance.lateAt !== null,
    answers: answersOf(task, lang),
    /** Files the malware scan has not cleared: shown, never linked. */
    heldFiles: Object.fromEntries(held.map((upload) => [upload.id, upload.scanStatus === "infected" ? ("infected" as const) : ("awaiting-scan" as const)])),
    reasons: (own?.reasons ?? []).map((reason) => reason[lang]),
    fields,
    actions: Object.entries(task.step.actions).map(([action, definition]) => ({
      id: action,
      label: definition.label[lang],
      isCommentRequired: definition.isCommentRequired,
      namesFieldsToFix: Boolean(definition.namesFieldsToFix),
    })),
    claim: {
      holder: people.holder ? nameOf(people.holder) : null,
      isMine,
      isSupervisor,
      canDecide: isMine || isSupervisor,
      clerks: isSupervisor ? people.clerks.map((clerk) => ({ accountId: clerk.accountId, name: nameOf(clerk) })) : [],
    },
    exchanged: exchanged.map((row) => ({
      id: row.id,
      step: row.step?.title[lang] ?? row.stepId,
      agency: agencies.find((agency) => agency.id === row.agencyId)?.[lang === "ar" ? "nameAr" : "nameEn"] ?? row.agencyId ?? "",
      at: row.completedAt ? formatDateTime(row.completedAt, lang) : "",
      isFound: row.outcome === "found",
      answer: JSON.stringify(row.result ?? {}, null, 2),
    })),
    decidedBy,
    refusal: refused?.reason ?? null,
    comment: refused?.comment ?? "",
    fieldsToFix: refused?.fieldsToFix ?? [],
    timeline,
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return json(await pageData(request, context, params.id ?? ""));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const task = await getTaskForClerk(db, catalogue, viewer, params.id ?? "");
  if (!task) throw new Response("Not Found", { status: 404 });
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
                      <bdi>{row.value}</bdi>
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
                <details>
                  <summary>{t("task.answer")}</summary>
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
