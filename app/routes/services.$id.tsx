import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { servicePage } from "~/catalogue/service-page.server";
import { getPageI18n } from "~/i18n/page.server";
import { getViewer, requireCitizen } from "~/auth/guards.server";
import { startDraft } from "~/engine/drafts.server";
import { listDraftsOf } from "~/applications/lists.server";
import { getDb, getRuntime, jobDepsOf } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";
import { Notice } from "~/ui/fields";
import type { Outline, OutlineStage } from "~/catalogue/about";
import { StatusBanners } from "~/ui/status-banners";
import { bannersOf, componentsOfService } from "~/ops/status.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply", "catalogue"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.pageTitle }, { name: "description", content: data.summary }] : []);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const viewer = await getViewer(request);
  const drafts = viewer.kind === "citizen" ? await listDraftsOf(getDb(), viewer.person.id) : [];
  const page = await servicePage({ viewer, lang, t, serviceId: params.id, draftServiceIds: new Set(drafts.map((draft) => draft.serviceId)) });
  invariantResponse(page, "Not Found", { status: 404 });
  // Incidents and maintenance of what the service needs (the portal's own are on every page already).
  const service = getRuntime().catalogue.get(params.id ?? "");
  const needs = new Set([...(service ? componentsOfService(service) : [])].filter((component) => component !== "portal"));
  const banners = needs.size > 0 ? await bannersOf(getDb(), lang, needs) : [];
  // A retired entry's page stays, to say so: gone, not missing.
  return json({ ...page, banners }, { status: page.isRetired ? 410 : 200 });
}

/** Apply: begins a draft (the agencies are asked what they hold first) or resumes the one there is. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireCitizen(request);
  const runtime = getRuntime();
  const started = await startDraft(getDb(), jobDepsOf(runtime), {
    serviceId: params.id ?? "",
    person: { id: viewer.person.id, civilId: viewer.person.civilId },
    accountId: viewer.accountId,
    actor: { accountId: viewer.accountId, role: "applicant", personId: viewer.person.id, channel: "web" },
  });
  // Paused since the page was shown: the page says so again.
  if (!started.ok && started.reason === "unavailable") return redirect(`/services/${params.id}`);
  invariantResponse(started.ok, "Not Found", { status: 404 });
  return redirect(`/apply/${started.draftId}`);
}

/** The call to action: apply (or continue the draft), or sign in first. */
function StartButton({ start, serviceId }: { start: { isOnWeb: boolean; isPaused: boolean; isSignedIn: boolean; hasDraft: boolean }; serviceId: string }) {
  const { t } = useTranslation("apply");
  if (!start.isOnWeb) return <p>{t("start.onlyKiosk")}</p>;
  // Paused: nothing new is begun, but a draft already begun can still be opened (it is kept).
  if (start.isPaused && !(start.isSignedIn && start.hasDraft)) return null;
  if (!start.isSignedIn) {
    return (
      <p>
        <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/services/${serviceId}`)}`} className="button">
          {t("start.signIn")}
        </Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <button type="submit" className="button">
        {start.hasDraft ? t("start.resume") : t("start.apply")}
      </button>
    </Form>
  );
}

export default function Service() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  return (
    <div className="page">
      <StatusBanners notices={data.banners} />
      <p>
        <Link to="/services">{t("service.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.isRetired ? <Notice tone="warning">{t("service.retired", { agency: data.agency })}</Notice> : null}
      {data.unavailable ? (
        <Notice tone="warning">
          <p>
            <strong>{t(`service.${data.unavailable.state}`)}</strong>
          </p>
          <p>{data.unavailable.notice}</p>
        </Notice>
      ) : null}
      <p className="lead">{data.summary}</p>
      <dl className="summary">
        <div>
          <dt>{t("service.agency")}</dt>
          <dd>{data.agency}</dd>
        </div>
        <div>
          <dt>{t("service.category")}</dt>
          <dd>{data.category}</dd>
        </div>
        {data.events.length ? (
          <div>
            <dt>{t("service.events")}</dt>
            <dd>
              <ul className="inline-list">
                {data.events.map((event) => (
                  <li key={event}>{event}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("service.channels")}</dt>
          <dd>
            <ul className="inline-list">
              {data.channels.map((channel) => (
                <li key={channel}>{t(`channels.${channel}`)}</li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>

      {data.about && data.start ? (
        <>
          {data.isRetired ? null : <StartButton start={data.start} serviceId={data.id} />}
          <section className="section" aria-labelledby="who">
            <h2 id="who">{t("service.who")}</h2>
            <ul>
              {data.about.who.map((kind) => (
                <li key={kind}>{t(`service.whoKinds.${kind}`)}</li>
              ))}
            </ul>
          </section>
          <section className="section" aria-labelledby="documents">
            <h2 id="documents">{t("service.documents")}</h2>
            {data.about.documents.length ? (
              <ul>
                {data.about.documents.map((document) => (
                  <li key={document.label}>
                    {t("service.document", { label: document.label, need: document.isAlwaysNeeded ? t("service.required") : t("service.whenApplies") })}
                    {document.hint ? <span className="document__hint">{document.hint}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("service.noDocuments")}</p>
            )}
          </section>
          <section className="section" aria-labelledby="fees">
            <h2 id="fees">{t("service.fees")}</h2>
            <p>{data.about.fees}</p>
            <h2 id="time">{t("service.time")}</h2>
            <p>{data.about.time}</p>
          </section>
          <section className="section" aria-labelledby="steps">
            <h2 id="steps">{t("service.steps")}</h2>
            <WorkflowOutline outline={data.about.steps} />
          </section>
        </>
      ) : (
        <section className="section">
          <p>{t("service.informationNote", { agency: data.agency })}</p>
          {data.url ? (
            <p>
              <a href={data.url} className="button" rel="noreferrer external">
                {t("service.visit", { agency: data.agency })}
              </a>
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}

type ShownStep = { title: string; by: "agency" | "applicant" | "portal"; agency: string | null };

/** The service's steps in order; what happens together, and what happens instead, as lists within the list. */
function WorkflowOutline({ outline }: { outline: Outline<ShownStep> }) {
  return (
    <ol className="workflow">
      {outline.map((stage, index) => (
        <li key={index}>
          <WorkflowStage stage={stage} />
        </li>
      ))}
    </ol>
  );
}

function WorkflowStage({ stage }: { stage: OutlineStage<ShownStep> }) {
  const { t } = useTranslation("catalogue");
  if (stage.kind === "step")
    return (
      <>
        <span className="workflow__title">{stage.step.title}</span>
        <span className="workflow__by">{t(`service.stepBy.${stage.step.by}`, { agency: stage.step.agency })}</span>
      </>
    );
  const ways = stage.kind === "together" ? stage.branches : stage.paths;
  return (
    <>
      <span className="workflow__ways">
        {stage.kind === "together" ? t("service.together") : stage.isSkippable ? t("service.whenNeeded") : t("service.oneOf")}
      </span>
      <ul className="workflow workflow--ways">
        {ways.map((way, index) => (
          <li key={index}>
            {way.length === 1 ? (
              <WorkflowStage stage={way[0]!} />
            ) : (
              <ul className="workflow workflow--path">
                {way.map((inner, innerIndex) => (
                  <li key={innerIndex}>
                    <WorkflowStage stage={inner} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
