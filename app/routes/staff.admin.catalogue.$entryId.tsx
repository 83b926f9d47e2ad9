import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { moveEntry, readVersion, retireEntry, updateEntry, type AdminContext } from "~/administration/catalogue-admin.server";
import { entryFormOptions, entryValues } from "~/administration/catalogue-pages.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { getInformationEntry } from "~/catalogue/entries.server";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { EntryForm } from "~/ui/entry-form";
import { Notice } from "~/ui/fields";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const entry = await getInformationEntry(db, params.entryId ?? "");
  invariantResponse(entry, "Not Found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const done = ["created", "saved", "retired", "restored", "moved", "edge"].find((key) => search.has(key)) ?? null;
  return json({
    title: t("staff:catalogue.editMeta", { title: entry.title[lang] }),
    entry: { id: entry.id, title: entry.title[lang], version: entry.version, retired: entry.retiredAt ? formatDateTime(entry.retiredAt, lang) : null },
    values: entryValues(entry),
    options: await entryFormOptions(db, lang),
    done: done as "created" | "saved" | "retired" | "restored" | "moved" | "edge" | null,
  });
}

const intents = ["update", "retire", "restore", "move-up", "move-down"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const id = params.entryId ?? "";
  const form = await readForm(request);
  const intent = intents.find((candidate) => candidate === form.get("intent"));
  invariantResponse(intent, "Bad Request", { status: 400 });
  const admin: AdminContext = {
    db: getDb(),
    accountId: viewer.accountId,
    meta: requestMeta(request, context as { requestId?: string; ip?: string }, "back-office"),
    now: new Date(),
  };
  const back = (done: string) => redirect(`/staff/admin/catalogue/${id}?${done}=1`);
  if (intent === "update") {
    const result = await updateEntry(admin, id, form);
    if (result.ok) return back("saved");
    if ("notFound" in result) throw new Response("Not Found", { status: 404 });
    if ("badVersion" in result) return json({ stale: false as const, badVersion: true, problems: {}, values: null, version: null }, { status: 400 });
    if ("stale" in result)
      return json({ stale: true as const, badVersion: false, problems: {}, values: result.values, version: result.version }, { status: 409 });
    return json({ stale: false as const, badVersion: false, problems: result.problems, values: result.values, version: null }, { status: 400 });
  }
  if (intent === "retire" || intent === "restore") {
    const version = readVersion(form);
    if (version === null) return json({ stale: false as const, badVersion: true, problems: {}, values: null, version: null }, { status: 400 });
    const result = await retireEntry(admin, id, intent === "retire", version);
    if (result.ok) return back(intent === "retire" ? "retired" : "restored");
    if (result.problem === "not-found") throw new Response("Not Found", { status: 404 });
    return json({ stale: true as const, badVersion: false, problems: {}, values: null, version: null }, { status: 409 });
  }
  const moved = await moveEntry(admin, id, intent === "move-up" ? "up" : "down");
  if (!moved.ok && moved.problem === "not-found") throw new Response("Not Found", { status: 404 });
  return back(moved.ok ? "moved" : "edge");
}

export default function EditEntry() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const location = useLocation();
  const { t } = useTranslation("staff");
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/catalogue">{t("catalogue.back")}</Link>
      </p>
      {data.done ? <Notice tone="success">{t(`catalogue.done.${data.done}`)}</Notice> : null}
      {refused?.stale ? <Notice tone="warning">{t("catalogue.stale")}</Notice> : null}
      {refused?.badVersion ? <Notice tone="warning">{t("catalogue.badVersion")}</Notice> : null}
      <h1>{data.entry.title}</h1>
      <p>
        <bdi dir="ltr">{data.entry.id}</bdi> · <Link to={`/services/${data.entry.id}`}>{t("catalogue.publicPage")}</Link>
      </p>
      {data.entry.retired ? <Notice tone="warning">{t("catalogue.isRetired", { date: data.entry.retired })}</Notice> : null}
      <EntryForm
        key={location.key}
        values={refused?.values ?? data.values}
        problems={refused?.problems ?? {}}
        options={data.options}
        isNew={false}
        version={refused?.version ?? data.entry.version}
      />
      <section className="section" aria-labelledby="place">
        <h2 id="place">{t("catalogue.placeTitle")}</h2>
        <p>{t("catalogue.placeLead")}</p>
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="move-up" />
            <button type="submit" className="button button--secondary">
              {t("catalogue.moveUp")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="move-down" />
            <button type="submit" className="button button--secondary">
              {t("catalogue.moveDown")}
            </button>
          </Form>
        </div>
      </section>
      <section className="section" aria-labelledby="offer">
        <h2 id="offer">{data.entry.retired ? t("catalogue.restoreTitle") : t("catalogue.retireTitle")}</h2>
        <p>{data.entry.retired ? t("catalogue.restoreLead") : t("catalogue.retireLead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={data.entry.retired ? "restore" : "retire"} />
          <input type="hidden" name="version" value={data.entry.version} />
          <button type="submit" className={data.entry.retired ? "button" : "button button--warning"}>
            {data.entry.retired ? t("catalogue.restore") : t("catalogue.retire")}
          </button>
        </Form>
      </section>
    </div>
  );
}
