import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isolateTyped } from "~/i18n/bidi";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestMeta } from "~/auth/request-meta.server";
import { auditVerification, findCertificate, isWellFormedCode, statusOf, type CertificateStatus } from "~/certificates/certificates.server";
import { publishedKeys, verifyCertificateToken } from "~/certificates/token.server";
import type { Text } from "~/catalogue/types";
import { formatDate, formatDateWithHijri } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getRuntime } from "~/runtime.server";
import { displayName } from "~/i18n/names";
import { certificateCodeOf } from "~/i18n/typed-codes";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["verify"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

// Public, no sign-in: what the certificate says, whether it stands, and nothing more.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, t } = await getPageI18n(request);
  const { database, certificateKey } = getRuntime();
  // A code pasted with a full stop or quotes around it opens the code's own address.
  const code = certificateCodeOf(params.code ?? "");
  if (code !== params.code && code) throw redirect(`/verify/${encodeURIComponent(code)}${new URL(request.url).search}`);
  const found = isWellFormedCode(code) ? await findCertificate(database.db, { code }) : null;
  const status = found ? statusOf(found.certificate) : "unknown";
  await auditVerification(database.db, { code, certificateId: found?.certificate.id ?? null, status, meta: requestMeta(request, context) });

  const token = new URL(request.url).searchParams.get("t");
  const tokenCheck = token && found ? verifyCertificateToken(token, publishedKeys([certificateKey])) : null;
  const isTokenGenuine = tokenCheck ? tokenCheck.ok && tokenCheck.claims.n === found!.certificate.number : null;

  const base = { title: `${t(`verify:status.${status}`)} — ${t("brand.name")}`, status, isTokenGenuine };
  if (!found) return json({ ...base, certificate: null });
  const { certificate } = found;
  const when = (at: Date) => {
    const both = formatDateWithHijri(at, lang);
    return `${both.gregorian} (${both.hijri})`;
  };
  return json({
    ...base,
    certificate: {
      title: (certificate.data as { title: Text }).title[lang],
      number: certificate.number,
      holder: displayName({ nameAr: found.holderNameAr, nameEn: found.holderNameEn }, lang),
      issuer: displayName({ nameAr: found.agencyNameAr, nameEn: found.agencyNameEn }, lang),
      issued: when(certificate.issuedAt),
      expires: certificate.expiresAt ? when(certificate.expiresAt) : null,
      revokedOn: certificate.revokedAt ? formatDate(certificate.revokedAt, lang) : null,
      revokedReason: certificate.revokedReason,
    },
  });
}

export default function VerifyCertificate() {
  const data = useLoaderData<typeof loader>();
  const { certificate, isTokenGenuine } = data;
  const status = data.status as CertificateStatus | "unknown";
  const { t } = useTranslation("verify");
  return (
    <div className="page page--narrow">
      <div className={`verdict verdict--${status}`} role="status">
        <h1>{t(`status.${status}`)}</h1>
        <p>
          {status === "revoked" && certificate
            ? t("explain.revoked", { date: certificate.revokedOn ?? "", reason: isolateTyped(certificate.revokedReason ?? "") })
            : t(`explain.${status}`)}
        </p>
        {isTokenGenuine === null ? null : <p className="verdict__token">{isTokenGenuine ? t("token.valid") : t("token.invalid")}</p>}
      </div>
      {certificate ? (
        <dl className="summary">
          <dt>{t("fields.certificate")}</dt>
          <dd>{certificate.title}</dd>
          <dt>{t("fields.number")}</dt>
          <dd className="ltr-value">{certificate.number}</dd>
          <dt>{t("fields.holder")}</dt>
          <dd>{certificate.holder}</dd>
          <dt>{t("fields.issuer")}</dt>
          <dd>{certificate.issuer}</dd>
          <dt>{t("fields.issued")}</dt>
          <dd>{certificate.issued}</dd>
          <dt>{t("fields.expires")}</dt>
          <dd>{certificate.expires ?? t("fields.noExpiry")}</dd>
        </dl>
      ) : null}
      <p>
        <Link to="/verify">{t("another")}</Link>
      </p>
    </div>
  );
}
