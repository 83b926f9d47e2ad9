import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { getOwnApplication } from "~/applications/applicant-view.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { invariantResponse } from "~/http/invariant";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The confirmation after submitting: the reference to quote, and what happens next. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireCitizen(request);
  const { lang, t } = await getPageI18n(request);
  const found = await getOwnApplication(getDb(), getRuntime().catalogue, viewer.person.id, params.draftId ?? "");
  invariantResponse(found, "Not Found", { status: 404 });
  if (found.application.status === "draft") throw redirect(`/apply/${found.application.id}/check`);
  return json({
    title: t("apply:meta.submitted"),
    id: found.application.id,
    reference: found.application.reference ?? "",
    service: found.service?.title[lang] ?? found.application.serviceId,
  });
}

export default function Submitted() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("apply");
  return (
    <div className="page page--narrow">
      <div className="panel">
        <h1>{t("submitted.title")}</h1>
        <p>{t("submitted.reference")}</p>
        <p className="panel__reference">
          <bdi dir="ltr">{data.reference}</bdi>
        </p>
      </div>
      <p className="lead">{t("submitted.lead", { service: data.service })}</p>
      <h2>{t("submitted.nextTitle")}</h2>
      <p>{t("submitted.next")}</p>
      <p>
        <Link to={`/applications/${data.id}`} className="button">
          {t("submitted.follow")}
        </Link>
      </p>
      <p>
        <Link to={`/applications/${data.id}#rating`}>{t("submitted.rate")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = ApplicantErrorBoundary;
