import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAgencies } from "~/agencies/queries.server";
import { buildPageView, pageErrors, type TypedValues } from "~/catalogue/field-view";
import type { FieldProblem } from "~/catalogue/form-schema";
import { pageAfter, pageBefore, shownPages } from "~/catalogue/pages";
import { requireOwnDraft } from "~/engine/draft-route.server";
import { refreshDraftLookups, saveDraftPage } from "~/engine/drafts.server";
import { factsOf } from "~/engine/engine.server";
import { i18nFor } from "~/i18n/config";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime, jobDepsOf } from "~/runtime.server";
import { readMultipartForm } from "~/uploads/multipart.server";
import { ErrorSummary, Notice } from "~/ui/fields";
import { ServiceField } from "~/ui/service-fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Where a page sends the applicant back to: the check page when they came to change an answer. */
const returnsToCheck = (request: Request) => new URL(request.url).searchParams.get("return") === "check";

async function pageData(request: Request, params: LoaderFunctionArgs["params"], refused?: { typed: TypedValues; problems: Record<string, FieldProblem>; itemCounts?: Record<string, number> }) {
  const { draft, db } = await requireOwnDraft(request, params.draftId);
  const { lang, t } = await getPageI18n(request);
  const facts = factsOf(draft.application, draft.civilId);
  const pages = shownPages(draft.service, facts);
  const page = pages.find((candidate) => candidate.id === params.pageId);
  if (!page) throw redirect(`/apply/${draft.application.id}/${pages[0]!.id}`);
  const view = buildPageView(page, refused ? { ...facts, answers: { ...facts.answers, ...refused.typed } } : facts, lang, i18nFor(lang).getFixedT(lang, "forms"), refused ?? {});
  const lookupAgencies = (draft.service.lookups ?? []).filter((lookup) => draft.unavailableLookups.includes(lookup.id)).map((lookup) => lookup.operation.split(".")[0]!);
  const agencies = lookupAgencies.length ? await getAgencies(db, [...new Set(lookupAgencies)]) : [];
  const previous = pageBefore(draft.service, page.id, facts);
  const service = draft.service.title[lang];
  return {
    title: `${refused ? `${t("common:errors.summaryTitle")}: ` : ""}${t("apply:meta.page", { page: view.title, service })}`,
    draftId: draft.application.id,
    service,
    page: view,
    progress: { current: pages.indexOf(page) + 1, total: pages.length + 1 },
    back: returnsToCheck(request) ? `/apply/${draft.application.id}/check` : previous ? `/apply/${draft.application.id}/${previous.id}` : `/services/${draft.service.id}`,
    returnsToCheck: returnsToCheck(request),
    unavailable: agencies.map((agency) => (lang === "ar" ? agency.nameAr : agency.nameEn)).join(lang === "ar" ? "، " : ", "),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await pageData(request, params));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { draft, db } = await requireOwnDraft(request, params.draftId);
  const facts = factsOf(draft.application, draft.civilId);
  const page = shownPages(draft.service, facts).find((candidate) => candidate.id === params.pageId);
  if (!page) throw redirect(`/apply/${draft.application.id}`);
  const limits = new Map(page.fields.flatMap((field) => (field.type === "file" ? [[field.id, field.maxBytes] as const] : [])));
  const received = await readMultipartForm(request, limits);
  const intent = String(received.form.get("intent") ?? "save");

  if (intent === "refresh-lookups") {
    await refreshDraftLookups(db, jobDepsOf(getRuntime()).exchange, draft);
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  }
  // Adding or removing an item of a repeatable group changes the page, not the draft.
  const item = /^(add|remove)-item:([\w-]+)(?::(\d+))?$/.exec(intent);
  if (item) {
    const [, verb, groupId, index] = item;
    const typed: TypedValues = {};
    const counts: Record<string, number> = {};
    const indexes = new Set<number>();
    for (const [name, value] of received.form) {
      if (typeof value !== "string" || name === "intent") continue;
      const parts = name.split(".");
      if (parts[0] === groupId && parts.length === 3) indexes.add(Number(parts[1]));
      typed[name] = value;
    }
    // Removing an item renumbers the ones after it.
    const kept = [...indexes].sort((a, b) => a - b).filter((i) => !(verb === "remove" && i === Number(index)));
    for (const name of Object.keys(typed)) if (name.startsWith(`${groupId}.`)) delete typed[name];
    kept.forEach((from, to) => {
      for (const [name, value] of received.form) {
        const parts = name.split(".");
        if (parts[0] === groupId && Number(parts[1]) === from && typeof value === "string") typed[`${groupId}.${to}.${parts[2]}`] = value;
      }
    });
    counts[groupId!] = kept.length + (verb === "add" ? 1 : 0);
    return json(await pageData(request, params, { typed, problems: {}, itemCounts: counts }));
  }

  const saved = await saveDraftPage(db, draft, page, received);
  if (!saved.ok) return json(await pageData(request, params, { typed: saved.typed, problems: saved.problems }), { status: 400 });
  const next = returnsToCheck(request) ? null : pageAfter(draft.service, page.id, { ...facts, answers: saved.answers });
  return redirect(next ? `/apply/${draft.application.id}/${next.id}` : `/apply/${draft.application.id}/check`);
}

export default function ApplicationPage() {
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const data = refused ?? loaded;
  const navigation = useNavigation();
  const { t } = useTranslation("apply");
  const errors = pageErrors(data.page.fields);
  return (
    <div className="page page--narrow">
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
                <dd>{item.value}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t("prefilled.note")}</p>
        </section>
      ) : null}
      {/* Keyed by what came back, so a refused page shows exactly what was typed. */}
      <Form method="post" encType="multipart/form-data" className="form" noValidate key={refused ? JSON.stringify(errors) + JSON.stringify(data.page.fields.map((f) => f.name)) : "saved"}>
        {data.page.fields.map((field) => (
          <ServiceField key={field.name} field={field} />
        ))}
        <button type="submit" name="intent" value="save" className="button" disabled={navigation.state === "submitting"}>
          {data.returnsToCheck ? t("saveAndCheck") : t("continue")}
        </button>
      </Form>
      <p className="muted form-note">{t("savedAsYouGo")}</p>
    </div>
  );
}
