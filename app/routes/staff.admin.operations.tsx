import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OperationsProblems } from "~/administration/operations-forms";
import { operationsIntents, operationsPage, runOperationsAction, type OperationsIntent } from "~/administration/operations-page.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { readForm } from "~/http/form.server";
import type { RouteHandle } from "~/http/route-handle";
import { invariantResponse } from "~/http/invariant";
import { formatDateTime, formatNumber, formatPercent } from "~/i18n/format";
import { displayName } from "~/i18n/names";
import { getPageI18n } from "~/i18n/page.server";
import { exchangeAgencyIds } from "~/agencies";
import { componentNamer, fixedComponents, noticeDisplay } from "~/ops/status.server";
import { NoticeSummary, type NoticeDisplay } from "~/ui/status-banners";
import { getDb, getRuntime } from "~/runtime.server";
import { CheckboxesField, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from "~/ui/fields";
import { fieldId } from "~/ui/form";
import { Table } from "~/ui/table";

// Operators keep working while the portal is read-only: switching it back, posting notices.
export const handle: RouteHandle = { i18n: ["audit", "staff"], isOpenWhenReadOnly: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const { env } = getRuntime();
  const page = await operationsPage(getDb(), env.READ_ONLY);
  const moment = (date: Date | null) => (date ? formatDateTime(date, lang) : null);
  const search = new URL(request.url).searchParams;
  const names = new Map(page.links.map((link) => [link.agencyId, displayName(link, lang)]));
  const componentName = componentNamer(
    t,
    lang,
    page.links.map(({ agencyId, nameAr, nameEn }) => ({ id: agencyId, nameAr, nameEn })),
  );
  return json({
    title: t("staff:operations.meta"),
    mode: page.mode.isReadOnly
      ? { isReadOnly: true as const, isBySetting: page.mode.source === "setting", since: moment(page.mode.since) }
      : { isReadOnly: false as const, isBySetting: false, since: null },
    links: page.links.map((link) => ({
      agencyId: link.agencyId,
      name: names.get(link.agencyId)!,
      circuitState: link.circuitState,
      failures: formatNumber(link.consecutiveFailures, lang),
      openedAt: moment(link.circuitOpenedAt),
      nextProbeAt: moment(link.nextProbeAt),
      isUnderMaintenance: link.isUnderMaintenance,
      parked: link.parked,
      parkedText: formatNumber(link.parked, lang),
      queuedText: formatNumber(link.queued, lang),
      faults: link.faults,
      faultsText: [
        link.faults.isDown ? t("staff:operations.links.down") : null,
        link.faults.latencyMs > 0 ? t("staff:operations.links.latency", { ms: formatNumber(link.faults.latencyMs, lang) }) : null,
        link.faults.errorRate > 0 ? t("staff:operations.links.errors", { percent: formatPercent(link.faults.errorRate, lang) }) : null,
      ]
        .filter(Boolean)
        .join(t("audit:what.separator")),
    })),
    parked: page.parked.map((parked) => ({
      jobId: parked.jobId,
      reference: parked.reference,
      service: getRuntime().catalogue.titleOf(parked.serviceId, lang, parked.serviceVersion),
      agency: names.get(parked.agencyId) ?? parked.agencyId,
      since: formatDateTime(parked.waitingSince, lang),
      attempts: formatNumber(parked.attempts, lang),
      lastError: parked.lastError ? parked.lastError.slice(0, 160) : null,
    })),
    parkedTotal: page.links.reduce((sum, link) => sum + link.parked, 0),
    components: [...fixedComponents, ...exchangeAgencyIds].map((id) => ({ value: id, label: componentName(id) })),
    notices: page.notices.map((notice) => noticeDisplay(notice, lang, t, componentName)),
    done: operationsIntents.find((intent) => intent === search.get("done")) ?? null,
    doneCount: formatNumber(Number(search.get("count") ?? 0), lang),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const form = await readForm(request);
  const intent = operationsIntents.find((known) => known === form.get("intent"));
  invariantResponse(intent, "Bad Request", { status: 400 });
  const { env } = getRuntime();
  const result = await runOperationsAction(intent, {
    db: getDb(),
    accountId: viewer.accountId,
    meta: requestMeta(request, context as { requestId?: string; ip?: string }, "back-office"),
    form,
    now: new Date(),
    isReadOnlyBySetting: env.READ_ONLY,
    drainPerSecond: env.EXCHANGE_DRAIN_PER_SECOND,
  });
  if (result.ok)
    return redirect(`/staff/admin/operations?done=${result.done}${result.count !== undefined ? `&count=${result.count}` : ""}#${sectionOf[result.done]}`);
  const base = { intent, problems: {} as OperationsProblems, values: {} as Record<string, string>, notFound: false, forcedBySetting: false };
  if ("notFound" in result) return json({ ...base, notFound: true }, { status: 404 });
  if ("forcedBySetting" in result) return json({ ...base, forcedBySetting: true }, { status: 409 });
  return json({ ...base, problems: result.problems, values: result.values }, { status: 400 });
}

const sectionOf: Record<OperationsIntent, string> = {
  "read-only-on": "mode",
  "read-only-off": "mode",
  "release-parked": "links",
  "retry-parked": "parked",
  "clear-faults": "links",
  "notice-post": "new-notice",
  "notice-update": "notices",
  "notice-end": "notices",
};

type Refused = ReturnType<typeof useActionData<typeof action>>;
type StaffT = ReturnType<typeof useTranslation<"staff">>["t"];

/** What a refused form needs: the error of each field, what was typed, and the summary's lines. */
function refusalOf(refused: Refused, t: StaffT, intents: OperationsIntent[], noticeId?: string) {
  const mine = refused && intents.includes(refused.intent) && (noticeId === undefined || refused.values.noticeId === noticeId) ? refused : null;
  const problems: OperationsProblems = mine?.problems ?? {};
  const message = (problem: string) => t(`operations.problems.${problem}` as "operations.problems.missing");
  return {
    errorOf: (field: keyof OperationsProblems) => (problems[field] ? message(problems[field]) : undefined),
    valueOf: (field: string, saved = "") => mine?.values[field] ?? saved,
    summary: Object.entries(problems).map(([field, problem]) => ({ field: noticeId ? `${field}-${noticeId}` : field, message: message(problem) })),
  };
}

function useRefusal(intents: OperationsIntent[], noticeId?: string) {
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  return refusalOf(refused, t, intents, noticeId);
}

export default function Operations() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const summary = [
    refusalOf(refused, t, ["read-only-on"]),
    refusalOf(refused, t, ["notice-post"]),
    ...data.notices.map((notice) => refusalOf(refused, t, ["notice-update", "notice-end"], notice.id)),
  ].flatMap((refusal) => refusal.summary);
  return (
    <div className="page">
      <ErrorSummary errors={summary} />
      {refused?.notFound ? <Notice tone="warning">{t("operations.notFound")}</Notice> : null}
      {refused?.forcedBySetting ? <Notice tone="warning">{t("operations.forcedBySetting")}</Notice> : null}
      {data.done ? <Notice tone="success">{t(`operations.done.${data.done}`, { jobs: data.doneCount })}</Notice> : null}
      <h1>{t("operations.title")}</h1>
      <p className="lead">{t("operations.lead")}</p>
      <Mode />
      <Links />
      <ParkedCases />
      <Notices />
      <NewNotice />
    </div>
  );
}

function Mode() {
  const { mode } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal(["read-only-on"]);
  return (
    <section className="section" aria-labelledby="mode">
      <h2 id="mode">{t("operations.mode.title")}</h2>
      <p>
        <strong>
          {mode.isReadOnly ? (mode.isBySetting ? t("operations.mode.onBySetting") : t("operations.mode.on", { since: mode.since })) : t("operations.mode.off")}
        </strong>
      </p>
      <p className="muted">{t("operations.mode.lead")}</p>
      {mode.isBySetting ? null : mode.isReadOnly ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-only-off" />
          <button type="submit" className="button">
            {t("operations.mode.switchOff")}
          </button>
        </Form>
      ) : (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="read-only-on" />
          <BilingualField
            name="reason"
            labels={[t("operations.mode.reasonAr"), t("operations.mode.reasonEn")]}
            hint={t("operations.mode.reasonHint")}
            errorOf={errorOf}
            valueOf={valueOf}
          />
          <button type="submit" className="button button--warning">
            {t("operations.mode.switchOn")}
          </button>
        </Form>
      )}
    </section>
  );
}

function Links() {
  const { links } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <section className="section" aria-labelledby="links">
      <h2 id="links">{t("operations.links.title")}</h2>
      <p className="muted">{t("operations.links.lead")}</p>
      <Table
        caption={t("operations.links.caption")}
        rowKey={(link) => link.agencyId}
        rows={links}
        columns={[
          { header: t("operations.links.agency"), cell: (link) => link.name },
          {
            header: t("operations.links.state"),
            cell: (link) => (
              <>
                <span className={`badge badge--circuit-${link.circuitState}`} data-circuit={link.circuitState}>
                  {t(`operations.circuit.${link.circuitState}`)}
                </span>
                {link.openedAt ? <span className="muted"> {t("operations.links.openSince", { time: link.openedAt })}</span> : null}
                {link.nextProbeAt ? <span className="muted"> {t("operations.links.nextProbe", { time: link.nextProbeAt })}</span> : null}
                {link.isUnderMaintenance ? <span className="muted"> {t("operations.links.maintenance")}</span> : null}
              </>
            ),
          },
          { header: t("operations.links.failures"), cell: (link) => link.failures },
          { header: t("operations.links.parked"), cell: (link) => link.parkedText },
          { header: t("operations.links.queued"), cell: (link) => link.queuedText },
          { header: t("operations.links.faults"), cell: (link) => link.faultsText || t("operations.links.none") },
          {
            header: t("operations.links.actions"),
            cell: (link) => (
              <div className="actions">
                {link.parked > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="release-parked" />
                    <input type="hidden" name="agencyId" value={link.agencyId} />
                    <button type="submit" className="button button--secondary">
                      {t("operations.links.release", { name: link.name })}
                    </button>
                  </Form>
                ) : null}
                {link.faultsText ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="clear-faults" />
                    <input type="hidden" name="agencyId" value={link.agencyId} />
                    <button type="submit" className="button button--secondary">
                      {t("operations.links.clear", { name: link.name })}
                    </button>
                  </Form>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}

/** The cases whose calls are parked, oldest first: which application, waiting for whom since when, why; each can be tried again now. */
function ParkedCases() {
  const { parked, parkedTotal } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <section className="section" aria-labelledby="parked">
      <h2 id="parked">{t("operations.parked.title")}</h2>
      <p className="muted">{t("operations.parked.lead")}</p>
      {parkedTotal > parked.length ? <p>{t("operations.parked.more", { shown: parked.length, total: parkedTotal })}</p> : null}
      <Table
        caption={t("operations.parked.caption")}
        empty={t("operations.parked.none")}
        rows={parked}
        rowKey={(row) => row.jobId}
        columns={[
          { header: t("operations.parked.reference"), cell: (row) => row.reference ?? "—", isLtr: true },
          { header: t("operations.parked.service"), cell: (row) => row.service },
          { header: t("operations.parked.agency"), cell: (row) => row.agency },
          { header: t("operations.parked.since"), cell: (row) => row.since },
          { header: t("operations.parked.attempts"), cell: (row) => row.attempts },
          {
            header: t("operations.parked.lastError"),
            cell: (row) =>
              row.lastError ? (
                <bdi dir="ltr" translate="no">
                  {row.lastError}
                </bdi>
              ) : (
                "—"
              ),
          },
          {
            header: t("operations.links.actions"),
            cell: (row) => (
              <Form method="post">
                <input type="hidden" name="intent" value="retry-parked" />
                <input type="hidden" name="jobId" value={row.jobId} />
                <button type="submit" className="button button--secondary">
                  {t("operations.parked.retry", { reference: row.reference ?? row.jobId })}
                </button>
              </Form>
            ),
          },
        ]}
      />
    </section>
  );
}

function Notices() {
  const { notices } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <section className="section" aria-labelledby="notices">
      <h2 id="notices">{t("operations.notices.open")}</h2>
      <p className="muted">{t("operations.notices.lead")}</p>
      {notices.length === 0 ? <p>{t("operations.notices.none")}</p> : null}
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
    </section>
  );
}

function NoticeCard({ notice }: { notice: NoticeDisplay }) {
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal(["notice-update", "notice-end"], notice.id);
  const location = useLocation();
  return (
    <article className="card" aria-labelledby={`notice-${notice.id}`}>
      <NoticeSummary notice={notice} />
      <Form method="post" className="form" noValidate key={location.key}>
        <input type="hidden" name="noticeId" value={notice.id} />
        <h4>{t("operations.notices.updateTitle")}</h4>
        <BilingualField
          name="body"
          labels={[t("operations.notices.bodyAr"), t("operations.notices.bodyEn")]}
          errorOf={errorOf}
          valueOf={valueOf}
          isArea
          idOf={(field) => fieldId(`${field}-${notice.id}`)}
        />
        <div className="actions">
          <button type="submit" name="intent" value="notice-update" className="button button--secondary">
            {t("operations.notices.update")}
          </button>
          <button type="submit" name="intent" value="notice-end" className="button">
            {t("operations.notices.end")}
          </button>
        </div>
      </Form>
    </article>
  );
}

function NewNotice() {
  const { components } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { errorOf, valueOf } = useRefusal(["notice-post"]);
  const location = useLocation();
  const chosen = valueOf("components").split(",").filter(Boolean);
  return (
    <section className="section" aria-labelledby="new-notice">
      <h2 id="new-notice">{t("operations.notices.new")}</h2>
      <Form method="post" className="form" noValidate key={location.key}>
        <input type="hidden" name="intent" value="notice-post" />
        <SelectField
          name="kind"
          label={t("operations.notices.kind")}
          placeholder={t("operations.notices.choose")}
          error={errorOf("kind")}
          defaultValue={valueOf("kind", "incident")}
          options={(["incident", "maintenance"] as const).map((kind) => ({ value: kind, label: t(`operations.notices.kinds.${kind}`) }))}
        />
        <SelectField
          name="impact"
          label={t("operations.notices.impact")}
          placeholder={t("operations.notices.choose")}
          error={errorOf("impact")}
          defaultValue={valueOf("impact", "degraded")}
          options={(["degraded", "down", "maintenance"] as const).map((impact) => ({ value: impact, label: t(`operations.notices.impacts.${impact}`) }))}
        />
        <CheckboxesField name="components" label={t("operations.notices.components")} error={errorOf("components")} options={components} checked={chosen} />
        <BilingualField name="title" labels={[t("operations.notices.titleAr"), t("operations.notices.titleEn")]} errorOf={errorOf} valueOf={valueOf} />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t("operations.notices.startsAt")}
          hint={t("operations.notices.startsAtHint")}
          error={errorOf("startsAt")}
          defaultValue={valueOf("startsAt")}
          dir="ltr"
        />
        <TextField
          name="plannedEndAt"
          type="datetime-local"
          label={t("operations.notices.plannedEndAt")}
          hint={t("operations.notices.plannedEndAtHint")}
          error={errorOf("plannedEndAt")}
          defaultValue={valueOf("plannedEndAt")}
          dir="ltr"
        />
        <BilingualField name="body" labels={[t("operations.notices.bodyAr"), t("operations.notices.bodyEn")]} errorOf={errorOf} valueOf={valueOf} isArea />
        <button type="submit" className="button">
          {t("operations.notices.post")}
        </button>
      </Form>
    </section>
  );
}

/**
 * A text asked in both languages, as a pair of fields `<name>Ar` (right to left) and `<name>En`
 * (left to right), each with its error and what was typed.
 */
function BilingualField(props: {
  name: "reason" | "title" | "body";
  labels: [arabic: string, english: string];
  hint?: string;
  errorOf: (field: keyof OperationsProblems) => string | undefined;
  valueOf: (field: string) => string;
  isArea?: boolean;
  idOf?: (field: string) => string;
}) {
  return (
    <>
      {(["Ar", "En"] as const).map((suffix, index) => {
        const field = `${props.name}${suffix}` as keyof OperationsProblems;
        const common = {
          name: field,
          label: props.labels[index]!,
          hint: props.hint,
          error: props.errorOf(field),
          defaultValue: props.valueOf(field),
          lang: suffix === "Ar" ? "ar" : "en",
          dir: suffix === "Ar" ? "rtl" : "ltr",
        };
        return props.isArea ? <TextAreaField key={field} id={props.idOf?.(field)} rows={3} {...common} /> : <TextField key={field} {...common} />;
      })}
    </>
  );
}
