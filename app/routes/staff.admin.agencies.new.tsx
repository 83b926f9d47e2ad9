import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { agencyProblems, NewAgencySchema, newAgencyFields, type AgencyProblems } from "~/administration/agency-forms";
import { checkForm } from "~/administration/forms";
import { createAgency } from "~/agencies/queries.server";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, TextField } from "~/ui/fields";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { t } = await getPageI18n(request);
  return json({ title: t("staff:agencies.newMeta") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const checked = checkForm(NewAgencySchema, newAgencyFields, await readForm(request));
  if (!checked.ok) return json({ problems: agencyProblems(checked.problems), values: checked.values }, { status: 400 });
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const agency = checked.data;
  // The agency and its audit record commit together.
  const isCreated = await getDb().transaction(async (tx) => {
    if (!(await createAgency(tx, agency))) return false;
    await recordAudit(tx, {
      ...auditFields(meta),
      actorAccountId: viewer.accountId,
      action: "agency.created",
      subjectType: "agency",
      subjectId: agency.id,
      details: { agency },
    });
    return true;
  });
  if (!isCreated)
    return json(
      { problems: agencyProblems({ id: "taken" }), values: Object.fromEntries(newAgencyFields.map((field) => [field, String(agency[field] ?? "")])) },
      { status: 400 },
    );
  return redirect(`/staff/admin/agencies/${agency.id}?created=1`);
}

export default function NewAgency() {
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const problems: AgencyProblems = refused?.problems ?? {};
  const errorOf = (field: keyof AgencyProblems) => (problems[field] ? t(`agencies.problems.${problems[field]}`) : undefined);
  const valueOf = (field: (typeof newAgencyFields)[number]) => refused?.values[field] ?? "";
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/agencies">{t("agencies.back")}</Link>
      </p>
      <ErrorSummary errors={Object.entries(problems).map(([field, problem]) => ({ field, message: t(`agencies.problems.${problem}`) }))} />
      <h1>{t("agencies.newTitle")}</h1>
      <p className="lead">{t("agencies.newLead")}</p>
      <Form method="post" className="form" noValidate>
        <TextField
          name="id"
          label={t("agencies.id")}
          hint={t("agencies.idHint")}
          error={errorOf("id")}
          defaultValue={valueOf("id")}
          dir="ltr"
          autoComplete="off"
        />
        <TextField name="nameAr" label={t("agencies.nameAr")} error={errorOf("nameAr")} defaultValue={valueOf("nameAr")} lang="ar" dir="rtl" />
        <TextField name="nameEn" label={t("agencies.nameEn")} error={errorOf("nameEn")} defaultValue={valueOf("nameEn")} lang="en" dir="ltr" />
        <TextField
          name="websiteUrl"
          label={t("agencies.website")}
          hint={t("agencies.websiteHint")}
          error={errorOf("websiteUrl")}
          defaultValue={valueOf("websiteUrl")}
          dir="ltr"
          inputMode="url"
        />
        <button type="submit" className="button">
          {t("agencies.create")}
        </button>
      </Form>
    </div>
  );
}
