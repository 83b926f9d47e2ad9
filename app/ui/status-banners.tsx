import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// What the portal's operators want every visitor of a page to know first: that the portal is
// read-only for now, and the incidents and planned maintenance of what the page needs; and a
// notice as the status page and the operations page show it.

export interface StatusBanner {
  id: string;
  kind: "incident" | "maintenance";
  title: string;
  from: string;
  to: string | null;
}

/** `hasLink`: a kiosk does not send people off to the status page (it is outside the kiosk's screens). */
export function StatusBanners({
  readOnly,
  notices,
  hasLink = true,
}: {
  readOnly?: { reason: string | null } | null;
  notices: readonly StatusBanner[];
  hasLink?: boolean;
}) {
  const { t } = useTranslation("status");
  if (!readOnly && notices.length === 0) return null;
  return (
    <div className="site-banner">
      {readOnly ? (
        <div className="notice notice--warning" role="status" data-banner="read-only">
          <strong>{t("readOnly.title")}</strong>
          <p>{t("readOnly.body")}</p>
          {readOnly.reason ? <p>{t("readOnly.reason", { reason: readOnly.reason })}</p> : null}
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} className="notice notice--warning" role="status" data-banner={notice.kind}>
          <strong>{t(`banner.${notice.kind}`, { title: notice.title })}</strong>{" "}
          {notice.to ? t("banner.window", { from: notice.from, to: notice.to }) : t("banner.from", { from: notice.from })}{" "}
          {hasLink ? <Link to="/status">{t("banner.more")}</Link> : null}
        </div>
      ))}
    </div>
  );
}

/** A notice as the status page and the operations page show it. */
export interface NoticeDisplay {
  id: string;
  kind: "incident" | "maintenance";
  impact: "degraded" | "down" | "maintenance";
  title: string;
  affects: string;
  startsAt: string;
  plannedEndAt: string | null;
  endedAt: string | null;
  /** Newest first. */
  updates: { body: string; postedAt: string }[];
}

/** A notice: what it is and affects, since when or for when, and what was said of it. */
export function NoticeSummary({ notice }: { notice: NoticeDisplay }) {
  const { t } = useTranslation("status");
  return (
    <>
      <h3 id={`notice-${notice.id}`}>
        <span className={`status-badge status-badge--${notice.impact}`}>{t(`notice.${notice.kind}`)}</span>
        <span className="visually-hidden">:</span> {notice.title}
      </h3>
      <p className="muted">
        {t("notice.affects", { components: notice.affects })}.{" "}
        {notice.plannedEndAt ? t("notice.window", { from: notice.startsAt, to: notice.plannedEndAt }) : t("notice.since", { time: notice.startsAt })}
        {notice.endedAt ? ` ${t("notice.ended", { time: notice.endedAt })}` : null}
      </p>
      <h4 className="visually-hidden">{t("notice.updates")}</h4>
      <ol className="updates">
        {notice.updates.map((update, index) => (
          <li key={index}>
            <time className="muted">{update.postedAt}</time> {update.body}
          </li>
        ))}
      </ol>
    </>
  );
}
