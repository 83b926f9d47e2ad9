import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "~/auth/guards.server";
import { safeRedirectPath } from "~/auth/redirect";
import { isLanguage } from "~/i18n/config";
import { rememberLanguage } from "~/i18n/language.server";
import { getDb } from "~/runtime.server";
import { readForm } from "~/http/form.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { isOpenWhenReadOnly: true };

// Switching language keeps the user on the page they were on, and is remembered: in a cookie,
// and on the account when someone is signed in.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const language = form.get("language");
  const redirectTo = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLanguage(language)) return redirect(redirectTo);
  return redirect(redirectTo, { headers: await rememberLanguage(getDb(), await getViewer(request), language) });
}

export const loader = () => redirect("/");
