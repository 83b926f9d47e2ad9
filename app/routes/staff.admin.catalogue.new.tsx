import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createEntry } from "~/administration/catalogue-admin.server";
import { emptyEntryValues, entryFormOptions } from "~/administration/catalogue-pages.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { EntryForm } from "~/ui/entry-form";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  return json({ title: t("staff:catalogue.newMeta"), options: await entryFormOptions(getDb(), lang), values: emptyEntryValues() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const result = await createEntry({ db: getDb(), accountId: viewer.accountId, meta, now: new Date() }, await readForm(request));
  if (result.ok) return redirect(`/staff/admin/catalogue/${result.id}?created=1`);
  if ("problems" in result) return json({ problems: result.problems, values: result.values }, { status: 400 });
  throw new Response("Bad Request", { status: 400 });
}

export default function NewEntry() {
  const { options, values } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/catalogue">{t("catalogue.back")}</Link>
      </p>
      <h1>{t("catalogue.newTitle")}</h1>
      <p className="lead">{t("catalogue.newLead")}</p>
      <EntryForm isNew values={refused?.values ?? values} problems={refused?.problems ?? {}} options={options} />
    </div>
  );
}
