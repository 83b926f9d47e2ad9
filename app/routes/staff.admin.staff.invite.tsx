import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffAdministrator } from "~/administration/guard.server";
import { checkForm } from "~/administration/forms";
import { grantOptions, grantValue, InviteSchema, inviteFields, memberProblemsOf } from "~/administration/staff-forms";
import { agencyNamer, formatOptionalMoment } from "~/administration/staff-pages.server";
import { inviteStaff } from "~/administration/staff.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime, jobDepsOf } from "~/runtime.server";
import { ErrorSummary, SelectField, TextField } from "~/ui/fields";
import { useRoleLabel } from "~/ui/role-label";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaffAdministrator(request);
  const { lang, t } = await getPageI18n(request);
  const { agencies } = await agencyNamer(getDb(), lang);
  return json({ title: t("staff:members.inviteMeta"), scope, agencies, lang });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, scope } = await requireStaffAdministrator(request);
  const { lang } = await getPageI18n(request);
  const checked = checkForm(InviteSchema, inviteFields, await readForm(request));
  if (!checked.ok) return json({ ok: false as const, problems: memberProblemsOf(checked.problems), values: checked.values, accountId: null }, { status: 400 });
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const invited = await inviteStaff(getDb(), jobDepsOf(getRuntime()).exchange, { scope, accountId: viewer.accountId, meta }, checked.data);
  const values = { civilId: checked.data.civilId, grant: grantValue(checked.data.grant) };
  if (!invited.ok) {
    const field = invited.problem === "not-granted" || invited.problem === "bad-grant" ? "grant" : "civilId";
    return json(
      { ok: false as const, problems: memberProblemsOf({ [field]: invited.problem }), values, accountId: invited.accountId ?? null },
      { status: 400 },
    );
  }
  return json({
    ok: true as const,
    name: lang === "ar" ? invited.person.nameAr : invited.person.nameEn,
    link: `${new URL(request.url).origin}/staff/invitation/${invited.token}`,
    expires: formatOptionalMoment(invited.expiresAt, lang)!,
  });
}

export default function InviteStaff() {
  const { scope, agencies, lang } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const roleLabel = useRoleLabel();
  if (result?.ok) {
    return (
      <div className="page page--narrow">
        <p>
          <Link to="/staff/admin/staff">{t("members.backToStaff")}</Link>
        </p>
        <h1>{t("members.invitedTitle")}</h1>
        <p className="lead">{t("members.invitedLead", { name: result.name, expires: result.expires })}</p>
        <p className="field__label" id="invitation-link">
          {t("members.invitationLink")}
        </p>
        <p aria-labelledby="invitation-link">
          <code dir="ltr" className="invitation-link">
            {result.link}
          </code>
        </p>
      </div>
    );
  }
  const problems = result?.problems ?? {};
  const options = grantOptions(scope, agencies, lang, roleLabel);
  const grantError = problems.grant ? t(`members.problems.${problems.grant}`) : undefined;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/staff">{t("members.backToStaff")}</Link>
      </p>
      <ErrorSummary errors={Object.entries(problems).map(([field, problem]) => ({ field, message: t(`members.problems.${problem!}`) }))} />
      <h1>{t("members.inviteTitle")}</h1>
      <p className="lead">{t("members.inviteLead")}</p>
      {result?.accountId ? (
        <p>
          <Link to={`/staff/admin/staff/${result.accountId}`}>{t("members.manage")}</Link>
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        <TextField
          name="civilId"
          label={t("members.civilId")}
          error={problems.civilId ? t(`members.problems.${problems.civilId}`) : undefined}
          defaultValue={result?.values.civilId ?? ""}
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          className="input--code"
        />
        <SelectField
          name="grant"
          label={t("members.grant")}
          hint={t("members.grantHint")}
          error={grantError}
          placeholder={t("members.chooseGrant")}
          options={options}
          defaultValue={result?.values.grant ?? ""}
        />
        <button type="submit" className="button">
          {t("members.send")}
        </button>
      </Form>
    </div>
  );
}
