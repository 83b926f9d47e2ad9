import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { findCertificate, revokeCertificate, statusOf, type CertificateStatus } from "~/certificates/certificates.server";
import type { Text } from "~/catalogue/types";
import { formatDate } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, Notice, TextField } from "~/ui/fields";
import { readForm } from "~/http/form.server";
import { displayName } from "~/i18n/names";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["verify"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const found = await findCertificate(getDb(), { number: params.number ?? "" });
  invariantResponse(found, "Not Found", { status: 404 });
  const { certificate } = found;
  invariantResponse(
    viewer.roles.some((grant) => grant.role === "admin" || grant.agencyId === certificate.signingAgencyId),
    "Forbidden",
    { status: 403 },
  );
  return json({
    title: `${t("verify:staff.title", { number: certificate.number })} — ${t("brand.name")}`,
    number: certificate.number,
    code: certificate.verificationCode,
    status: statusOf(certificate),
    certificateTitle: (certificate.data as { title: Text }).title[lang],
    holder: displayName({ nameAr: found.holderNameAr, nameEn: found.holderNameEn }, lang),
    issued: formatDate(certificate.issuedAt, lang),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request);
  const form = await readForm(request);
  const result = await revokeCertificate(getDb(), {
    number: params.number ?? "",
    reason: String(form.get("reason") ?? ""),
    viewer,
    meta: requestMeta(request, context, "back-office"),
  });
  if (result.ok) return json({ revoked: true, error: null });
  invariantResponse(result.reason !== "not-found", "Not Found", { status: 404 });
  invariantResponse(result.reason !== "not-allowed", "Forbidden", { status: 403 });
  return json({ revoked: false, error: result.reason === "reason-required" ? ("reasonRequired" as const) : ("alreadyRevoked" as const) }, { status: 400 });
}

export default function StaffCertificate() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("verify");
  const status = data.status as CertificateStatus;
  const error = result?.error ? t(`staff.${result.error}`) : undefined;
  return (
    <div className="page page--narrow">
      {result?.revoked ? <Notice tone="success">{t("staff.revoked")}</Notice> : null}
      <ErrorSummary errors={error ? [{ field: "reason", message: error }] : []} />
      <h1>{t("staff.title", { number: data.number })}</h1>
      <dl className="summary">
        <dt>{t("fields.certificate")}</dt>
        <dd>{data.certificateTitle}</dd>
        <dt>{t("fields.holder")}</dt>
        <dd>{data.holder}</dd>
        <dt>{t("fields.issued")}</dt>
        <dd>{data.issued}</dd>
      </dl>
      <div className={`verdict verdict--${status}`}>
        <p>{t(`status.${status}`)}</p>
      </div>
      <ul>
        <li>
          <a href={`/certificates/${data.number}.pdf`} download>
            {t("staff.download")}
          </a>
        </li>
        <li>
          <a href={`/verify/${data.code}`}>{t("staff.verifyPage")}</a>
        </li>
      </ul>
      {status === "valid" ? (
        <section className="section" aria-labelledby="revoke-title">
          <h2 id="revoke-title">{t("staff.revokeTitle")}</h2>
          <p>{t("staff.revokeLead")}</p>
          <Form method="post" className="form" noValidate>
            <TextField name="reason" label={t("staff.reason")} hint={t("staff.reasonHint")} error={error} maxLength={300} />
            <button type="submit" className="button">
              {t("staff.revoke")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
