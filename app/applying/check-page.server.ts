import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { answersByPage } from "../catalogue/form-values";
import { publicationOn } from "../catalogue/publication.server";
import { describeProblem } from "../catalogue/messages";
import { pageOfField } from "../catalogue/pages";
import { runRule } from "../catalogue/rules";
import type { Field } from "../catalogue/types";
import type { ApplyChannel } from "./paths";
import { requireOwnDraft } from "./draft-route.server";
import { discardDraft } from "../engine/drafts.server";
import { factsOf, validateAnswers } from "../engine/facts";
import { submitDraft } from "../engine/transitions.server";
import { i18nFor } from "../i18n/resources.server";
import { formatMoney } from "../i18n/format";
import { getPageI18n } from "../i18n/page.server";
import { getRuntime } from "../runtime.server";
import { fieldId } from "../ui/form";
import { countAwaitingScan } from "../uploads/uploads.server";
import { readForm } from "../http/form.server";

// Check your answers, declare and submit: the same on the web and at a kiosk (app/ui/check-answers.tsx).

type Params = LoaderFunctionArgs["params"];

export async function checkPageData(request: Request, params: Params, channel: ApplyChannel) {
  const { draft, paths } = await requireOwnDraft(request, params.draftId, channel);
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
  const changeHref = (pageId: string, path: string) => `${paths.page(application.id, pageId)}?return=check#${fieldId(path)}`;
  const sections = answersByPage(service, facts, lang).map((page) => ({
    id: page.pageId,
    title: page.title,
    rows: page.rows.map((row) => ({ ...row, href: changeHref(page.pageId, row.fieldId) })),
  }));
  // The fee as the form's answers set it; a fee that depends on what the agencies answer is described instead.
  const isFeeFromAnswers = service.fee && service.fee.reads.every((read) => read.startsWith("answer:"));
  const fee = service.fee && isFeeFromAnswers && checked.ok ? runRule(service.fee, { ...facts, answers: checked.answers }) : null;
  const db = getRuntime().database.db;
  const [awaitingScan, publication] = await Promise.all([countAwaitingScan(db, application.id), publicationOn(db, service.id, channel)]);
  return {
    title: t("apply:meta.check", { service: service.title[lang] }),
    draftId: application.id,
    back: paths.draft(application.id),
    here: paths.check(application.id),
    service: service.title[lang],
    sections,
    problems: Object.entries(problems).map(([path, problem]) => {
      const field = fieldOf(path);
      return {
        field: path,
        message: field ? describeProblem(tForms, field, problem, lang) : path,
        href: changeHref(pageOfField(service, path)?.id ?? "", path),
      };
    }),
    fee: fee === null ? (service.fee ? service.fees[lang] : null) : fee > 0 ? t("apply:check.feeLater", { amount: formatMoney(fee, lang) }) : null,
    /** Files kept while the malware scanner was away: the agency opens them once they are scanned. */
    awaitingScan,
    /** Paused or withdrawn by an administrator: the notice they wrote, and no submitting until it is published again. */
    unavailable: publication.state === "published" ? null : publication.notice[lang],
  };
}

export type CheckPageData = Awaited<ReturnType<typeof checkPageData>>;

/** What the check page's action answers when it does not move on: a declaration missing, or a discard to confirm. */
export interface CheckPageRefusal {
  declarationMissing: boolean;
  isConfirmingDiscard?: boolean;
}

/** Submits the draft (the declaration ticked), or discards it once the applicant has confirmed. */
export async function checkPageAction(request: Request, params: Params, channel: ApplyChannel) {
  const { applicant, draft, db, actor, paths } = await requireOwnDraft(request, params.draftId, channel);
  const form = await readForm(request);
  // Deleting a draft and its attachments cannot be undone: the first press asks, the second deletes.
  if (form.get("intent") === "discard") return json<CheckPageRefusal>({ declarationMissing: false, isConfirmingDiscard: true }, { headers: applicant.headers });
  if (form.get("intent") === "discard-confirmed") {
    await discardDraft(db, applicant.personId, draft.application.id);
    return redirect(paths.discarded(draft.service.id), { headers: applicant.headers });
  }
  if (form.get("declaration") !== "yes") return json({ declarationMissing: true }, { status: 400, headers: applicant.headers });
  const submitted = await submitDraft(
    db,
    { catalogue: getRuntime().catalogue },
    { draftId: draft.application.id, applicantPersonId: applicant.personId, actor },
  );
  // Paused since the page was shown: the loader shows the notice again, and the draft is kept.
  if (!submitted.ok && submitted.reason === "unavailable") return json({ declarationMissing: false }, { status: 409, headers: applicant.headers });
  // Invalid answers are listed by the loader again; the declaration stays to be ticked.
  if (!submitted.ok) return json({ declarationMissing: false }, { status: 400, headers: applicant.headers });
  return redirect(paths.submitted(submitted.applicationId), { headers: applicant.headers });
}
