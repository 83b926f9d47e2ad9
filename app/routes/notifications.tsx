import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { isCursor, listNotifications, markRead } from "~/notifications/inbox.server";
import { notificationIn } from "~/notifications/notify.server";
import { getDb } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { readForm } from "~/http/form.server";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import { isolateLtr } from "~/i18n/bidi";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["inbox"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const url = new URL(request.url);
  const after = url.searchParams.get("after");
  const page = await listNotifications(getDb(), viewer.person.id, isCursor(after) ? after : null);
  const marked = url.searchParams.get("marked");
  return json({
    title: t("inbox:meta.title"),
    isFirstPage: !isCursor(after),
    next: page.next,
    marked: marked === null ? null : Number(marked),
    items: page.items.map((item) => ({
      id: item.id,
      ...notificationIn(item, lang),
      at: formatDateTime(item.createdAt, lang),
      isUnread: item.readAt === null,
      reference: item.reference,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireCitizen(request);
  const form = await readForm(request);
  const ids = form.getAll("id").map(String);
  const marked = await markRead(getDb(), viewer.person.id, ids);
  return redirect(`/notifications?marked=${marked}`);
}

export default function Notifications() {
  const { isFirstPage, next, marked, items } = useLoaderData<typeof loader>();
  const { t } = useTranslation("inbox");
  const unread = items.filter((item) => item.isUnread);
  return (
    <div className="page page--narrow">
      {marked !== null ? <Notice tone="success">{t("marked", { count: marked })}</Notice> : null}
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {items.length === 0 ? <p>{t("empty")}</p> : null}
      {items.length ? (
        <ol className="results">
          {items.map((item) => (
            <li key={item.id} className={item.isUnread ? "result result--unread" : "result"}>
              <h2 className="result__title" lang={item.language}>
                {item.subject}
                {item.isUnread ? <span className="badge badge--brand">{t("unread")}</span> : null}
              </h2>
              <p lang={item.language}>{item.body}</p>
              <p className="result__meta">
                <span>{item.at}</span>
                {item.reference ? <span>{t("reference", { reference: isolateLtr(item.reference) })}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {unread.length ? (
        <Form method="post">
          {unread.map((item) => (
            <input key={item.id} type="hidden" name="id" value={item.id} />
          ))}
          <button type="submit" className="button button--secondary">
            {t("markRead")}
          </button>
        </Form>
      ) : null}
      {next || !isFirstPage ? (
        <ul className="inline-list pagination">
          {next ? (
            <li>
              <Link to={`/notifications?after=${next}`}>{t("older")}</Link>
            </li>
          ) : null}
          {isFirstPage ? null : (
            <li>
              <Link to="/notifications">{t("newest")}</Link>
            </li>
          )}
        </ul>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
