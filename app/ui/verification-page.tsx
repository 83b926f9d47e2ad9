import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { VerificationActionData } from "~/accounts/verification-route.server";
import { translateAuthErrors } from "./auth-errors";
import { ErrorSummary, Notice, TextField } from "./fields";
import { isolateLtr } from "~/i18n/bidi";

/** Registration and password reset: the civil ID first, then the texted code and a new password. */
export function VerificationPage({ purpose, hasDemoPhone }: { purpose: "register" | "reset-password"; hasDemoPhone: boolean }) {
  const data = useActionData<VerificationActionData>();
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  const intro = purpose === "register" ? "register" : "reset";
  if (data?.stage === "code") {
    const errors = translateAuthErrors(t, data.errors ?? undefined, ["code", "password", "confirm", "challengeId"]);
    return (
      <div className="page page--narrow">
        <ErrorSummary errors={errors.summary} />
        <h1>{t("code.title")}</h1>
        <p className="lead">{t(purpose === "register" ? "code.leadRegister" : "code.leadReset", { phone: isolateLtr(data.maskedPhone) })}</p>
        {hasDemoPhone ? (
          <Notice>
            <Link to="/demo/phone" target="_blank">
              {t("code.demoPhone")}
            </Link>
          </Notice>
        ) : null}
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="complete" />
          <input type="hidden" name="challengeId" value={data.challengeId} />
          <input type="hidden" name="civilId" value={data.civilId} />
          <input type="hidden" name="maskedPhone" value={data.maskedPhone} />
          <TextField
            name="code"
            label={t("code.code")}
            hint={t("code.codeHint")}
            error={errors.byField.code ?? errors.byField.challengeId}
            inputMode="numeric"
            autoComplete="one-time-code"
            className="input--code"
            dir="ltr"
          />
          <TextField
            name="password"
            type="password"
            label={t("code.password")}
            hint={t("code.passwordHint")}
            error={errors.byField.password}
            autoComplete="new-password"
          />
          <TextField name="confirm" type="password" label={t("code.confirm")} error={errors.byField.confirm} autoComplete="new-password" />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {purpose === "register" ? t("code.submitRegister") : t("code.submitReset")}
          </button>
        </Form>
        <p>
          <Link to={purpose === "register" ? "/register" : "/reset-password"} reloadDocument>
            {t("code.startAgain")}
          </Link>
        </p>
      </div>
    );
  }
  const errors = translateAuthErrors(t, data?.errors, ["civilId"]);
  return (
    <div className="page page--narrow">
      <ErrorSummary errors={errors.summary} />
      <h1>{t(`${intro}.title`)}</h1>
      <p className="lead">{t(`${intro}.lead`)}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="start" />
        <TextField
          name="civilId"
          label={t("citizen.civilId")}
          hint={t("citizen.civilIdHint")}
          error={errors.byField.civilId}
          defaultValue={data?.values.civilId}
          inputMode="numeric"
          autoComplete="username"
          dir="ltr"
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t(`${intro}.submit`)}
        </button>
      </Form>
      <p>
        <Link to="/sign-in">{t("register.haveAccount")}</Link>
      </p>
    </div>
  );
}
