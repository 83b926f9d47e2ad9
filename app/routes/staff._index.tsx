import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { workspacePage } from "~/back-office/workspace-page.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { getPageI18n } from "~/i18n/page.server";
import { Notice } from "~/ui/fields";
import { useRoleLabel } from "~/ui/role-label";
import { Table, taskColumn } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["audit", "kiosk", "reports", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const meta = requestMeta(request, context, "back-office");
  const decided = new URL(request.url).searchParams.get("decided");
  return json(await workspacePage({ viewer, lang, t, meta, decided }));
}

export default function StaffHome() {
  const { name, roles, teams, overview, inbox, inboxTotal, decided } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { t: tKiosk } = useTranslation("kiosk");
  const { t: tAudit } = useTranslation("audit");
  const { t: tReports } = useTranslation("reports");
  const roleLabel = useRoleLabel();
  const hasInbox = roles.some((grant) => grant.role === "clerk" || grant.role === "supervisor");
  const holds = (...kinds: string[]) => roles.some((grant) => kinds.includes(grant.role));
  // Where this member of staff may go, by their roles.
  const places = [
    { to: "/staff/supervision", label: t("supervision.link"), isShown: teams.length > 0 },
    { to: "/staff/admin/agencies", label: t("agencies.link"), isShown: holds("admin") },
    { to: "/staff/admin/staff", label: t("members.link"), isShown: holds("admin", "agency-admin") },
    { to: "/staff/admin/catalogue", label: t("catalogue.link"), isShown: holds("admin") },
    { to: "/staff/kiosks", label: tKiosk("admin.link"), isShown: holds("admin") },
    { to: "/staff/security", label: t("security.link"), isShown: holds("admin") },
    { to: "/staff/admin/operations", label: t("operations.link"), isShown: holds("admin") },
    { to: "/staff/admin/audit", label: tAudit("link"), isShown: holds("admin") },
    { to: "/staff/payments", label: t("payments.link"), isShown: holds("admin", "supervisor") },
    { to: "/staff/reports", label: tReports("link"), isShown: holds("admin", "supervisor") },
    { to: "/staff/inspections", label: t("inspections.link"), isShown: roles.some((grant) => grant.agencyId === "kff") },
  ];
  return (
    <>
      {decided ? <Notice tone="success">{t("task.decided", { reference: decided })}</Notice> : null}
      <h1>{t("greeting", { name })}</h1>

      <section className="section" aria-labelledby="roles-title">
        <h2 id="roles-title">{t("roles.title")}</h2>
        <ul>
          {roles.map((grant) => (
            <li key={`${grant.role}:${grant.agencyId ?? ""}:${grant.position ?? ""}`}>{roleLabel(grant)}</li>
          ))}
        </ul>
      </section>

      {hasInbox ? (
        <section className="section" aria-labelledby="inbox-title">
          <h2 id="inbox-title">{t("inbox.title")}</h2>
          <p>
            <Link to="/staff/inbox" className="button">
              {t("inbox.open", { count: inboxTotal })}
            </Link>
          </p>
          <Table
            empty={t("inbox.empty")}
            rows={inbox}
            rowKey={(step) => step.id}
            columns={[
              taskColumn(t("inbox.reference")),
              { header: t("inbox.service"), cell: (step) => step.service },
              { header: t("inbox.step"), cell: (step) => step.step },
              {
                header: t("inbox.deadline"),
                cell: (step) => (
                  <>
                    {step.deadline}
                    {step.isLate ? <strong className="badge badge--late">{t("inbox.late")}</strong> : null}
                    {step.isPaused ? <span className="badge">{t("inbox.paused")}</span> : null}
                  </>
                ),
              },
            ]}
          />
        </section>
      ) : null}

      <LinkList links={places} />

      {teams.map((team) => (
        <section key={team.agencyId} className="section" aria-labelledby={`team-${team.agencyId}`}>
          <h2 id={`team-${team.agencyId}`}>{t("team.title", { agency: team.agencyName })}</h2>
          <p className="muted">{t("team.count", { count: team.members.length })}</p>
          <Table
            rows={team.members}
            rowKey={(member) => member.id}
            columns={[
              { header: t("team.name"), cell: (member) => member.name },
              { header: t("team.username"), cell: (member) => member.username, isLtr: true },
              { header: t("team.role"), cell: (member) => roleLabel({ ...member, agencyName: team.agencyName }) },
              { header: t("team.lastSignIn"), cell: (member) => member.lastSignIn ?? t("team.never") },
            ]}
          />
        </section>
      ))}

      {overview ? (
        <section className="section" aria-labelledby="overview-title">
          <h2 id="overview-title">{t("admin.title")}</h2>
          <dl className="stats">
            {(["citizens", "staff", "sessions", "agencies", "jobs", "auditEvents"] as const).map((key) => (
              <div key={key}>
                <dt>{t(`admin.${key}`)}</dt>
                <dd>{overview[key]}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}

function LinkList({ links }: { links: { to: string; label: string; isShown: boolean }[] }) {
  const shown = links.filter((link) => link.isShown);
  if (shown.length === 0) return null;
  return (
    <ul className="link-list">
      {shown.map((link) => (
        <li key={link.to}>
          <Link to={link.to}>{link.label}</Link>
        </li>
      ))}
    </ul>
  );
}
