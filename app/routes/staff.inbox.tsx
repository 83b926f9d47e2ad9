import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { listInboxPage } from "~/back-office/inbox.server";
import { latenesses, latenessOf } from "~/back-office/lateness";
import { formatDateTime, formatRelative } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { getDb, getRuntime } from "~/runtime.server";
import { Table, taskColumn } from "~/ui/table";
import { displayName } from "~/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const FiltersSchema = z.object({
  service: z.string().max(80).optional(),
  step: z.string().max(80).optional(),
  lateness: z.enum(latenesses).optional(),
  claim: z.enum(["unclaimed", "mine"]).optional(),
  q: z.string().max(40).optional(),
  after: z.iso.datetime().optional(),
  afterId: z.uuid().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const { lang, t } = await getPageI18n(request);
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  const parsed = FiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const now = new Date();
  const page = await listInboxPage(
    getDb(),
    viewer,
    { serviceId: filters.service, stepId: filters.step, lateness: filters.lateness, claim: filters.claim, search: filters.q },
    filters.after && filters.afterId ? { deadlineAt: filters.after, id: filters.afterId } : null,
    { now },
  );
  const { catalogue } = getRuntime();
  const serviceTitle = (id: string) => catalogue.get(id)?.title[lang] ?? id;
  const stepTitle = (stepId: string) => catalogue.services.map((service) => service.workflow.steps[stepId]).find(Boolean)?.title[lang] ?? stepId;
  const nextParams = new URLSearchParams(Object.entries(filters).filter(([key]) => key !== "after" && key !== "afterId") as [string, string][]);
  if (page.next) {
    nextParams.set("after", page.next.deadlineAt);
    nextParams.set("afterId", page.next.id);
  }
  return json({
    title: t("staff:inbox.meta"),
    filters,
    isSearchValid: page.isSearchValid,
    isFirstPage: !filters.after,
    total: page.counts.total,
    services: Object.entries(page.counts.byService).map(([id, count]) => ({ id, label: serviceTitle(id), count })),
    steps: Object.entries(page.counts.byStep).map(([id, count]) => ({ id, label: stepTitle(id), count })),
    latenesses: latenesses.map((id) => ({ id, count: page.counts.byLateness[id] })),
    rows: page.rows.map((row) => ({
      id: row.id,
      reference: row.reference ?? "",
      service: serviceTitle(row.serviceId),
      step: catalogue.get(row.serviceId, row.serviceVersion)?.workflow.steps[row.stepId]?.title[lang] ?? row.stepId,
      applicant: displayName({ nameAr: row.applicantNameAr, nameEn: row.applicantNameEn }, lang),
      civilId: row.civilId,
      received: formatDateTime(row.startedAt, lang),
      deadline: row.deadlineAt ? formatDateTime(row.deadlineAt, lang) : "",
      timeLeft: row.deadlineAt ? formatRelative(row.deadlineAt, lang, now) : "",
      lateness: latenessOf(row.deadlineAt, now),
      isPaused: row.pausedAt !== null,
      claimedBy: row.assignedAccountId
        ? row.assignedAccountId === viewer.accountId
          ? t("staff:inbox.you")
          : row.assigneeNameAr !== null && row.assigneeNameEn !== null
            ? displayName({ nameAr: row.assigneeNameAr, nameEn: row.assigneeNameEn }, lang)
            : ""
        : null,
    })),
    next: page.next ? `?${nextParams}` : null,
  });
}

/** A filter of the inbox: "all", then each choice with how many steps it has. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { id: string; label: string; count: number }[];
}) {
  const { t } = useTranslation("staff");
  return (
    <div className="field">
      <label className="field__label" htmlFor={`inbox-${name}`}>
        {label}
      </label>
      <select id={`inbox-${name}`} name={name} className="input" defaultValue={value ?? ""}>
        <option value="">{t("inbox.all")}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {t("inbox.withCount", { label: option.label, count: option.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <div className="page">
      <p>
        <Link to="/staff">{t("task.back")}</Link>
      </p>
      <h1>{t("inbox.title")}</h1>
      <p className="lead">{t("inbox.count", { count: data.total })}</p>
      <Form method="get" className="filters" role="search" aria-label={t("inbox.filters")}>
        <div className="field">
          <label className="field__label" htmlFor="inbox-q">
            {t("inbox.search")}
          </label>
          <p className="field__hint" id="inbox-q-hint">
            {t("inbox.searchHint")}
          </p>
          {data.isSearchValid ? null : (
            <p className="field__error" id="inbox-q-error">
              {t("inbox.searchInvalid")}
            </p>
          )}
          <input
            id="inbox-q"
            name="q"
            className="input"
            dir="ltr"
            defaultValue={data.filters.q ?? ""}
            aria-describedby={data.isSearchValid ? "inbox-q-hint" : "inbox-q-hint inbox-q-error"}
            aria-invalid={data.isSearchValid ? undefined : true}
          />
        </div>
        <FilterSelect name="service" label={t("inbox.service")} value={data.filters.service} options={data.services} />
        <FilterSelect name="step" label={t("inbox.step")} value={data.filters.step} options={data.steps} />
        <FilterSelect
          name="lateness"
          label={t("inbox.lateness")}
          value={data.filters.lateness}
          options={data.latenesses.map((lateness) => ({ ...lateness, label: t(`inbox.latenesses.${lateness.id}`) }))}
        />
        <div className="field">
          <label className="field__label" htmlFor="inbox-claim">
            {t("inbox.claim")}
          </label>
          <select id="inbox-claim" name="claim" className="input" defaultValue={data.filters.claim ?? ""}>
            <option value="">{t("inbox.all")}</option>
            <option value="unclaimed">{t("inbox.claims.unclaimed")}</option>
            <option value="mine">{t("inbox.claims.mine")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("inbox.apply")}
        </button>
      </Form>
      <Table
        empty={t("inbox.empty")}
        caption={t("inbox.caption")}
        rows={data.rows}
        rowKey={(row) => row.id}
        columns={[
          taskColumn(t("inbox.reference")),
          { header: t("inbox.service"), cell: (row) => row.service },
          {
            header: t("inbox.applicant"),
            cell: (row) => (
              <>
                {row.applicant}
                <br />
                <bdi dir="ltr" className="muted">
                  {row.civilId}
                </bdi>
              </>
            ),
          },
          { header: t("inbox.step"), cell: (row) => row.step },
          { header: t("inbox.received"), cell: (row) => row.received },
          {
            header: t("inbox.deadline"),
            cell: (row) => (
              <>
                {row.deadline}
                <br />
                <span className={`badge badge--${row.lateness}`}>{t(`inbox.latenesses.${row.lateness}`)}</span> <span className="muted">{row.timeLeft}</span>
                {row.isPaused ? <span className="badge">{t("inbox.paused")}</span> : null}
              </>
            ),
          },
          { header: t("inbox.claimedBy"), cell: (row) => row.claimedBy ?? <span className="muted">{t("inbox.nobody")}</span> },
        ]}
      />
      <nav className="pagination" aria-label={t("inbox.pages")}>
        {data.isFirstPage ? null : <Link to="?">{t("inbox.first")}</Link>}
        {data.next ? <Link to={data.next}>{t("inbox.next")}</Link> : null}
      </nav>
    </div>
  );
}
