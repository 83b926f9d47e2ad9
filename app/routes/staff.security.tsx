import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { recordAudit } from "~/audit/audit.server";
import { readAuditCheckpoints } from "~/audit/checkpoints.server";
import { countUploadsAwaitingScan, listSecurityEvents, SECURITY_EVENTS_PAGE, type SecurityEventAction } from "~/audit/security-events.server";
import { latestAuditVerification, verifyAuditLog } from "~/audit/verification.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { auditCheckpointsOf, getDb, getRuntime } from "~/runtime.server";
import { Notice } from "~/ui/fields";
import { Table } from "~/ui/table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/**
 * Security, for the portal's administrators: the audit log's last verification and newest signed
 * checkpoint (and a verification now), the malware scanner's state, and the security events.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const runtime = getRuntime();
  const url = new URL(request.url);
  const before = Number(url.searchParams.get("before"));
  const [verification, events, awaitingScan, isScannerUp] = await Promise.all([
    latestAuditVerification(db),
    listSecurityEvents(db, Number.isSafeInteger(before) && before > 0 ? before : undefined),
    countUploadsAwaitingScan(db),
    runtime.scanner ? runtime.scanner.ping() : Promise.resolve(null),
  ]);
  const checkpoints = readAuditCheckpoints(auditCheckpointsOf(runtime));
  const page = events.slice(0, SECURITY_EVENTS_PAGE);
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
  // Latin names inside a sentence of either direction: isolated, so they keep their own order.
  const isolated = (value: unknown) => `\u2066${text(value)}\u2069`;
  return json({
    title: t("staff:security.meta"),
    verification: verification
      ? {
          at: formatDateTime(verification.verifiedAt, lang),
          isIntact: verification.isIntact,
          count: formatNumber(verification.eventCount, lang),
          brokenAtId: verification.brokenAtId,
          problem: verification.problem,
          trigger: verification.trigger,
        }
      : null,
    checkpoint: checkpoints.ok
      ? checkpoints.latest
        ? {
            lastId: checkpoints.latest.lastId,
            isEmpty: checkpoints.latest.count === 0,
            count: formatNumber(checkpoints.latest.count, lang),
            at: formatDateTime(new Date(checkpoints.latest.at), lang),
            isForged: false,
          }
        : null
      : { lastId: 0, isEmpty: false, count: "", at: "", isForged: true },
    scanner: runtime.scanner ? { address: isolated(runtime.scanner.address), isUp: Boolean(isScannerUp) } : null,
    awaitingScan,
    events: page.map((event) => ({
      id: event.id,
      at: formatDateTime(event.occurredAt, lang),
      action: event.action as SecurityEventAction,
      what:
        event.action === "security.upload-infected"
          ? t("staff:security.events.upload-infected", { name: isolated(event.details.name), signature: isolated(event.details.signature) })
          : t("staff:security.events.audit-chain-broken", {
              id: text(event.subjectId) || "—",
              problem: t(`staff:security.problems.${text(event.details.problem) || "altered"}` as "staff:security.problems.altered"),
            }),
      subject: event.subjectType === "application" ? event.subjectId : null,
    })),
    next: events.length > SECURITY_EVENTS_PAGE ? page[page.length - 1]!.id : null,
  });
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
