import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAgencies } from "~/agencies/queries.server";
import { positionLabel } from "~/agencies/positions";
import { requireStaff } from "~/auth/guards.server";
import { lateStepsOf, namesOf, processingTimesOf, workloadOf } from "~/back-office/supervision.server";
import { formatDateTime, formatNumber, formatRelative } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { Table, taskColumn } from "~/ui/table";
import { displayName } from "~/i18n/names";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Supervision, for each agency the viewer supervises: workload per clerk, late steps, processing times. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, { role: "supervisor" });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const now = new Date();
  const agencyIds = viewer.roles.filter((grant) => grant.role === "supervisor" && grant.agencyId).map((grant) => grant.agencyId!);
  const agencies = await getAgencies(db, agencyIds);
  const stepTitle = (stepId: string, serviceId?: string, version?: number) =>
    (serviceId ? catalogue.get(serviceId, version)?.workflow.steps[stepId] : catalogue.services.map((service) => service.workflow.steps[stepId]).find(Boolean))
      ?.title[lang] ?? stepId;
  const sections = await Promise.all(
    agencyIds.map(async (agencyId) => {
      const [workload, late, times] = await Promise.all([workloadOf(db, agencyId, now), lateStepsOf(db, agencyId, now), processingTimesOf(db, agencyId, now)]);
      const holders = await namesOf(db, [...new Set(late.flatMap((row) => (row.assignedAccountId ? [row.assignedAccountId] : [])))]);
      const agency = agencies.find((row) => row.id === agencyId);
      const holderName = (accountId: string | null) => {
        const holder = holders.find((candidate) => candidate.accountId === accountId);
        return holder ? displayName(holder, lang) : null;
      };
      return {
        agencyId,
        agency: agency ? displayName(agency, lang) : agencyId,
        clerks: workload.clerks.map((clerk) => ({
          id: `${clerk.accountId}:${clerk.position}`,
          name: displayName(clerk, lang),
          position: positionLabel(agencyId, clerk.position)?.[lang] ?? "",
          open: clerk.open,
          late: clerk.late,
        })),
        unclaimed: workload.unclaimed,
        late: late.map((row) => ({
          id: row.id,
          reference: row.reference ?? "",
          service: catalogue.titleOf(row.serviceId, lang, row.serviceVersion),
          step: stepTitle(row.stepId, row.serviceId, row.serviceVersion),
          deadline: row.deadlineAt ? formatDateTime(row.deadlineAt, lang) : "",
          overdue: row.deadlineAt ? formatRelative(row.deadlineAt, lang, now) : "",
          holder: holderName(row.assignedAccountId),
        })),
        times: times.map((row) => ({
          stepId: row.stepId,
          step: stepTitle(row.stepId),
          count: formatNumber(row.count, lang),
          median: formatNumber(Math.round(row.medianHours * 10) / 10, lang),
          p90: formatNumber(Math.round(row.p90Hours * 10) / 10, lang),
        })),
      };
    }),
  );
  return json({ title: t("staff:supervision.meta"), sections });
}

export default function Supervision() {
  const { sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <h1>{t("supervision.title")}</h1>
      {sections.map((section) => (
        <div key={section.agencyId}>
          <h2>{section.agency}</h2>
          <section className="section" aria-labelledby={`workload-${section.agencyId}`}>
            <h3 id={`workload-${section.agencyId}`}>{t("supervision.workload")}</h3>
            <p>{t("supervision.unclaimed", { count: section.unclaimed.open, late: section.unclaimed.late })}</p>
            <Table
              caption={t("supervision.workload")}
              rows={section.clerks}
              rowKey={(clerk) => clerk.id}
              columns={[
                { header: t("supervision.clerk"), cell: (clerk) => clerk.name },
                { header: t("supervision.position"), cell: (clerk) => clerk.position },
                { header: t("supervision.open"), cell: (clerk) => clerk.open },
                { header: t("supervision.late"), cell: (clerk) => (clerk.late ? <strong className="badge badge--late">{clerk.late}</strong> : clerk.late) },
              ]}
            />
          </section>
          <section className="section" aria-labelledby={`late-${section.agencyId}`}>
            <h3 id={`late-${section.agencyId}`}>{t("supervision.lateTitle")}</h3>
            <Table
              empty={t("supervision.noneLate")}
              caption={t("supervision.lateTitle")}
              rows={section.late}
              rowKey={(row) => row.id}
              columns={[
                taskColumn(t("inbox.reference")),
                { header: t("inbox.service"), cell: (row) => row.service },
                { header: t("inbox.step"), cell: (row) => row.step },
                { header: t("inbox.deadline"), cell: (row) => `${row.deadline} (${row.overdue})` },
                { header: t("inbox.claimedBy"), cell: (row) => row.holder ?? t("inbox.nobody") },
              ]}
            />
          </section>
          <section className="section" aria-labelledby={`times-${section.agencyId}`}>
            <h3 id={`times-${section.agencyId}`}>{t("supervision.timesTitle")}</h3>
            <p className="muted">{t("supervision.timesLead")}</p>
            <Table
              empty={t("supervision.noTimes")}
              caption={t("supervision.timesTitle")}
              rows={section.times}
              rowKey={(row) => row.stepId}
              columns={[
                { header: t("inbox.step"), cell: (row) => row.step },
                { header: t("supervision.completed"), cell: (row) => row.count },
                { header: t("supervision.median"), cell: (row) => row.median },
                { header: t("supervision.p90"), cell: (row) => row.p90 },
              ]}
            />
          </section>
        </div>
      ))}
    </div>
  );
}
