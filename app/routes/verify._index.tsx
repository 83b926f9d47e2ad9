import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPageI18n } from "~/i18n/page.server";
import { certificateCodeOf } from "~/i18n/typed-codes";
import { ErrorSummary, TextField } from "~/ui/fields";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["verify"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// A GET form, so it works without JavaScript and the result has its own address.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageI18n(request);
  const url = new URL(request.url);
  const typed = url.searchParams.get("code");
  const code = typed === null ? null : certificateCodeOf(typed);
  if (code) throw redirect(`/verify/${encodeURIComponent(code)}`);
  return json({ title: t("verify:meta.title"), isMissing: typed !== null });
}

export default function VerifyStart() {
  const { isMissing } = useLoaderData<typeof loader>();
  const { t } = useTranslation("verify");
  const error = isMissing ? t("codeRequired") : undefined;
  return (
    <div className="page page--narrow">
      <ErrorSummary errors={error ? [{ field: "code", message: error }] : []} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <Form method="get" className="form">
        <TextField name="code" label={t("code")} hint={t("codeHint")} error={error} autoComplete="off" spellCheck={false} dir="ltr" />
        <button type="submit" className="button">
          {t("submit")}
        </button>
      </Form>
    </div>
  );
}
