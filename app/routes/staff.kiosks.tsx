import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { governorates, type GovernorateId } from "~/agencies/governorates";
import type { AuditAction } from "~/audit/actions";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/guards.server";
import { auditFields, requestMeta } from "~/auth/request-meta.server";
import { formatDateTime } from "~/i18n/format";
import { getPageI18n } from "~/i18n/page.server";
import { formatCode, kioskState, listKiosks, registerKiosk, reissueEnrolment, revokeKiosk } from "~/kiosk/kiosks.server";
import { getDb } from "~/runtime.server";
import { ErrorSummary, Notice, TextField } from "~/ui/fields";
import { Table } from "~/ui/table";
import { readForm } from "~/http/form.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply", "kiosk", "staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const governorateIds = Object.keys(governorates) as GovernorateId[];
const RegisterSchema = z.object({
  nameAr: z.string().trim().min(1, "nameAr").max(80, "nameAr"),
  nameEn: z.string().trim().min(1, "nameEn").max(80, "nameEn"),
  governorate: z.enum(governorateIds as [GovernorateId, ...GovernorateId[]], "governorate"),
  locationAr: z.string().trim().min(1, "locationAr").max(120, "locationAr"),
  locationEn: z.string().trim().min(1, "locationEn").max(120, "locationEn"),
});
type RegisterField = keyof typeof RegisterSchema.shape;
const registerFields = Object.keys(RegisterSchema.shape) as RegisterField[];

