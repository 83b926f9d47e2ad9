import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { profilePage, SAVED, type Saved } from "~/accounts/profile-page.server";
import { changePassword, signOutEverywhereElse, updateContact, updateLanguage } from "~/accounts/profile.server";
import { ChangePasswordSchema, ContactSchema } from "~/auth/forms";
import { requireCitizen } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { isLanguage } from "~/i18n/config";
import { languageCookie } from "~/i18n/language.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { translateAuthErrors } from "~/ui/auth-errors";
import { ErrorSummary, Notice, TextField } from "~/ui/fields";
import { parseForm, type FieldErrors } from "~/ui/form";
import { readForm } from "~/http/form.server";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth", "profile"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const url = new URL(request.url);
  const saved = url.searchParams.get("saved");
  return json(
    await profilePage({
      viewer,
      lang,
      t,
      saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as Saved) : null,
      endedCount: Number(url.searchParams.get("count") ?? 0),
    }),
  );
}

type ActionData = { form: "contact" | "password"; errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireCitizen(request);
  const db = getDb();
  const owner = { accountId: viewer.accountId, personId: viewer.person.id, sessionId: viewer.sessionId };
  const meta = requestMeta(request, context as { requestId?: string; ip?: string });
  const form = await readForm(request);
  switch (form.get("intent")) {
    case "contact": {
      const values = { email: String(form.get("email") ?? ""), phone: String(form.get("phone") ?? "") };
      const parsed = parseForm(ContactSchema, form);
      if (!parsed.ok) return json<ActionData>({ form: "contact", errors: parsed.errors, values }, { status: 400 });
      await updateContact(db, owner, parsed.data, meta);
      return redirect("/profile?saved=contact");
    }
    case "language": {
      const language = form.get("language");
      if (!isLanguage(language)) return redirect("/profile");
      await updateLanguage(db, owner, language, meta);
      return redirect("/profile?saved=language", { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
    }
    case "password": {
      form.set("civilId", viewer.person.civilId);
      const parsed = parseForm(ChangePasswordSchema, form);
      if (!parsed.ok) return json<ActionData>({ form: "password", errors: parsed.errors }, { status: 400 });
      const result = await changePassword(db, owner, { current: parsed.data.current, password: parsed.data.password }, meta);
      if (!result.ok) {
        const error = result.reason === "throttled" ? { key: "throttled" as const, count: result.retryAfterMinutes } : { key: "wrongCurrentPassword" as const };
        return json<ActionData>({ form: "password", errors: { current: error } }, { status: result.reason === "throttled" ? 429 : 400 });
      }
      return redirect("/profile?saved=password");
    }
    case "sessions": {
      const count = await signOutEverywhereElse(db, owner, meta);
      return redirect(`/profile?saved=sessions&count=${count}`);
    }
    default:
      return redirect("/profile");
  }
}

export default function Profile() {
  const { person, saved, endedCount, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("profile");
  const { t: tAuth } = useTranslation("auth");
  const { t: tCommon } = useTranslation("common");
  const contactErrors = translateAuthErrors(tAuth, actionData?.form === "contact" ? actionData.errors : undefined, ["email", "phone"]);
  const passwordErrors = translateAuthErrors(tAuth, actionData?.form === "password" ? actionData.errors : undefined, ["current", "password", "confirm"]);
  const isBusy = navigation.state === "submitting";
  return (
    <div className="page page--narrow">
      {saved === "sessions" ? (
        <Notice tone="success">{t("sessions.signedOut", { count: endedCount })}</Notice>
      ) : saved ? (
        <Notice tone="success">{t(`${saved}.saved`)}</Notice>
      ) : null}
      <ErrorSummary errors={[...contactErrors.summary, ...passwordErrors.summary]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>

      <section className="section" aria-labelledby="identity">
        <h2 id="identity">{t("identity.title")}</h2>
        <dl className="summary">
          <div>
            <dt>{t("identity.name")}</dt>
            <dd>{person.name}</dd>
          </div>
          <div>
            <dt>{t("identity.civilId")}</dt>
            <dd>
              <bdi dir="ltr">{person.civilId}</bdi>
            </dd>
          </div>
        </dl>
        <p className="muted">{t("identity.note")}</p>
        <p>
          <Link to="/my-data">{tCommon("nav.dataUse")}</Link>
        </p>
      </section>

      <section className="section" aria-labelledby="contact">
        <h2 id="contact">{t("contact.title")}</h2>
        {/* Keyed by what is saved, so the fields show it again after saving. */}
        <Form method="post" className="form" noValidate key={`${person.email}|${person.phone}`}>
          <input type="hidden" name="intent" value="contact" />
          <TextField
            name="email"
            type="email"
            label={t("contact.email")}
            hint={t("contact.emailHint")}
            error={contactErrors.byField.email}
            defaultValue={actionData?.values?.email ?? person.email ?? ""}
            autoComplete="email"
            dir="ltr"
          />
          <TextField
            name="phone"
            type="tel"
            label={t("contact.phone")}
            hint={t("contact.phoneHint")}
            error={contactErrors.byField.phone}
            defaultValue={actionData?.values?.phone ?? person.phone ?? ""}
            autoComplete="tel"
            dir="ltr"
          />
          <button type="submit" className="button" disabled={isBusy}>
            {t("contact.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="language">
        <h2 id="language">{t("language.title")}</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="language" />
          <fieldset className="field">
            <legend className="field__label">{t("language.legend")}</legend>
            {(["ar", "en"] as const).map((language) => (
              <label key={language} className="choice" lang={language}>
                <input type="radio" name="language" value={language} defaultChecked={person.language === language} /> {t(`language.${language}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={isBusy}>
            {t("language.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="password">
        <h2 id="password">{t("password.title")}</h2>
        <p>{t("password.note")}</p>
        <Form method="post" className="form" noValidate key={saved === "password" ? "changed" : "form"}>
          <input type="hidden" name="intent" value="password" />
          <TextField name="current" type="password" label={t("password.current")} error={passwordErrors.byField.current} autoComplete="current-password" />
          <TextField
            name="password"
            type="password"
            label={t("password.new")}
            hint={t("password.newHint")}
            error={passwordErrors.byField.password}
            autoComplete="new-password"
          />
          <TextField name="confirm" type="password" label={t("password.confirm")} error={passwordErrors.byField.confirm} autoComplete="new-password" />
          <button type="submit" className="button" disabled={isBusy}>
            {t("password.submit")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="sessions">
        <h2 id="sessions">{t("sessions.title")}</h2>
        <ul className="results">
          {sessions.map((session) => (
            <li key={session.id} className="result">
              <p>
                <strong>{session.device ? <bdi translate="no">{session.device}</bdi> : t("sessions.unknownDevice")}</strong>
                {session.isThis ? <span className="badge badge--brand">{t("sessions.this")}</span> : null}
              </p>
              <p className="result__meta">
                <span>{t("sessions.startedAt", { at: session.started })}</span>
                <span>{t("sessions.lastSeenAt", { at: session.lastSeen })}</span>
                <span>{t(`sessions.channels.${session.channel}`)}</span>
              </p>
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="sessions" />
            <button type="submit" className="button button--secondary" disabled={isBusy}>
              {t("sessions.signOutOthers")}
            </button>
          </Form>
        ) : (
          <p>{t("sessions.noOthers")}</p>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
