import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { SecondFactorSchema, type AuthErrorKey } from "~/auth/forms";
import { getSessionCookie, requirePendingSecondFactor } from "~/auth/guards.server";
import { safeRedirectPath } from "~/auth/redirect";
import { requestMeta } from "~/auth/request-meta.server";
import { completeStaffSignIn, pendingEnrolmentSecret } from "~/auth/sign-in.server";
import { totpUri } from "~/auth/totp.server";
import { languageFromCookie } from "~/i18n/language.server";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
import { translateAuthErrors } from "~/ui/auth-errors";
import { ErrorSummary, TextField } from "~/ui/fields";
import { parseForm, type FieldErrors } from "~/ui/form";
import { readForm } from "~/http/form.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth"], isOpenWhenReadOnly: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePendingSecondFactor(request);
  const { t } = await getPageI18n(request);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/staff");
  const { database, secrets } = getRuntime();
  // Enrolment: the key and its QR code are shown only until the first code confirms them.
  const secret = pending.isEnrolled ? null : await pendingEnrolmentSecret(database.db, pending.accountId, secrets);
  const enrolment = secret
    ? {
        secretGroups: secret.match(/.{1,4}/g) ?? [secret],
        qrSvg: await QRCode.toString(totpUri(secret, pending.username, t("brand.name")), { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
      }
    : null;
  return json({
    title: `${enrolment ? t("auth:enrol.title") : t("auth:verify.title")} — ${t("brand.name")}`,
    redirectTo,
    enrolment,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await requirePendingSecondFactor(request);
  const parsed = parseForm(SecondFactorSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const { env, database, secrets } = getRuntime();
  const result = await completeStaffSignIn(
    database.db,
    {
      pendingSessionId: pending.sessionId,
      accountId: pending.accountId,
      username: pending.username,
      code: parsed.data.code,
      language: await languageFromCookie(request),
    },
    requestMeta(request, context, "back-office"),
    secrets,
    env.SESSION_IDLE_MINUTES_STAFF * 60,
  );
  if (!result.ok) {
    const errors: FieldErrors<string, AuthErrorKey> =
      result.reason === "throttled" ? { code: { key: "throttled", count: result.retryAfterMinutes } } : { code: { key: "codeInvalid" } };
    return json({ errors }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/staff"), {
    headers: { "Set-Cookie": await getSessionCookie().serialize(result.token) },
  });
}

export default function StaffVerify() {
  const { redirectTo, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const errors = translateAuthErrors(t, actionData?.errors, ["code"]);
  return (
    <div className="page page--narrow">
      <ErrorSummary errors={errors.summary} />
      {enrolment ? (
        <>
          <h1>{t("enrol.title")}</h1>
          <p className="lead">{t("enrol.lead")}</p>
          <ol>
            <li>
              <p>{t("enrol.step1")}</p>
            </li>
            <li>
              <p>{t("enrol.step2")}</p>
              <div className="qr" role="img" aria-label={t("enrol.qrAlt")} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
              <p>{t("enrol.manual")}</p>
              <p className="secret" dir="ltr" data-testid="totp-secret">
                {enrolment.secretGroups.join(" ")}
              </p>
              <p className="muted">{t("enrol.once")}</p>
            </li>
            <li>
              <p>{t("enrol.step3")}</p>
            </li>
          </ol>
        </>
      ) : (
        <>
          <h1>{t("verify.title")}</h1>
          <p className="lead">{t("verify.lead")}</p>
        </>
      )}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="code"
          label={t("verify.code")}
          hint={t("verify.codeHint")}
          error={errors.byField.code}
          className="input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          dir="ltr"
        />
        <button type="submit" className="button">
          {enrolment ? t("enrol.submit") : t("verify.submit")}
        </button>
      </Form>
      <p className="section">
        <Link to="/staff/sign-in">{t("verify.startAgain")}</Link>
      </p>
    </div>
  );
}
