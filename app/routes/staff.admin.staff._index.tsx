import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffAdministrator } from "~/administration/guard.server";
import { agencyNamer, formatOptionalMoment } from "~/administration/staff-pages.server";
import { isInScope } from "~/administration/staff-scope";
import { listOpenInvitations, listStaffMembers, revokeInvitation } from "~/administration/staff.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { useRoleLabel } from "~/ui/role-label";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The staff an administrator manages: all for a portal administrator, their agency's for an agency administrator. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaffAdministrator(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const { agencies, nameGrant } = await agencyNamer(db, lang);
  const agencyId = agencies.find((agency) => agency.id === search.get("agency") && isInScope(scope, agency.id))?.id ?? null;
  const [{ members, next }, invitations] = await Promise.all([
    listStaffMembers(db, scope, { agencyId, after: search.get("after") }),
    listOpenInvitations(db, scope),
  ]);
  const now = new Date();
  return json({
    title: t("staff:members.meta"),
    scopeAgencies: scope.kind === "portal" ? null : agencies.filter((agency) => isInScope(scope, agency.id)).map((agency) => agency.name),
    agencies: scope.kind === "portal" ? agencies : [],
    agencyId,
    isRevoked: search.has("revoked"),
    members: members.map((member) => ({
      accountId: member.accountId,
      name: lang === "ar" ? member.nameAr : member.nameEn,
      username: member.username,
      roles: member.roles.map(nameGrant),
      lastSignIn: formatOptionalMoment(member.lastSignInAt, lang),
      isDisabled: member.disabledAt !== null,
      isEnrolled: member.totpEnrolledAt !== null,
    })),
    next: next ? `?${new URLSearchParams({ ...(agencyId ? { agency: agencyId } : {}), after: next })}` : null,
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      name: lang === "ar" ? invitation.nameAr : invitation.nameEn,
      civilId: invitation.civilId,
      grant: nameGrant(invitation),
      expires: formatOptionalMoment(invitation.expiresAt, lang)!,
      isExpired: invitation.expiresAt <= now,
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, scope } = await requireStaffAdministrator(request);
  const form = await readForm(request);
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const isRevoked = await revokeInvitation(getDb(), { scope, accountId: viewer.accountId, meta }, String(form.get("invitationId") ?? ""));
  if (!isRevoked) throw new Response("Not Found", { status: 404 });
  return redirect("/staff/admin/staff?revoked=1");
}

export default function Staff() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const roleLabel = useRoleLabel();
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      {data.isRevoked ? <Notice tone="success">{t("members.revoked")}</Notice> : null}
      <h1>{t("members.title")}</h1>
      <p className="lead">{data.scopeAgencies ? t("members.leadAgency", { agencies: data.scopeAgencies.join("، ") }) : t("members.lead")}</p>
      <p>
        <Link to="/staff/admin/staff/invite" className="button button--secondary">
          {t("members.invite")}
        </Link>
      </p>
      {data.agencies.length ? (
        <Form method="get" className="filters">
          <label className="field__label" htmlFor="agency">
            {t("members.filterAgency")}
          </label>
          <select id="agency" name="agency" className="input" defaultValue={data.agencyId ?? ""}>
            <option value="">{t("members.allAgencies")}</option>
            {data.agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            {t("members.filter")}
          </button>
        </Form>
      ) : null}
      <Table
        caption={t("members.list")}
        empty={t("members.empty")}
        rows={data.members}
        rowKey={(member) => member.accountId}
        columns={[
          { header: t("members.name"), cell: (member) => member.name },
          { header: t("members.username"), cell: (member) => <bdi dir="ltr">{member.username}</bdi> },
          {
            header: t("members.roles"),
            cell: (member) => (
              <ul className="plain-list">
                {member.roles.map((grant) => (
                  <li key={grant.id}>{roleLabel(grant)}</li>
                ))}
              </ul>
            ),
          },
          { header: t("members.lastSignIn"), cell: (member) => member.lastSignIn ?? t("members.never") },
          {
            header: t("members.status"),
            cell: (member) => (
              <>
                {member.isDisabled ? <span className="badge badge--expired">{t("members.disabled")}</span> : t("members.active")}
                {member.isEnrolled ? null : <span className="badge badge--retiring">{t("members.noSecondFactor")}</span>}
              </>
            ),
          },
          {
            header: t("members.manage"),
            cell: (member) => (
              <Link to={`/staff/admin/staff/${member.accountId}`} aria-label={t("members.manageLabel", { name: member.name })}>
                {t("members.manage")}
              </Link>
            ),
          },
        ]}
      />
      {data.next ? (
        <p>
          <Link to={data.next}>{t("members.next")}</Link>
        </p>
      ) : null}

      <section className="section" aria-labelledby="invitations">
        <h2 id="invitations">{t("members.invitationsTitle")}</h2>
        <Table
          caption={t("members.invitationsList")}
          empty={t("members.invitationsEmpty")}
          rows={data.invitations}
          rowKey={(invitation) => invitation.id}
          columns={[
            { header: t("members.name"), cell: (invitation) => invitation.name },
            { header: t("members.civilId"), cell: (invitation) => <bdi dir="ltr">{invitation.civilId}</bdi> },
            { header: t("members.invitedAs"), cell: (invitation) => roleLabel(invitation.grant) },
            { header: t("members.expires"), cell: (invitation) => (invitation.isExpired ? t("members.expired") : invitation.expires) },
            {
              header: t("members.revoke"),
              cell: (invitation) => (
                <Form method="post">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="link-button" aria-label={t("members.revokeLabel", { name: invitation.name })}>
                    {t("members.revoke")}
                  </button>
                </Form>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