/** The kiosks, for the portal's administrators: register, enrolment codes, revoke, and health. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { lang, t } = await getPageI18n(request);
  const now = new Date();
  const rows = await listKiosks(getDb());
  return json({
    title: t("kiosk:admin.meta"),
    governorates: governorateIds.map((id) => ({ id, label: governorates[id][lang] })),
    kiosks: rows.map((kiosk) => ({
      id: kiosk.id,
      name: lang === "ar" ? kiosk.nameAr : kiosk.nameEn,
      where: `${governorates[kiosk.governorate as GovernorateId]?.[lang] ?? kiosk.governorate} — ${lang === "ar" ? kiosk.locationAr : kiosk.locationEn}`,
      state: kioskState(kiosk, now),
      lastSeen: kiosk.lastSeenAt ? formatDateTime(kiosk.lastSeenAt, lang) : null,
      printer: kiosk.printerStatus,
      paper: kiosk.paperStatus,
    })),
  });
}

type ActionData =
  | { kind: "code"; name: string; code: string; isNew: boolean }
  | { kind: "revoked"; name: string }
  | { kind: "invalid"; problems: RegisterField[]; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const { lang } = await getPageI18n(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const audit = (action: AuditAction, subjectId: string) =>
    recordAudit(db, {
      ...auditFields(requestMeta(request, context as { requestId?: string; ip?: string }, "back-office")),
      actorAccountId: viewer.accountId,
      action,
      subjectType: "kiosk",
      subjectId,
    });
  const kioskId = String(form.get("kiosk") ?? "");
  const found = (await listKiosks(db)).find((kiosk) => kiosk.id === kioskId);
  const named = found && { id: found.id, name: lang === "ar" ? found.nameAr : found.nameEn };
  if (intent === "revoke" && named) {
    if (await revokeKiosk(db, kioskId)) await audit("kiosk.revoked", kioskId);
    return json<ActionData>({ kind: "revoked", name: named.name });
  }
  if (intent === "reissue" && named) {
    const code = await reissueEnrolment(db, kioskId);
    if (code) await audit("kiosk.enrolment-reissued", kioskId);
    return json<ActionData>({ kind: "code", name: named.name, code: formatCode(code ?? ""), isNew: false });
  }
  const values = Object.fromEntries(registerFields.map((field) => [field, String(form.get(field) ?? "")]));
  const parsed = RegisterSchema.safeParse(values);
  if (!parsed.success) {
    const problems = [...new Set(parsed.error.issues.map((issue) => issue.message as RegisterField))];
    return json<ActionData>({ kind: "invalid", problems, values }, { status: 400 });
  }
  const { kiosk, code } = await registerKiosk(db, parsed.data);
  await audit("kiosk.registered", kiosk.id);
  return json<ActionData>({ kind: "code", name: lang === "ar" ? kiosk.nameAr : kiosk.nameEn, code: formatCode(code), isNew: true });
}

export default function Kiosks() {
  const data = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation("kiosk");
  const { t: tStaff } = useTranslation("staff");
  const { t: tApply } = useTranslation("apply");
  const invalid = done?.kind === "invalid" ? done : null;
  const errorOf = (field: RegisterField) => (invalid?.problems.includes(field) ? t(`admin.problems.${field}`) : undefined);
  return (
    <div className="page">
      <p>
        <Link to="/staff">{tStaff("task.back")}</Link>
      </p>
      <ErrorSummary errors={(invalid?.problems ?? []).map((field) => ({ field, message: t(`admin.problems.${field}`) }))} />
      {done?.kind === "code" ? (
        <Notice tone="success">
          <p>{done.isNew ? t("admin.registered", { name: done.name }) : t("admin.reissued", { name: done.name })}</p>
          <p className="secret" dir="ltr" data-testid="enrolment-code">
            {done.code}
          </p>
          <p>{t("admin.codeNote")}</p>
        </Notice>
      ) : null}
      {done?.kind === "revoked" ? <Notice tone="success">{t("admin.revoked", { name: done.name })}</Notice> : null}
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.lead")}</p>

      <section className="section" aria-labelledby="kiosk-list">
        <h2 id="kiosk-list">{t("admin.list")}</h2>
        <Table
          empty={t("admin.none")}
          caption={t("admin.list")}
          rows={data.kiosks}
          rowKey={(kiosk) => kiosk.id}
          columns={[
            {
              header: t("admin.name"),
              cell: (kiosk) => (
                <>
                  <strong>{kiosk.name}</strong>
                  <br />
                  <span className="muted">{kiosk.where}</span>
                  <br />
                  <span className="muted">
                    {t("admin.kioskId")}{" "}
                    <bdi dir="ltr" data-testid="kiosk-id">
                      {kiosk.id}
                    </bdi>
                  </span>
                </>
              ),
            },
            { header: t("admin.state"), cell: (kiosk) => <span className={`badge badge--kiosk-${kiosk.state}`}>{t(`admin.states.${kiosk.state}`)}</span> },
            { header: t("admin.lastSeen"), cell: (kiosk) => kiosk.lastSeen ?? t("admin.never") },
            { header: t("admin.printer"), cell: (kiosk) => (kiosk.printer ? t(`admin.printers.${kiosk.printer}`) : t("admin.unknown")) },
            { header: t("admin.paper"), cell: (kiosk) => (kiosk.paper ? t(`admin.papers.${kiosk.paper}`) : t("admin.unknown")) },
            {
              header: t("admin.actions"),
              cell: (kiosk) => (
                <Form method="post" className="actions">
                  <input type="hidden" name="kiosk" value={kiosk.id} />
                  <button type="submit" name="intent" value="reissue" className="link-button" aria-label={t("admin.reissueLabel", { name: kiosk.name })}>
                    {t("admin.reissue")}
                  </button>
                  {kiosk.state === "revoked" ? null : (
                    <button type="submit" name="intent" value="revoke" className="link-button" aria-label={t("admin.revokeLabel", { name: kiosk.name })}>
                      {t("admin.revoke")}
                    </button>
                  )}
                </Form>
              ),
            },
          ]}
        />
      </section>

      <section className="section" aria-labelledby="register">
        <h2 id="register">{t("admin.register")}</h2>
        <Form method="post" className="form" noValidate key={done?.kind === "code" ? done.code : "register"}>
          <input type="hidden" name="intent" value="register" />
          <TextField
            name="nameAr"
            label={t("admin.nameAr")}
            hint={t("admin.nameArHint")}
            error={errorOf("nameAr")}
            defaultValue={invalid?.values.nameAr ?? ""}
            lang="ar"
            dir="rtl"
          />
          <TextField
            name="nameEn"
            label={t("admin.nameEn")}
            hint={t("admin.nameEnHint")}
            error={errorOf("nameEn")}
            defaultValue={invalid?.values.nameEn ?? ""}
            lang="en"
            dir="ltr"
          />
          <div className={errorOf("governorate") ? "field field--error" : "field"}>
            <label className="field__label" htmlFor="field-governorate">
              {t("admin.governorate")}
            </label>
            {errorOf("governorate") ? <p className="field__error">{errorOf("governorate")}</p> : null}
            <select id="field-governorate" name="governorate" className="input" defaultValue={invalid?.values.governorate ?? ""}>
              <option value="">{tApply("field.choose")}</option>
              {data.governorates.map((governorate) => (
                <option key={governorate.id} value={governorate.id}>
                  {governorate.label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            name="locationAr"
            label={t("admin.locationAr")}
            hint={t("admin.locationArHint")}
            error={errorOf("locationAr")}
            defaultValue={invalid?.values.locationAr ?? ""}
            lang="ar"
            dir="rtl"
          />
          <TextField
            name="locationEn"
            label={t("admin.locationEn")}
            hint={t("admin.locationEnHint")}
            error={errorOf("locationEn")}
            defaultValue={invalid?.values.locationEn ?? ""}
            lang="en"
            dir="ltr"
          />
          <button type="submit" className="button">
            {t("admin.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
