import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { refusalOf } from "~/http/refusals";

/** Where a section sends someone on from a page that failed: the portal's home, the workspace, the kiosk's start. */
export type ErrorWayOn =
  | { to: "/"; label: "backHome" }
  | { to: "/staff"; label: "backToWorkspace" }
  | { to: "/kiosk"; label: "backToKioskStart" }
  | { to: "/dashboard"; label: "backToDashboard" };

/**
 * What a page that failed shows in its place, in the reader's language: not found, not allowed, a
 * refusal of the HTTP layer, or that something went wrong and nothing saved was lost. Each section
 * renders it from its own ErrorBoundary, inside its own chrome.
 */
export function RouteErrorMessage({ wayOn }: { wayOn: ErrorWayOn }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const refused = isRouteErrorResponse(error) ? refusalOf(error.data) : null;
  // Someone refused a page may be refused the whole section (a citizen in the workspace): home is open to all.
  const way: ErrorWayOn = status === 403 ? { to: "/", label: "backHome" } : wayOn;
  const [title, body] = refused
    ? [t(`refusals.${refused}.title`), t(`refusals.${refused}.body`)]
    : status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
        : [t("errors.errorTitle"), t("errors.errorBody")];
  return (
    <div className="page page--narrow" data-error-status={status}>
      <h1>{title}</h1>
      <p className="lead">{body}</p>
      <p>
        <Link to={way.to} reloadDocument>
          {t(`errors.${way.label}`)}
        </Link>
      </p>
    </div>
  );
}

export const SiteErrorBoundary = () => <RouteErrorMessage wayOn={{ to: "/", label: "backHome" }} />;
export const ApplicantErrorBoundary = () => <RouteErrorMessage wayOn={{ to: "/dashboard", label: "backToDashboard" }} />;
export const StaffErrorBoundary = () => <RouteErrorMessage wayOn={{ to: "/staff", label: "backToWorkspace" }} />;
export const KioskErrorBoundary = () => <RouteErrorMessage wayOn={{ to: "/kiosk", label: "backToKioskStart" }} />;
