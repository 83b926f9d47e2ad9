import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { recordAudit } from "~/audit/audit.server";
import { verifyAuditLog } from "~/audit/verification.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { securityPage } from "~/back-office/security-page.server";
import { getPageI18n } from "~/i18n/page.server";
import { auditCheckpointsOf, getDb, getRuntime } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/**
 * Security, for the portal's administrators: the audit log's last verification and newest signed
 * checkpoint (and a verification now), the malware scanner's state, and the security events.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const before = Number(new URL(request.url).searchParams.get("before"));
  return json(await securityPage({ lang, t, before: Number.isSafeInteger(before) && before > 0 ? before : undefined }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const form = await readForm(request);
  if (form.get("intent") !== "verify") return redirect("/staff/security");
  const db = getDb();
  const report = await verifyAuditLog(db, auditCheckpointsOf(getRuntime()), "on-demand");
  await recordAudit(db, {
    ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
    actorAccountId: viewer.accountId,
    action: "audit.verified",
    details: { isIntact: report.intact, events: report.count },
  });
  return redirect("/staff/security?verified=1");
}

export default function Security() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const navigation = useNavigation();
  const { verification, checkpoint, scanner } = data;
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <h1>{t("security.title")}</h1>

      <section className="section" aria-labelledby="audit">
        <h2 id="audit">{t("security.audit.title")}</h2>
        <p className="muted">{t("security.audit.lead")}</p>
        {verification ? (
          verification.isIntact ? (
            <Notice tone="success">
              <p>{t("security.audit.intact", { events: verification.count, at: verification.at })}</p>
            </Notice>
          ) : (
            <div className="notice notice--warning" role="alert">
              <p>
                <strong>{t("security.audit.broken", { at: verification.at, id: verification.brokenAtId ?? "—" })}</strong>
              </p>
              <p>{t(`security.problems.${(verification.problem ?? "altered") as "altered"}`)}</p>
            </div>
          )
        ) : (
          <p>{t("security.audit.never")}</p>
        )}
        <p>
          {checkpoint === null
            ? t("security.audit.noCheckpoint")
            : checkpoint.isForged
              ? t("security.problems.forged-checkpoint")
              : checkpoint.isEmpty
                ? t("security.audit.checkpointEmpty", { at: checkpoint.at })
                : t("security.audit.checkpoint", { id: checkpoint.lastId, events: checkpoint.count, at: checkpoint.at })}
        </p>
        <Form method="post">
          <button type="submit" name="intent" value="verify" className="button button--secondary" disabled={navigation.state !== "idle"}>
            {t("security.audit.verifyNow")}
          </button>
        </Form>
      </section>

      <section className="section" aria-labelledby="scanner">
        <h2 id="scanner">{t("security.scanner.title")}</h2>
        {scanner ? (
          scanner.isUp ? (
            <Notice tone="success">
              <p>{t("security.scanner.up", { address: scanner.address })}</p>
            </Notice>
          ) : (
            <div className="notice notice--warning" role="alert">
              <p>{t("security.scanner.down", { address: scanner.address })}</p>
            </div>
          )
        ) : (
          <div className="notice notice--warning" role="alert">
            <p>{t("security.scanner.none")}</p>
          </div>
        )}
        <p>{t("security.scanner.awaiting", { count: data.awaitingScan })}</p>
      </section>

      <section className="section" aria-labelledby="events">
        <h2 id="events">{t("security.events.title")}</h2>
        <Table
          empty={t("security.events.none")}
          caption={t("security.events.title")}
          rows={data.events}
          rowKey={(event) => event.id}
          columns={[
            { header: t("security.events.at"), cell: (event) => event.at },
            { header: t("security.events.what"), cell: (event) => event.what },
            { header: t("security.events.application"), cell: (event) => event.subject ?? "—", isLtr: true },
          ]}
        />
        {data.next ? (
          <p>
            <Link to={`/staff/security?before=${data.next}`}>{t("security.events.older")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
