import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSessionCookie, getViewer } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { signOut } from "~/auth/sign-in.server";
import { getDb } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { isOpenWhenReadOnly: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request);
  const target = viewer.kind === "staff" || viewer.kind === "second-factor" ? "/staff/sign-in" : "/sign-in";
  if (viewer.kind !== "anonymous") {
    await signOut(getDb(), { id: viewer.sessionId, accountId: viewer.accountId }, requestMeta(request, context));
  }
  return redirect(`${target}?notice=signed-out`, {
    headers: { "Set-Cookie": await getSessionCookie().serialize("", { maxAge: 0 }) },
  });
}

export const loader = () => redirect("/");
