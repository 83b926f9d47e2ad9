import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBanners } from "~/ui/status-banners";
import { requireCitizen } from "~/auth/guards.server";
import { actFromForm, type ApplicantStepView, type PaymentStepView, type Refused } from "~/applications/applicant-actions.server";
import { applicationPage } from "~/applications/application-page.server";
import { getOwnApplication } from "~/applications/applicant-view.server";
import { startPayment } from "~/payments/payments.server";
import { rateApplication, readRating } from "~/ratings/ratings.server";
import { readMultipartForm } from "~/uploads/multipart.server";
import { ErrorSummary, Notice, TextAreaField } from "~/ui/fields";
import { fieldId } from "~/ui/form";
import { ServiceField } from "~/ui/service-fields";
import { FactList } from "~/ui/fact-list";
import { Forewarning } from "~/ui/forewarning";
import { Reasons } from "~/ui/reasons";
import { Timeline } from "~/ui/timeline";
import { LiveUpdates, useLiveData } from "~/ui/live-updates";
import { isInMotion, latestEvent, progressSignature } from "~/applications/progress";
import { pageErrors } from "~/catalogue/field-view";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime, paymentGatewayOf } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";
import { invariantResponse } from "~/http/invariant";
import { ApplicantErrorBoundary } from "~/ui/route-error";

export const handle: RouteHandle = { i18n: ["application", "apply", "dashboard", "payment"], body: "uploads" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await pageData(request, params.id ?? "", { isRated: new URL(request.url).searchParams.has("rated") }));
}

async function pageData(
  request: Request,
  applicationId: string,
  options: {
    refused?: Refused;
    paymentProblem?: "unavailable" | "nothing";
    ratingRefused?: Parameters<typeof applicationPage>[0]["ratingRefused"];
    isRated?: boolean;
  } = {},
) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const found = await getOwnApplication(getDb(), getRuntime().catalogue, viewer.person.id, applicationId);
  invariantResponse(found, "Not Found", { status: 404 });
  if (found.application.status === "draft") throw redirect(`/apply/${found.application.id}`);
  return applicationPage({ found, viewer, lang, t, ...options });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireCitizen(request);
  const db = getDb();
  const runtime = getRuntime();
  const applicationId = params.id ?? "";
  const found = await getOwnApplication(db, runtime.catalogue, viewer.person.id, applicationId);
  invariantResponse(found, "Not Found", { status: 404 });
  const limits = new Map<string, number>([["*", 0]]);
  for (const step of found.openSteps) {
    for (const page of found.service?.pages ?? []) for (const field of page.fields) if (field.type === "file") limits.set(`answer.${field.id}`, field.maxBytes);
    if (step.definition?.kind === "applicant")
      for (const field of step.definition.fields ?? []) if (field.type === "file") limits.set(`value.${field.id}`, field.maxBytes);
  }
  const received = await readMultipartForm(request, limits, getRuntime().scanner);
  const here = `/applications/${applicationId}`;
  if (received.form.get("intent") === "pay") {
    const gateway = paymentGatewayOf(runtime);
    if (!gateway) return json(await pageData(request, applicationId, { paymentProblem: "unavailable" }), { status: 503 });
    const started = await startPayment(db, { applicationId, personId: viewer.person.id, gateway: gateway.id });
    if (!started.ok) return json(await pageData(request, applicationId, { paymentProblem: "nothing" }), { status: 409 });
    return redirect(gateway.checkoutUrl(started.payment));
  }
  if (received.form.get("intent") === "rate") {
    const rating = readRating(received.form);
    if (!rating.ok) return json(await pageData(request, applicationId, { ratingRefused: rating }), { status: 400 });
    await rateApplication(db, { applicationId, personId: viewer.person.id, rating: rating.rating, comment: rating.comment });
    return redirect(`${here}?rated=1#rating`);
  }
  const actor = { accountId: viewer.accountId, role: "applicant" as const, personId: viewer.person.id, channel: "web" as const };
  const acted = await actFromForm(db, { catalogue: runtime.catalogue }, { found, civilId: viewer.person.civilId, actor, received });
  // A step already answered (a second click, another tab) needs nothing more: the page shows where it is now.
  if (acted.ok || acted.reason === "already-decided") return redirect(here);
  return json(await pageData(request, applicationId, { refused: acted }), { status: 400 });
}

