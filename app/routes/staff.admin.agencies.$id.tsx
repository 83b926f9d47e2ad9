import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getAgency, updateAgency } from "~/agencies/queries.server";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import { displayName } from "~/i18n/names";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, TextField } from "~/ui/fields";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const fields = ["nameAr", "nameEn", "websiteUrl"] as const;
type AgencyField = (typeof fields)[number];

const isHttpsAddress = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
};

/** What an administrator may change of an agency: its names as the public reads them, and its website. */
const AgencySchema = z.object({
  nameAr: z
    .string()
    .trim()
    .min(2, "nameAr")
    .max(120, "nameAr")
    .regex(/[\u0600-\u06FF]/, "nameAr"),
  nameEn: z.string().trim().min(2, "nameEn").max(120, "nameEn"),
  websiteUrl: z
    .string()
    .trim()
    .max(300, "websiteUrl")
    .refine((value) => value === "" || isHttpsAddress(value), "websiteUrl")
    .transform((value) => value || null),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const agency = await getAgency(getDb(), params.id ?? "");
  invariantResponse(agency, "Not Found", { status: 404 });
  return json({ title: t("staff:agencies.editMeta", { name: displayName(agency, lang) }), agency });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const form = await readForm(request);
  const values = Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? "")])) as Record<AgencyField, string>;
  const parsed = AgencySchema.safeParse(values);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((issue) => issue.message as AgencyField))];
    return json({ problems, values }, { status: 400 });
  }
  const id = params.id ?? "";
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  // The change and its audit record commit together.
  const before = await getDb().transaction(async (tx) => {
    const was = await updateAgency(tx, id, parsed.data);
    if (was) {
      await recordAudit(tx, {
        ...auditFields(meta),
        actorAccountId: viewer.accountId,
        action: "agency.updated",
        subjectType: "agency",
        subjectId: id,
        details: { before: { nameAr: was.nameAr, nameEn: was.nameEn, websiteUrl: was.websiteUrl }, after: parsed.data },
      });
    }
    return was;
  });
  invariantResponse(before, "Not Found", { status: 404 });
  return redirect(`/staff/admin/agencies?saved=${encodeURIComponent(id)}`);
}

export default function EditAgency() {
  const { agency } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errorOf = (field: AgencyField) => (refused?.problems.includes(field) ? t(`agencies.problems.${field}`) : undefined);
  const valueOf = (field: AgencyField) => refused?.values[field] ?? agency[field] ?? "";
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/agencies">{t("agencies.back")}</Link>
      </p>
      <ErrorSummary errors={(refused?.problems ?? []).map((field) => ({ field, message: t(`agencies.problems.${field}`) }))} />
      <h1>{t("agencies.editTitle")}</h1>
      <p className="lead">
        <bdi dir="ltr">{agency.id}</bdi>
      </p>
      <Form method="post" className="form" noValidate>
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
          {t("agencies.save")}
        </button>
      </Form>
    </div>
  );
}
