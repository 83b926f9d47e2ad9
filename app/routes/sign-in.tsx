import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CitizenSignInSchema, type AuthErrorKey } from "~/auth/forms";
import { getSessionCookie, getViewer } from "~/auth/guards.server";
import { safeRedirectPath } from "~/auth/redirect";
import { requestMeta } from "~/auth/request-meta.server";
import { signInCitizen } from "~/auth/sign-in.server";
import { languageFromCookie } from "~/i18n/language.server";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
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
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"), "/dashboard");
  if (viewer.kind === "citizen") throw redirect(redirectTo);
  const { t } = await getPageI18n(request);
  const notice = url.searchParams.get("notice");
  return json({
    title: `${t("auth:citizen.title")} — ${t("brand.name")}`,
    redirectTo,
    notice: notice === "signed-out" || notice === "session-ended" ? notice : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const values = { civilId: String(form.get("civilId") ?? "") };
  const parsed = parseForm(CitizenSignInSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });

  const { env, database } = getRuntime();
  const result = await signInCitizen(
    database.db,
    { ...parsed.data, language: await languageFromCookie(request) },
    requestMeta(request, context),
    env.SESSION_IDLE_MINUTES_CITIZEN * 60,
  );
  if (!result.ok) {
    const errors: FieldErrors<string, AuthErrorKey> =
      result.reason === "throttled"
        ? { civilId: { key: "throttled", count: result.retryAfterMinutes } }
        : result.reason === "disabled"
          ? { civilId: { key: "accountDisabled" } }
          : { password: { key: "invalidCredentials" } };
    return json({ errors, values }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/dashboard"), {
    headers: { "Set-Cookie": await getSessionCookie().serialize(result.token) },
  });
}

export default function CitizenSignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  const errors = translateAuthErrors(t, actionData?.errors, ["civilId", "password"]);
  return (
    <div className="page page--narrow">
      {notice === "signed-out" ? <Notice tone="success">{t("notices.signedOut")}</Notice> : null}
      {notice === "session-ended" ? <Notice>{t("notices.sessionEnded")}</Notice> : null}
      <ErrorSummary errors={errors.summary} />
      <h1>{t("citizen.title")}</h1>
      <p className="lead">{t("citizen.lead")}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="civilId"
          label={t("citizen.civilId")}
          hint={t("citizen.civilIdHint")}
          error={errors.byField.civilId}
          defaultValue={actionData?.values.civilId}
          inputMode="numeric"
          autoComplete="username"
          spellCheck={false}
          maxLength={20}
        />
        <TextField name="password" type="password" label={t("citizen.password")} error={errors.byField.password} autoComplete="current-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("citizen.submit")}
        </button>
      </Form>
      <ul className="section link-list">
        <li>
          <Link to="/register">{t("citizen.register")}</Link>
        </li>
        <li>
          <Link to="/reset-password">{t("citizen.forgot")}</Link>
        </li>
        <li>
          <Link to="/staff/sign-in">{t("citizen.staffLink")}</Link>
        </li>
      </ul>
    </div>
  );
}
