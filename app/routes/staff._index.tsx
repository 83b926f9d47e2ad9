import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getPortalOverview, listAgencyStaff } from "~/accounts/queries.server";
import { positionLabel } from "~/agencies/positions";
import { getAgencies } from "~/agencies/queries.server";
import { listInbox } from "~/engine/lists.server";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { displayName } from "~/auth/permissions";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const agencyIds = [...new Set(viewer.roles.map((grant) => grant.agencyId).filter((id): id is string => id !== null))];
  const supervised = viewer.roles.filter((grant) => grant.role === "supervisor").map((grant) => grant.agencyId!);
  const isAdmin = viewer.roles.some((grant) => grant.role === "admin");

  const [agencyRows, teamRows, overview, inbox] = await Promise.all([
    getAgencies(db, agencyIds),
    listAgencyStaff(db, supervised),
    isAdmin ? getPortalOverview(db) : Promise.resolve(null),
    listInbox(db, viewer.roles),
  ]);
  const { catalogue } = getRuntime();

  if (teamRows.length) {
    // A supervisor reading colleagues' records is a read of others' personal data: audited.
    await recordAudit(db, {
      ...auditFields(requestMeta(request, context, "back-office")),
      actorAccountId: viewer.accountId,
      action: "staff.team-viewed",
      subjectType: "agency",
      subjectId: supervised.join(","),
      details: { rows: teamRows.length },
    });
  }

  const agencyName = (id: string | null) => {
    const agency = agencyRows.find((row) => row.id === id);
    return agency ? (lang === "ar" ? agency.nameAr : agency.nameEn) : "";
  };
  return json({
    title: t("staff:meta.title"),
    name: displayName(viewer.person, lang),
    roles: viewer.roles.map((grant) => ({ ...grant, agencyName: agencyName(grant.agencyId), positionName: positionLabel(grant.agencyId, grant.position)?.[lang] ?? "" })),
    teams: supervised.map((agencyId) => ({
      agencyId,
      agencyName: agencyName(agencyId),
      members: teamRows
        .filter((row) => row.agencyId === agencyId)
        .map((row) => ({
          id: row.roleId,
          name: lang === "ar" ? row.nameAr : row.nameEn,
          username: row.username,
          role: row.role,
          position: row.position,
          positionName: positionLabel(row.agencyId, row.position)?.[lang] ?? "",
          lastSignIn: row.lastSignInAt ? formatDateTime(row.lastSignInAt, lang) : null,
        })),
    })),
    inbox: inbox.map((step) => {
      const service = catalogue.get(step.serviceId, step.serviceVersion);
      return {
        id: step.id,
        reference: step.reference,
        service: service?.title[lang] ?? step.serviceId,
        step: service?.workflow.steps[step.stepId]?.title[lang] ?? step.stepId,
        deadline: step.deadlineAt ? formatDateTime(step.deadlineAt, lang) : null,
        isLate: step.lateAt !== null,
        isPaused: step.pausedAt !== null,
      };
    }),
    overview: overview
      ? Object.fromEntries(Object.entries(overview).map(([key, value]) => [key, formatNumber(value, lang)]))
      : null,
  });
}

export default function StaffHome() {
  const { name, roles, teams, overview, inbox } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const roleLabel = (grant: { role: string; positionName: string; agencyName: string }) =>
    grant.role === "admin"
      ? t("roles.admin")
      : grant.role === "supervisor"
        ? t("roles.supervisor", { agency: grant.agencyName })
        : t("roles.clerk", { agency: grant.agencyName, position: grant.positionName });
  const hasInbox = roles.some((grant) => grant.role === "clerk" || grant.role === "supervisor");
  return (
    <>
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
          {inbox.length === 0 ? (
            <p>{t("inbox.empty")}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("inbox.reference")}</th>
                  <th scope="col">{t("inbox.service")}</th>
                  <th scope="col">{t("inbox.step")}</th>
                  <th scope="col">{t("inbox.deadline")}</th>
                </tr>
              </thead>
              <tbody>
                {inbox.map((step) => (
                  <tr key={step.id}>
                    <td className="ltr-value">{step.reference}</td>
                    <td>{step.service}</td>
                    <td>{step.step}</td>
                    <td>
                      {step.deadline}
                      {step.isLate ? <strong className="badge badge--late">{t("inbox.late")}</strong> : null}
                      {step.isPaused ? <span className="badge">{t("inbox.paused")}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      {teams.map((team) => (
        <section key={team.agencyId} className="section" aria-labelledby={`team-${team.agencyId}`}>
          <h2 id={`team-${team.agencyId}`}>{t("team.title", { agency: team.agencyName })}</h2>
          <p className="muted">{t("team.count", { count: team.members.length })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("team.name")}</th>
                <th scope="col">{t("team.username")}</th>
                <th scope="col">{t("team.role")}</th>
                <th scope="col">{t("team.lastSignIn")}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((member) => (
                <tr key={member.id}>
                  <td>{member.name}</td>
                  <td className="ltr-value">{member.username}</td>
                  <td>{roleLabel({ ...member, agencyName: team.agencyName })}</td>
                  <td>{member.lastSignIn ?? t("team.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
