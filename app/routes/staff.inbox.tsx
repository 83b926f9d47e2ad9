import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaff } from "~/auth/guards.server";
import { inboxPage } from "~/back-office/inbox-page.server";
import { latenesses } from "~/back-office/lateness";
import { getPageI18n } from "~/i18n/page.server";
import { KeysetPages } from "~/ui/pagination";
import { Table, taskColumn } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

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
  return json(await inboxPage({ viewer, lang, t, filters }));
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
      <KeysetPages
        label={t("inbox.pages")}
        first={data.isFirstPage ? null : { to: "?", text: t("inbox.first") }}
        next={data.next ? { to: data.next, text: t("inbox.next") } : null}
      />
    </div>
  );
}
