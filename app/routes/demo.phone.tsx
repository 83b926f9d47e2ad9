import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { desc, eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { notifications } from "../../db/schema";
import { maskPhone } from "~/accounts/verification.server";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The embedded demo has no SMS gateway: the text messages it sends are read here. Only with demo
// data; a real deployment (DEMO_DATA off) answers 404.
export async function loader({ request }: LoaderFunctionArgs) {
  const runtime = getRuntime();
  invariantResponse(runtime.env.DEMO_DATA, "Not Found", { status: 404 });
  const { lang, t } = await getPageI18n(request);
  const rows = await runtime.database.db
    .select({
      id: notifications.id,
      address: notifications.address,
      subject: notifications.subject,
      body: notifications.body,
      language: notifications.language,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.channel, "sms"))
    .orderBy(desc(notifications.createdAt))
    .limit(20);
  return json({
    title: `${t("auth:demoPhone.title")} — ${t("brand.name")}`,
    messages: rows.map((row) => ({
      id: row.id,
      to: maskPhone(row.address ?? ""),
      text: `${row.subject}: ${row.body}`,
      // A text as it was sent: in its recipient's language, whatever this page's.
      language: row.language,
      at: formatDateTime(row.createdAt, lang),
    })),
  });
}

export default function DemoPhone() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  return (
    <div className="page page--narrow">
      <h1>{t("demoPhone.title")}</h1>
      <p className="lead">{t("demoPhone.lead")}</p>
      {messages.length === 0 ? <p>{t("demoPhone.none")}</p> : null}
      <ol className="results">
        {messages.map((message) => (
          <li key={message.id} className="result">
            <p className="result__meta">
              <span>
                {t("demoPhone.to")} <bdi dir="ltr">{message.to}</bdi>
              </span>
              <span>{message.at}</span>
            </p>
            <p className="sms" lang={message.language}>
              {message.text}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
