import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getAgencies } from "../agencies/queries.server";
import { buildPageView, type TypedValues } from "../catalogue/field-view";
import type { FieldProblem } from "../catalogue/form-schema";
import { pageAfter, pageBefore, pageOfField, shownPages } from "../catalogue/pages";
import type { ApplyChannel } from "./paths";
import { requireOwnDraft } from "./draft-route.server";
import { refreshDraftLookups, saveDraftPage } from "../engine/drafts.server";
import { factsOf, validateAnswers } from "../engine/facts";
import { i18nFor } from "../i18n/resources.server";
import { getPageI18n } from "../i18n/page.server";
import { getRuntime, jobDepsOf } from "../runtime.server";
import { readMultipartForm } from "../uploads/multipart.server";
import { displayName } from "../i18n/names";

// One page of the application form, the same on the web and at a kiosk: the route modules of
// each channel call these with their channel, and render `FormPage` (app/ui/form-page.tsx).

type Params = LoaderFunctionArgs["params"];
type Refused = { typed: TypedValues; problems: Record<string, FieldProblem>; itemCounts?: Record<string, number> };

/** Where a page sends the applicant back to: the check page when they came to change an answer. */
const returnsToCheck = (request: Request) => new URL(request.url).searchParams.get("return") === "check";

export async function formPageData(request: Request, params: Params, channel: ApplyChannel, refused?: Refused) {
  const { draft, db, paths } = await requireOwnDraft(request, params.draftId, channel);
  const { lang, t } = await getPageI18n(request);
  const facts = factsOf(draft.application, draft.civilId);
  const pages = shownPages(draft.service, facts);
  const page = pages.find((candidate) => candidate.id === params.pageId);
  if (!page) throw redirect(paths.page(draft.application.id, pages[0]!.id));
  const view = buildPageView(
    page,
    refused ? { ...facts, answers: { ...facts.answers, ...refused.typed } } : facts,
    lang,
    i18nFor(lang).getFixedT(lang, "forms"),
    refused ?? {},
  );
  const lookupAgencies = (draft.service.lookups ?? [])
    .filter((lookup) => draft.unavailableLookups.includes(lookup.id))
    .map((lookup) => lookup.operation.split(".")[0]!);
  const agencies = lookupAgencies.length ? await getAgencies(db, [...new Set(lookupAgencies)]) : [];
  const previous = pageBefore(draft.service, page.id, facts);
  const service = draft.service.title[lang];
  return {
    title: `${refused ? `${t("common:errors.summaryTitle")}: ` : ""}${t("apply:meta.page", { page: view.title, service })}`,
    draftId: draft.application.id,
    channel,
    service,
    page: view,
    // Counted over every page the service has, and the check page: a page skipped for this applicant
    // moves the count on, and "step 2 of 4" stays true whatever is answered later.
    progress: { current: draft.service.pages.indexOf(page) + 1, total: draft.service.pages.length + 1 },
    back: returnsToCheck(request)
      ? paths.check(draft.application.id)
      : previous
        ? paths.page(draft.application.id, previous.id)
        : paths.service(draft.service.id),
    returnsToCheck: returnsToCheck(request),
    unavailable: agencies.map((agency) => displayName(agency, lang)).join(lang === "ar" ? "، " : ", "),
  };
}

export type FormPageData = Awaited<ReturnType<typeof formPageData>>;

/** Saves a page (or adds or removes an item of a repeatable group, or asks the agencies again). */
export async function formPageAction(request: Request, params: Params, channel: ApplyChannel): Promise<Response | { status: number; data: FormPageData }> {
  const { draft, db, paths } = await requireOwnDraft(request, params.draftId, channel);
  const facts = factsOf(draft.application, draft.civilId);
  const page = shownPages(draft.service, facts).find((candidate) => candidate.id === params.pageId);
  if (!page) throw redirect(paths.draft(draft.application.id));
  const limits = new Map(page.fields.flatMap((field) => (field.type === "file" ? [[field.id, field.maxBytes] as const] : [])));
  const received = await readMultipartForm(request, limits, getRuntime().scanner);
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
    return { status: 200, data: await formPageData(request, params, channel, { typed, problems: {}, itemCounts: counts }) };
  }

  const saved = await saveDraftPage(db, draft, page, received);
  if (!saved.ok) return { status: 400, data: await formPageData(request, params, channel, { typed: saved.typed, problems: saved.problems }) };
  const next = returnsToCheck(request) ? null : pageAfter(draft.service, page.id, { ...facts, answers: saved.answers });
  return redirect(next ? paths.page(draft.application.id, next.id) : paths.check(draft.application.id));
}

/** Resuming a draft: the first page still missing an answer, or the check page when none is. */
export async function resumeDraft(request: Request, params: Params, channel: ApplyChannel): Promise<never> {
  const { draft, paths } = await requireOwnDraft(request, params.draftId, channel);
  const facts = factsOf(draft.application, draft.civilId);
  const checked = validateAnswers(draft.service, facts);
  if (checked.ok) throw redirect(paths.check(draft.application.id));
  const pages = shownPages(draft.service, facts);
  const missing = new Set(Object.keys(checked.problems).map((path) => pageOfField(draft.service, path)?.id));
  const page = pages.find((candidate) => missing.has(candidate.id)) ?? pages[0]!;
  throw redirect(paths.page(draft.application.id, page.id));
}
