import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { pageOfField, shownPages } from "~/catalogue/pages";
import { requireOwnDraft } from "~/engine/draft-route.server";
import { factsOf, validateAnswers } from "~/engine/engine.server";

/** Resuming a draft: the first page still missing an answer, or the check page when none is. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireOwnDraft(request, params.draftId);
  const facts = factsOf(draft.application, draft.civilId);
  const checked = validateAnswers(draft.service, facts);
  if (checked.ok) return redirect(`/apply/${draft.application.id}/check`);
  const pages = shownPages(draft.service, facts);
  const missing = new Set(Object.keys(checked.problems).map((path) => pageOfField(draft.service, path)?.id));
  const page = pages.find((candidate) => missing.has(candidate.id)) ?? pages[0]!;
  return redirect(`/apply/${draft.application.id}/${page.id}`);
}
