import { getPortalOverview, listAgencyStaff } from "../accounts/queries.server";
import { positionLabel } from "../agencies/positions";
import { getAgencies } from "../agencies/queries.server";
import { recordAudit } from "../audit/audit.server";
import type { Viewer } from "../auth/permissions";
import { auditFields, type RequestMeta } from "../auth/request-meta.server";
import type { Language } from "../i18n/config";
import { formatDateTime, formatNumber } from "../i18n/format";
import type { getFixedT } from "../i18n/language.server";
import { displayName } from "../i18n/names";
import { getDb, getRuntime } from "../runtime.server";
import { listInboxPage } from "./inbox.server";

// The back office's home page for a member of staff: their roles, the first of their inbox, the
// teams they supervise and, for administrators, the portal's figures.

export async function workspacePage(input: {
  viewer: Extract<Viewer, { kind: "staff" }>;
  lang: Language;
  t: ReturnType<typeof getFixedT>;
  meta: RequestMeta;
  /** The reference of the application just decided, to say so. */
  decided: string | null;
}) {
  const { viewer, lang, t } = input;
  const db = getDb();
  const agencyIds = [...new Set(viewer.roles.map((grant) => grant.agencyId).filter((id): id is string => id !== null))];
  const supervised = viewer.roles.filter((grant) => grant.role === "supervisor").map((grant) => grant.agencyId!);
  const isAdmin = viewer.roles.some((grant) => grant.role === "admin");

  const [agencyRows, teamRows, overview, inbox] = await Promise.all([
    getAgencies(db, agencyIds),
    listAgencyStaff(db, supervised),
    isAdmin ? getPortalOverview(db) : Promise.resolve(null),
    listInboxPage(db, viewer, {}, null, { limit: 5 }),
  ]);
  const { catalogue } = getRuntime();

  if (teamRows.length) {
    // A supervisor reading colleagues' records is a read of others' personal data: audited.
    await recordAudit(db, {
      ...auditFields(input.meta),
      actorAccountId: viewer.accountId,
      action: "staff.team-viewed",
      subjectType: "agency",
      subjectId: supervised.join(","),
      details: { rows: teamRows.length },
    });
  }

  const agencyName = (id: string | null) => {
    const agency = agencyRows.find((row) => row.id === id);
    return agency ? displayName(agency, lang) : "";
  };
  return {
    title: t("staff:meta.title"),
    name: displayName(viewer.person, lang),
    roles: viewer.roles.map((grant) => ({
      ...grant,
      agencyName: agencyName(grant.agencyId),
      positionName: positionLabel(grant.agencyId, grant.position)?.[lang] ?? "",
    })),
    teams: supervised.map((agencyId) => ({
      agencyId,
      agencyName: agencyName(agencyId),
      members: teamRows
        .filter((row) => row.agencyId === agencyId)
        .map((row) => ({
          id: row.roleId,
          name: displayName(row, lang),
          username: row.username,
          role: row.role,
          position: row.position,
          positionName: positionLabel(row.agencyId, row.position)?.[lang] ?? "",
          lastSignIn: row.lastSignInAt ? formatDateTime(row.lastSignInAt, lang) : null,
        })),
    })),
    decided: input.decided,
    inboxTotal: inbox.counts.total,
    inbox: inbox.rows.map((step) => {
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
    overview: overview ? Object.fromEntries(Object.entries(overview).map(([key, value]) => [key, formatNumber(value, lang)])) : null,
  };
}
