import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaffAdministrator } from "~/administration/guard.server";
import { checkForm } from "~/administration/forms";
import { grantOptions, memberProblemsOf, RoleSchema, roleFields, type MemberProblem } from "~/administration/staff-forms";
import { agencyNamer, formatOptionalMoment } from "~/administration/staff-pages.server";
import { mayManage } from "~/administration/staff-scope";
import { changeStaffMember, getStaffMember, memberIntents, type MemberChange } from "~/administration/staff.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { invariantResponse } from "~/http/invariant";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, Notice, SelectField } from "~/ui/fields";
import { useRoleLabel } from "~/ui/role-label";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireStaffAdministrator(request);
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const member = await getStaffMember(db, params.accountId ?? "");
  // Someone outside the administrator's agency is not found, as anyone else's case is.
  invariantResponse(member && (mayManage(scope, viewer.accountId, member) || member.accountId === viewer.accountId), "Not Found", { status: 404 });
  const { agencies, nameGrant } = await agencyNamer(db, lang);
  const name = lang === "ar" ? member.nameAr : member.nameEn;
  const done = memberIntents.find((intent) => intent === new URL(request.url).searchParams.get("done")) ?? null;
  return json({
    title: t("staff:members.memberMeta", { name }),
    isYourself: member.accountId === viewer.accountId,
    scope,
    agencies,
    lang,
    done,
    member: {
      name,
      username: member.username,
      civilId: member.civilId,
      roles: member.roles.map(nameGrant),
      lastSignIn: formatOptionalMoment(member.lastSignInAt, lang),
      createdAt: formatOptionalMoment(member.createdAt, lang)!,
      enrolledAt: formatOptionalMoment(member.totpEnrolledAt, lang),
      isDisabled: member.disabledAt !== null,
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, scope } = await requireStaffAdministrator(request);
  const form = await readForm(request);
  const intent = memberIntents.find((known) => known === form.get("intent"));
  invariantResponse(intent, "Bad Request", { status: 400 });
  let change: MemberChange;
  if (intent === "role-add") {
    const checked = checkForm(RoleSchema, roleFields, form);
    if (!checked.ok) return json({ intent, problems: memberProblemsOf(checked.problems) }, { status: 400 });
    change = { intent, grant: checked.data.grant };
  } else if (intent === "role-remove") change = { intent, roleId: String(form.get("roleId") ?? "") };
  else change = { intent };
  const meta = requestMeta(request, context as { requestId?: string; ip?: string }, "back-office");
  const accountId = params.accountId ?? "";
  const outcome = await changeStaffMember(getDb(), { scope, accountId: viewer.accountId, meta }, accountId, change);
  if (!outcome.ok) {
    const problems: Partial<Record<"grant" | "account", MemberProblem>> = intent === "role-add" ? { grant: outcome.problem } : { account: outcome.problem };
    return json({ intent, problems }, { status: outcome.problem === "not-yours" ? 403 : 400 });
  }
  return redirect(`/staff/admin/staff/${accountId}?done=${intent}`);
}

export default function StaffMember() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const roleLabel = useRoleLabel();
  const location = useLocation();
  const { member } = data;
  const problems: Partial<Record<string, MemberProblem>> = refused?.problems ?? {};
  const grantError = problems.grant ? t(`members.problems.${problems.grant}`) : undefined;
  const canChange = !data.isYourself;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/admin/staff">{t("members.backToStaff")}</Link>
      </p>
      <ErrorSummary errors={problems.grant ? [{ field: "grant", message: grantError! }] : []} />
      {problems.account ? <Notice>{t(`members.problems.${problems.account}`)}</Notice> : null}
      {data.done ? <Notice tone="success">{t(`members.done.${data.done}`)}</Notice> : null}
      <h1>{member.name}</h1>
      <dl className="summary">
        <div>
          <dt>{t("members.username")}</dt>
          <dd>
            <bdi dir="ltr">{member.username}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("members.civilId")}</dt>
          <dd>
            <bdi dir="ltr">{member.civilId}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("members.status")}</dt>
          <dd>{member.isDisabled ? t("members.disabled") : t("members.active")}</dd>
        </div>
        <div>
          <dt>{t("members.lastSignIn")}</dt>
          <dd>{member.lastSignIn ?? t("members.never")}</dd>
        </div>
        <div>
          <dt>{t("members.secondFactor")}</dt>
          <dd>{member.enrolledAt ? t("members.enrolledAt", { at: member.enrolledAt }) : t("members.notEnrolled")}</dd>
        </div>
        <div>
          <dt>{t("members.createdAt")}</dt>
          <dd>{member.createdAt}</dd>
        </div>
      </dl>
      {data.isYourself ? <Notice>{t("members.yourself")}</Notice> : null}

      <section className="section" aria-labelledby="roles">
        <h2 id="roles">{t("members.roles")}</h2>
        <Table
          caption={t("members.rolesList")}
          empty={t("members.empty")}
          rows={member.roles}
          rowKey={(grant) => grant.id}
          columns={[
            { header: t("members.roles"), cell: (grant) => roleLabel(grant) },
            ...(canChange
              ? [
                  {
                    header: t("members.removeRole"),
                    cell: (grant: (typeof member.roles)[number]) => (
                      <Form method="post">
                        <input type="hidden" name="intent" value="role-remove" />
                        <input type="hidden" name="roleId" value={grant.id} />
                        <button type="submit" className="link-button" aria-label={t("members.removeRoleLabel", { role: roleLabel(grant) })}>
                          {t("members.removeRole")}
                        </button>
                      </Form>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canChange ? (
          <Form method="post" className="form" noValidate key={location.key}>
            <input type="hidden" name="intent" value="role-add" />
            <h3>{t("members.addRoleTitle")}</h3>
            <SelectField
              name="grant"
              label={t("members.grant")}
              error={grantError}
              placeholder={t("members.chooseGrant")}
              options={grantOptions(data.scope, data.agencies, data.lang, roleLabel)}
              defaultValue=""
            />
            <button type="submit" className="button button--secondary">
              {t("members.addRole")}
            </button>
          </Form>
        ) : null}
      </section>

      {canChange ? (
        <section className="section" aria-labelledby="account">
          <h2 id="account">{t("members.accountTitle")}</h2>
          <p className="muted">{t("members.resetLead")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reset-second-factor" />
            <button type="submit" className="button button--secondary">
              {t("members.resetSecondFactor")}
            </button>
          </Form>
          <p className="muted">{t("members.disableLead")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value={member.isDisabled ? "enable" : "disable"} />
            <button type="submit" className={member.isDisabled ? "button" : "button button--warning"}>
              {member.isDisabled ? t("members.enable") : t("members.disable")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
