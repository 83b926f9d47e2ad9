import { redirect } from "@remix-run/node";
import { requireCitizen } from "../auth/guards.server";
import { getDb, getRuntime } from "../runtime.server";
import type { Actor } from "./actor";
import { getDraft, getSubmittedFromDraft } from "./drafts.server";

/**
 * The guard of every page of the application form: the signed-in applicant's own draft. A draft
 * already submitted sends them to its confirmation (the back button after submitting); anyone
 * else's, or none, is not found.
 */
export async function requireOwnDraft(request: Request, draftId: string | undefined) {
  const viewer = await requireCitizen(request);
  const db = getDb();
  const draft = await getDraft(db, getRuntime().catalogue, viewer.person.id, draftId ?? "");
  if (draft) {
    const actor: Actor = { accountId: viewer.accountId, role: "applicant", personId: viewer.person.id, channel: "web" };
    return { viewer, draft, db, actor };
  }
  const submitted = await getSubmittedFromDraft(db, viewer.person.id, draftId ?? "");
  if (submitted) throw redirect(`/apply/${submitted}/submitted`);
  throw new Response("Not Found", { status: 404 });
}
