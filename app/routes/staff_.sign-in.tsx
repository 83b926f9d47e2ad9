import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffSignInSchema, type AuthErrorKey } from "~/auth/forms";
import { getSessionCookie, getViewer } from "~/auth/guards.server";
import { safeRedirectPath } from "~/auth/redirect";
import { requestMeta } from "~/auth/request-meta.server";
import { startStaffSignIn } from "~/auth/sign-in.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { translateAuthErrors } from "~/ui/auth-errors";
import { ErrorSummary, Notice, TextField } from "~/ui/fields";
import { parseForm, type FieldErrors } from "~/ui/form";
import { readForm } from "~/http/form.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth"], isOpenWhenReadOnly: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "/staff");
  if (viewer.kind === "staff") throw redirect(redirectTo);
  const { t } = await getPageI18n(request);
  const notice = url.searchParams.get("notice");
  return json({
    title: `${t("auth:staff.title")} — ${t("brand.name")}`,
    redirectTo,
    notice: notice === "signed-out" || notice === "session-ended" || notice === "second-factor-expired" || notice === "invitation-accepted" ? notice : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = { username: String(form.get("username") ?? "") };
  const parsed = parseForm(StaffSignInSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });

  const result = await startStaffSignIn(getDb(), parsed.data, requestMeta(request, context, "back-office"));
  if (!result.ok) {
    const errors: FieldErrors<string, AuthErrorKey> =
      result.reason === "throttled"
        ? { username: { key: "throttled", count: result.retryAfterMinutes } }
        : result.reason === "disabled"
          ? { username: { key: "accountDisabled" } }
          : { password: { key: "invalidStaffCredentials" } };
    return json({ errors, values }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  const next = new URLSearchParams({ redirectTo: safeRedirectPath(parsed.data.redirectTo, "/staff") });
  return redirect(`/staff/verify?${next.toString()}`, {
    headers: { "Set-Cookie": await getSessionCookie().serialize(result.token) },
  });
}

export default function StaffSignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const errors = translateAuthErrors(t, actionData?.errors, ["username", "password"]);
  return (
    <div className="page page--narrow">
      {notice === "signed-out" ? <Notice tone="success">{t("notices.signedOut")}</Notice> : null}
      {notice === "session-ended" ? <Notice>{t("notices.sessionEnded")}</Notice> : null}
      {notice === "second-factor-expired" ? <Notice>{t("notices.secondFactorExpired")}</Notice> : null}
      {notice === "invitation-accepted" ? <Notice tone="success">{t("notices.invitationAccepted")}</Notice> : null}
      <ErrorSummary errors={errors.summary} />
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="username"
          label={t("staff.username")}
          error={errors.byField.username}
          defaultValue={actionData?.values.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          dir="ltr"
        />
        <TextField name="password" type="password" label={t("staff.password")} error={errors.byField.password} autoComplete="current-password" />
        <button type="submit" className="button">
          {t("staff.submit")}
        </button>
      </Form>
      <p className="section">
        <Link to="/sign-in">{t("staff.citizenLink")}</Link>
      </p>
    </div>
  );
}
