import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { THE_KIOSK, recordAudit } from "~/audit/audit.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { getPageI18n } from "~/i18n/page.server";
import { kioskCookie, kioskOfRequest } from "~/kiosk/device.server";
import { enrolKiosk } from "~/kiosk/kiosks.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, Notice, TextField } from "~/ui/fields";
import type { RouteHandle } from "~/http/route-handle";
import { readForm } from "~/http/form.server";
import { KioskErrorBoundary } from "~/ui/route-error";

export const handle: RouteHandle = { chrome: "kiosk", isEnrolment: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Enrolling a kiosk's browser with the one-time code an administrator was given; or which kiosk this is. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const kiosk = await kioskOfRequest(request);
  const enrolled = kiosk && (lang === "ar" ? { name: kiosk.nameAr, location: kiosk.locationAr } : { name: kiosk.nameEn, location: kiosk.locationEn });
  return json({ title: t("kiosk:enrol.meta"), enrolled });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const enrolled = await enrolKiosk(getDb(), String(form.get("code") ?? ""));
  if (!enrolled) return json({ isRefused: true }, { status: 400 });
  await recordAudit(getDb(), {
    ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "kiosk")),
    action: "kiosk.enrolled",
    subjectType: "kiosk",
    subjectId: enrolled.kiosk.id,
    actorLabel: THE_KIOSK,
  });
  return json({ isRefused: false }, { headers: { "Set-Cookie": await kioskCookie().serialize(enrolled.credential) } });
}

export default function KioskEnrol() {
  const { enrolled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("kiosk");
  return (
    <div className="page page--narrow">
      <ErrorSummary errors={result?.isRefused ? [{ field: "code", message: t("enrol.refused") }] : []} />
      <h1>{t("enrol.title")}</h1>
      {enrolled ? (
        <>
          <Notice tone="success">
            <p>{t("enrol.done", { name: enrolled.name, location: enrolled.location })}</p>
          </Notice>
          <p>
            <Link to="/kiosk" className="button">
              {t("enrol.start")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">{t("enrol.lead")}</p>
          <Form method="post" className="form" noValidate>
            <TextField
              name="code"
              label={t("enrol.code")}
              hint={t("enrol.codeHint")}
              error={result?.isRefused ? t("enrol.refused") : undefined}
              autoComplete="off"
              dir="ltr"
              className="input--code"
            />
            <button type="submit" className="button">
              {t("enrol.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const ErrorBoundary = KioskErrorBoundary;
