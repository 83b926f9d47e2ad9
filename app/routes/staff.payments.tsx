import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAgencies } from "~/agencies/queries.server";
import { requireStaff } from "~/auth/guards.server";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { duplicatePayments, reconciliationDays } from "~/payments/reconciliation.server";
import { getDb, getRuntime } from "~/runtime.server";
import { Table } from "~/ui/table";
import { displayName } from "~/i18n/names";
import { invariantResponse } from "~/http/invariant";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const DAYS = 30;

/**
 * Reconciliation of what the gateways took for an agency's services, over the last 30 days: per
 * day, what was paid, taken twice, and refunded; and each payment taken twice with its refund.
 * For an agency's supervisors; portal administrators see every agency that takes fees.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const isAdmin = viewer.roles.some((grant) => grant.role === "admin");
  const supervised = viewer.roles.filter((grant) => grant.role === "supervisor" && grant.agencyId).map((grant) => grant.agencyId!);
  invariantResponse(isAdmin || supervised.length > 0, "Forbidden", { status: 403 });
  const { lang, t } = await getPageI18n(request);
  const db = getDb();
  const { catalogue } = getRuntime();
  const feeAgencies = [
    ...new Set(
      catalogue.services.filter((service) => Object.values(service.workflow.steps).some((step) => step.kind === "payment")).map((service) => service.agency),
    ),
  ];
  const agencyIds = isAdmin ? feeAgencies : supervised.filter((id) => feeAgencies.includes(id));
  const since = new Date(Date.now() - DAYS * 24 * 3600_000);
  const agencies = await getAgencies(db, agencyIds);
  const sections = await Promise.all(
    agencyIds.map(async (agencyId) => {
      const serviceIds = catalogue.services.filter((service) => service.agency === agencyId).map((service) => service.id);
      const [days, duplicates] = await Promise.all([reconciliationDays(db, serviceIds, since), duplicatePayments(db, serviceIds, since)]);
      const byDay = new Map<string, { paid: [number, number]; duplicate: [number, number]; refunded: [number, number] }>();
      for (const row of days) {
        const entry = byDay.get(row.day) ?? { paid: [0, 0], duplicate: [0, 0], refunded: [0, 0] };
        if (row.status === "paid" || row.status === "duplicate" || row.status === "refunded") entry[row.status] = [row.count, row.amountFils];
        byDay.set(row.day, entry);
      }
      const cell = ([count, amountFils]: [number, number]) => (count ? `${formatNumber(count, lang)} · ${formatMoney(amountFils, lang)}` : "—");
      const agency = agencies.find((row) => row.id === agencyId);
      return {
        agencyId,
        agency: agency ? displayName(agency, lang) : agencyId,
        days: [...byDay].map(([day, entry]) => ({
          day,
          date: formatDate(new Date(`${day}T12:00:00+03:00`), lang),
          paid: cell(entry.paid),
          // Taken in all: the fees, and the second payments (refunded or not yet).
          taken: cell([entry.paid[0] + entry.duplicate[0] + entry.refunded[0], entry.paid[1] + entry.duplicate[1] + entry.refunded[1]]),
          pending: cell(entry.duplicate),
          refunded: cell(entry.refunded),
        })),
        duplicates: duplicates.map((row) => ({
          id: row.id,
          reference: row.reference ?? "",
          service: catalogue.titleOf(row.serviceId, lang),
          amount: formatMoney(row.amountFils, lang),
          paidAt: row.completedAt ? formatDateTime(row.completedAt, lang) : "",
          receipt: row.receiptNumber ?? "",
          gatewayReference: `${row.gateway} ${row.gatewayReference ?? ""}`,
          refund: row.status === "refunded" ? `${row.refundReceiptNumber} · ${row.refundReference}` : null,
          refundedAt: row.refundedAt ? formatDateTime(row.refundedAt, lang) : null,
        })),
      };
    }),
  );
  return json({ title: t("staff:payments.meta"), days: DAYS, sections });
}

export default function Reconciliation() {
  const { sections, days } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <h1>{t("payments.title")}</h1>
      <p className="lead">{t("payments.lead", { count: days })}</p>
      {sections.length === 0 ? <p>{t("payments.noAgencies")}</p> : null}
      {sections.map((section) => (
        <div key={section.agencyId}>
          <h2>{section.agency}</h2>
          <section className="section" aria-labelledby={`days-${section.agencyId}`}>
            <h3 id={`days-${section.agencyId}`}>{t("payments.byDay")}</h3>
            <Table
              empty={t("payments.none")}
              caption={t("payments.byDay")}
              rows={section.days}
              rowKey={(row) => row.day}
              columns={[
                { header: t("payments.day"), cell: (row) => row.date },
                { header: t("payments.paid"), cell: (row) => row.paid },
                { header: t("payments.taken"), cell: (row) => row.taken },
                { header: t("payments.pending"), cell: (row) => row.pending },
                { header: t("payments.refunded"), cell: (row) => row.refunded },
              ]}
            />
          </section>
          <section className="section" aria-labelledby={`duplicates-${section.agencyId}`}>
            <h3 id={`duplicates-${section.agencyId}`}>{t("payments.duplicates")}</h3>
            <Table
              empty={t("payments.noDuplicates")}
              caption={t("payments.duplicates")}
              rows={section.duplicates}
              rowKey={(row) => row.id}
              columns={[
                { header: t("inbox.reference"), cell: (row) => row.reference, isLtr: true },
                { header: t("inbox.service"), cell: (row) => row.service },
                { header: t("payments.amount"), cell: (row) => row.amount },
                { header: t("payments.paidAt"), cell: (row) => row.paidAt },
                { header: t("payments.receipt"), cell: (row) => row.receipt, isLtr: true },
                { header: t("payments.gatewayReference"), cell: (row) => row.gatewayReference, isLtr: true },
                {
                  header: t("payments.refund"),
                  cell: (row) =>
                    row.refund ? <bdi dir="ltr">{row.refund}</bdi> : <strong className="badge badge--late">{t("payments.refundPending")}</strong>,
                },
                { header: t("payments.refundedAt"), cell: (row) => row.refundedAt ?? "—" },
              ]}
            />
          </section>
        </div>
      ))}
    </div>
  );
}