export default function ApplicationPage() {
  const refused = useActionData<typeof action>();
  // While the applicant corrects what was refused, the page stays as it was sent.
  const loaded = useLiveData(useLoaderData<typeof loader>(), (newest) => !refused && isInMotion(newest));
  const data = refused ?? loaded;
  const { t } = useTranslation("application");
  const errors = data.yours.flatMap((step) =>
    step.kind === "applicant"
      ? [
          ...pageErrors([...step.fields, ...(step.correction ?? [])]),
          ...(step.refusal === "comment-required" ? [{ field: `comment-${step.instanceId}`, message: t("act.commentRequired") }] : []),
        ]
      : [],
  );
  const ratingErrors = (["rating", "comment"] as const).flatMap((field) =>
    data.rating.problems[field]
      ? [{ field: `rating-${field}`, message: data.rating.problems[field]!, href: `#${field === "rating" ? "rating-1" : fieldId("rating-comment")}` }]
      : [],
  );
  const { t: tDashboard } = useTranslation("dashboard");
  return (
    <div className="page">
      <p>
        <Link to="/dashboard">{t("back")}</Link>
      </p>
      <ErrorSummary errors={[...errors, ...ratingErrors]} />
      <h1>
        <bdi dir="ltr">{data.reference}</bdi>
      </h1>
      <p className="lead">{t("lead", { service: data.service, submitted: data.submitted })}</p>
      <p>
        <span className="muted">{t("status")}</span>{" "}
        <span className={`badge badge--status-${data.status}`}>{tDashboard(`applications.statuses.${data.status}`)}</span>
      </p>
      <LiveUpdates
        signature={progressSignature(data)}
        isMoving={isInMotion(data)}
        message={t("live.changed", { status: tDashboard(`applications.statuses.${data.status}`), latest: latestEvent(data) ?? "" })}
      />

      {data.paymentProblem ? <Notice>{t(`pay.${data.paymentProblem}`)}</Notice> : null}
      {data.yours.length ? (
        <section className="section action-needed" aria-labelledby="yours">
          <h2 id="yours">{t("act.title")}</h2>
          {data.lastMessage ? (
            <div className="agency-message">
              <p>
                <strong>{t("act.message", { who: data.lastMessage.who })}</strong>
              </p>
              <blockquote className="comment">{data.lastMessage.comment}</blockquote>
            </div>
          ) : null}
          {data.yours.map((step) =>
            step.kind === "payment" ? (
              <PaymentStep key={step.instanceId} step={step} applicationId={data.id} />
            ) : (
              <ApplicantStep key={step.instanceId} step={step} />
            ),
          )}
        </section>
      ) : null}

      <section className="section" aria-labelledby="open">
        <h2 id="open">{t("open.title")}</h2>
        {data.openSteps.length === 0 ? <p>{t("open.none")}</p> : null}
        {data.openSteps.length ? (
          <ul className="results">
            {data.openSteps.map((step) => (
              <li key={step.id} className={step.who === "you" ? "result result--unread" : "result"}>
                <h3 className="result__title">{step.title}</h3>
                <p>
                  {step.wait
                    ? t("open.waitingFor", { agency: step.agency })
                    : step.who === "agency"
                      ? t("open.agency", { agency: step.agency })
                      : t(`open.${step.who}`)}
                </p>
                {step.instructions ? <p>{step.instructions}</p> : null}
                <StatusBanners notices={step.notices} />
                {step.wait ? (
                  <p className="notice notice--info">
                    {step.wait.kind === "maintenance"
                      ? step.wait.until
                        ? t("open.maintenanceUntil", { agency: step.agency, until: step.wait.until })
                        : t("open.maintenance", { agency: step.agency })
                      : t(`open.${step.wait.kind}`, { agency: step.agency })}
                  </p>
                ) : null}
                <p className="result__meta">
                  <span>{t("open.since", { at: step.since })}</span>
                  {step.deadline ? <span>{t("open.deadline", { at: step.deadline })}</span> : null}
                  {step.isLate ? <span className="badge badge--late">{t("open.late")}</span> : null}
                  {step.isPaused ? <span>{t("open.paused")}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <Reasons title={t("reasons.title")} reasons={data.reasons} />

      {data.certificate ? (
        <section className="section" aria-labelledby="certificate">
          <h2 id="certificate">{t("certificate.title")}</h2>
          {data.certificate.status === "revoked" ? (
            <p>{t("certificate.revoked")}</p>
          ) : (
            <p>
              <a href={`/certificates/${data.certificate.number}.pdf`} className="button" download>
                {t("certificate.download", { number: data.certificate.number })}
              </a>
            </p>
          )}
        </section>
      ) : null}

      {data.receipts.length ? (
        <section className="section" aria-labelledby="receipts">
          <h2 id="receipts">{t("receipts.title")}</h2>
          <ul className="link-list">
            {data.receipts.map((receipt) => (
              <li key={receipt.id}>
                <Link to={`/payments/${receipt.id}`}>
                  {t("receipts.receipt")} <bdi dir="ltr">{receipt.number}</bdi>
                </Link>{" "}
                <span className="muted">{receipt.amount}</span>
                {receipt.status === "duplicate" || receipt.status === "refunded" ? <span className="muted"> — {t(`receipts.${receipt.status}`)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RatingForm rating={data.rating} applicationId={data.id} service={data.service} />

      <section className="section" aria-labelledby="timeline">
        <h2 id="timeline">{t("timeline.title")}</h2>
        {data.timeline.length === 0 ? <p>{t("timeline.empty")}</p> : null}
        <Timeline entries={data.timeline} />
      </section>
    </div>
  );
}

/** The applicant's rating of the service: 1 to 5 and a comment if they wish, once per application (sending again changes it). */
function RatingForm({
  rating,
  applicationId,
  service,
}: {
  rating: { given: number | null; comment: string; problems: Partial<Record<"rating" | "comment", string>>; isSaved: boolean };
  applicationId: string;
  service: string;
}) {
  const { t } = useTranslation("application");
  const navigation = useNavigation();
  return (
    <section className="section" aria-labelledby="rating-title" id="rating">
      <h2 id="rating-title">{t("rating.title", { service })}</h2>
      {rating.isSaved ? <Notice tone="success">{t("rating.saved")}</Notice> : null}
      {rating.given && !rating.isSaved ? <p>{t("rating.given", { rating: rating.given })}</p> : null}
      <Form method="post" action={`/applications/${applicationId}`} encType="multipart/form-data" className="form" aria-labelledby="rating-title">
        <input type="hidden" name="intent" value="rate" />
        <fieldset
          className={rating.problems.rating ? "field field--error" : "field"}
          aria-describedby={rating.problems.rating ? "rating-error" : "rating-hint"}
        >
          <legend className="field__label">{t("rating.question")}</legend>
          <p className="field__hint" id="rating-hint">
            {t("rating.hint")}
          </p>
          {rating.problems.rating ? (
            <p className="field__error" id="rating-error">
              {rating.problems.rating}
            </p>
          ) : null}
          <div className="rating-scale">
            {[1, 2, 3, 4, 5].map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="rating" value={value} id={`rating-${value}`} defaultChecked={rating.given === value} />{" "}
                {t(`rating.scale.${value as 1}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          name="comment"
          id={fieldId("rating-comment")}
          label={t("rating.comment")}
          hint={t("rating.commentHint")}
          error={rating.problems.comment}
          defaultValue={rating.comment}
          rows={3}
          className="input--prose"
        />
        <button type="submit" className="button button--secondary" disabled={navigation.state === "submitting"}>
          {rating.given ? t("rating.change") : t("rating.submit")}
        </button>
      </Form>
    </section>
  );
}

function PaymentStep({ step, applicationId }: { step: PaymentStepView; applicationId: string }) {
  const { t } = useTranslation("payment");
  const navigation = useNavigation();
  return (
    <Form method="post" action={`/applications/${applicationId}`} className="action-step">
      <Forewarning forewarning={step.forewarning} />
      <button type="submit" name="intent" value="pay" className="button" disabled={navigation.state === "submitting"}>
        {t("pay.button", { amount: step.amount })}
      </button>
    </Form>
  );
}

/** An applicant step: what it shows, its fields, the answers to correct, a message, and one button per action. */
function ApplicantStep({ step }: { step: ApplicantStepView }) {
  const { t } = useTranslation("application");
  const navigation = useNavigation();
  const commentId = fieldId(`comment-${step.instanceId}`);
  const isCommentMissing = step.refusal === "comment-required";
  const needsComment = step.actions.some((action) => action.isCommentRequired);
  return (
    <div className="action-step">
      <h3>{step.title}</h3>
      <p>{step.instructions}</p>
      <FactList facts={step.shows} />
      <Form
        method="post"
        encType={step.hasFiles ? "multipart/form-data" : undefined}
        className="form"
        noValidate
        key={step.refusal ? JSON.stringify(step.fields.map((f) => f.error)) + step.comment : "open"}
      >
        <input type="hidden" name="stepInstanceId" value={step.instanceId} />
        {step.fields.map((field) => (
          <ServiceField key={field.name} field={field} />
        ))}
        {step.correction ? (
          <fieldset className="field">
            <legend className="field__label">{step.isCorrectionNamed ? t("act.correctNamed") : t("act.correctAll")}</legend>
            {step.correction.map((field) => (
              <ServiceField key={field.name} field={field} />
            ))}
          </fieldset>
        ) : null}
        <div className={isCommentMissing ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={commentId}>
            {needsComment ? t("act.comment") : t("act.commentOptional")}
          </label>
          {isCommentMissing ? (
            <p className="field__error" id={`${commentId}-error`}>
              {t("act.commentRequired")}
            </p>
          ) : null}
          <textarea
            id={commentId}
            name="comment"
            className="input"
            rows={3}
            defaultValue={step.comment}
            aria-describedby={isCommentMissing ? `${commentId}-error` : undefined}
          />
        </div>
        {step.refusal && step.refusal !== "invalid-answers" && step.refusal !== "comment-required" ? (
          <p className="field__error">{t(`act.refused.${step.refusal}`)}</p>
        ) : null}
        <div className="actions">
          {step.actions.map((action, index) => (
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
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
