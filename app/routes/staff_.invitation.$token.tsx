import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkForm } from "~/administration/forms";
import { AcceptSchema, acceptFields, memberProblemsOf } from "~/administration/staff-forms";
import { agencyNamer, formatOptionalMoment } from "~/administration/staff-pages.server";
import { acceptInvitation, getInvitation } from "~/administration/staff.server";
import { requestMeta } from "~/auth/request-meta.server";
import { noStore } from "~/http/no-store";
import { readForm } from "~/http/form.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, TextField } from "~/ui/fields";
import { useRoleLabel } from "~/ui/role-label";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "referrer", content: "no-referrer" }];

// The link's token is a secret: the page is never cached, and sends no referrer.
export const headers = () => noStore;

/** An invitation to join the staff, opened from its one-time link (no sign-in: the token is the key). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const invitation = await getInvitation(getDb(), params.token ?? "");
  if (invitation.status === "gone") return json({ title: t("staff:members.goneTitle"), invitation: null }, { status: 404, headers: noStore });
  const { nameGrant } = await agencyNamer(getDb(), lang);
  return json(
    {
      title: t("staff:members.acceptMeta"),
      invitation: {
        name: lang === "ar" ? invitation.nameAr : invitation.nameEn,
        grant: nameGrant(invitation),
        expires: formatOptionalMoment(invitation.expiresAt, lang)!,
      },
    },
    { headers: noStore },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const checked = checkForm(AcceptSchema, acceptFields, await readForm(request));
  const keep = (values: Record<string, string>) => ({ civilId: values.civilId ?? "", username: values.username ?? "" });
  if (!checked.ok) return json({ problems: memberProblemsOf(checked.problems), values: keep(checked.values) }, { status: 400 });
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const accepted = await acceptInvitation(getDb(), meta, { token: params.token ?? "", ...checked.data });
  if (!accepted.ok) {
    const field = accepted.problem === "username-taken" ? "username" : "civilId";
    return json({ problems: memberProblemsOf({ [field]: accepted.problem }), values: keep(checked.data) }, { status: accepted.problem === "gone" ? 404 : 400 });
  }
  return redirect("/staff/sign-in?notice=invitation-accepted");
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const roleLabel = useRoleLabel();
  if (!invitation) {
    return (
      <div className="page page--narrow">
        <h1>{t("members.goneTitle")}</h1>
        <p className="lead">{t("members.goneLead")}</p>
      </div>
    );
  }
  const problems = refused?.problems ?? {};
  const errorOf = (field: (typeof acceptFields)[number]) => {
    const problem = problems[field];
    return problem ? t(`members.problems.${problem}`) : undefined;
  };
  return (
    <div className="page page--narrow">
      <ErrorSummary errors={acceptFields.flatMap((field) => (problems[field] ? [{ field, message: errorOf(field)! }] : []))} />
      <h1>{t("members.acceptTitle")}</h1>
      <p className="lead">{t("members.acceptLead", { name: invitation.name, role: roleLabel(invitation.grant), expires: invitation.expires })}</p>
      <p>{t("members.acceptHow")}</p>
      <Form method="post" className="form" noValidate>
        <TextField
          name="civilId"
          label={t("members.yourCivilId")}
          error={errorOf("civilId")}
          defaultValue={refused?.values.civilId ?? ""}
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          className="input--code"
        />
        <TextField
          name="username"
          label={t("members.chooseUsername")}
          hint={t("members.usernameHint")}
          error={errorOf("username")}
          defaultValue={refused?.values.username ?? ""}
          autoComplete="username"
          autoCapitalize="none"
          dir="ltr"
        />
        <TextField
          name="password"
          type="password"
          label={t("members.password")}
          hint={t("members.passwordHint")}
          error={errorOf("password")}
          autoComplete="new-password"
          dir="ltr"
        />
        <TextField name="confirm" type="password" label={t("members.confirm")} error={errorOf("confirm")} autoComplete="new-password" dir="ltr" />
        <button type="submit" className="button">
          {t("members.accept")}
        </button>
      </Form>
    </div>
  );
}
