import { redirect } from "@remix-run/node";
import { requireCitizen } from "../auth/guards.server";
import { requireKioskPerson } from "../kiosk/device.server";
import { getDb, getRuntime } from "../runtime.server";
import type { Actor } from "../engine/actor";
import { applyPaths, type ApplyChannel } from "./paths";
import { getDraft, getSubmittedFromDraft } from "../engine/drafts.server";
import { invariantResponse } from "../http/invariant";
import { noStore } from "../http/no-store";

/**
 * Who is applying through this request: the signed-in citizen on the web, or the person whose
 * card and PIN opened a session at this kiosk (no account; kiosk pages are never cached).
 */
export async function requireApplicant(request: Request, channel: ApplyChannel) {
  if (channel === "kiosk") {
    const { session } = await requireKioskPerson(request);
    const actor: Actor = { accountId: null, role: "applicant", personId: session.personId, channel: "kiosk" };
    return { personId: session.personId, civilId: session.civilId, accountId: null, actor, headers: noStore };
  }
  const viewer = await requireCitizen(request);
  const actor: Actor = { accountId: viewer.accountId, role: "applicant", personId: viewer.person.id, channel: "web" };
  return { personId: viewer.person.id, civilId: viewer.person.civilId, accountId: viewer.accountId, actor, headers: {} as Record<string, string> };
}

/**
 * The guard of every page of the application form: the applicant's own draft, of a service
 * offered on this channel. A draft already submitted sends them to its confirmation (the back
 * button after submitting); anyone else's, or none, is not found.
 */
export async function requireOwnDraft(request: Request, draftId: string | undefined, channel: ApplyChannel = "web") {
  const applicant = await requireApplicant(request, channel);
  const db = getDb();
  const paths = applyPaths(channel);
  const draft = await getDraft(db, getRuntime().catalogue, applicant.personId, draftId ?? "");
  if (!draft) {
    const submitted = await getSubmittedFromDraft(db, applicant.personId, draftId ?? "");
    if (submitted) throw redirect(paths.submitted(submitted));
  }
  invariantResponse(draft && draft.service.channels.includes(channel), "Not Found", { status: 404 });
  return { applicant, draft, db, actor: applicant.actor, paths };
}
