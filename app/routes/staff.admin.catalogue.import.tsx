import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { csvColumns, MAX_FILE_BYTES } from "~/administration/catalogue-files";
import { importCatalogue } from "~/administration/catalogue-import.server";
import { requireStaff } from "~/auth/guards.server";
import { requestMeta } from "~/auth/request-meta.server";
import { getPageI18n } from "~/i18n/page.server";
import { getDb } from "~/runtime.server";
import { readMultipartForm } from "~/uploads/multipart.server";
import { ErrorSummary, Notice } from "~/ui/fields";
import { fieldId } from "~/ui/form";
import { Table } from "~/ui/table";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["staff"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { t } = await getPageI18n(request);
  return json({ title: t("staff:catalogue.importMeta") });
}

/** Checks (and, unless asked only to check, loads) a CSV or JSON file of entries, and reports on every row. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, { role: "admin" });
  const { form, files, tooLarge } = await readMultipartForm(request, new Map([["file", MAX_FILE_BYTES]]), null);
  if (tooLarge.has("file")) return json({ result: { ok: false as const, problem: "too-large" as const }, fileName: "" }, { status: 400 });
  const file = files.get("file");
  if (!file) return json({ result: { ok: false as const, problem: "no-file" as const }, fileName: "" }, { status: 400 });
  const result = await importCatalogue(getDb(), {
    bytes: file.bytes,
    fileName: file.name,
    isCheckOnly: form.get("checkOnly") === "yes",
    existing: "update",
    actor: { accountId: viewer.accountId, meta: requestMeta(request, context as { requestId?: string; ip?: string }, "back-office") },
  });
  return json({ result, fileName: file.name }, { status: result.ok ? 200 : 400 });
}

export default function ImportEntries() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const result = answer?.result;
  const fileProblem =
    result && !result.ok
      ? t(`catalogue.fileProblems.${result.problem}`, {
          line: "line" in result ? result.line : 0,
          columns: "columns" in result ? result.columns.join("، ") : "",
        })
      : null;
  return (
    <div className="page">
      <p>
        <Link to="/staff/admin/catalogue">{t("catalogue.back")}</Link>
      </p>
      <ErrorSummary errors={fileProblem ? [{ field: "file", message: fileProblem, href: `#${fieldId("file")}` }] : []} />
      <h1>{t("catalogue.importTitle")}</h1>
      <p className="lead">{t("catalogue.importLead")}</p>
      <p>
        {t("catalogue.importColumns")} <bdi dir="ltr">{csvColumns.join(", ")}</bdi>
      </p>
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <div className={fileProblem ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={fieldId("file")}>
            {t("catalogue.file")}
          </label>
          <p className="field__hint" id={`${fieldId("file")}-hint`}>
            {t("catalogue.fileHint")}
          </p>
          {fileProblem ? (
            <p className="field__error" id={`${fieldId("file")}-error`}>
              {fileProblem}
            </p>
          ) : null}
          <input
            type="file"
            id={fieldId("file")}
            name="file"
            accept=".csv,.json,text/csv,application/json"
            className="input"
            aria-describedby={fileProblem ? `${fieldId("file")}-hint ${fieldId("file")}-error` : `${fieldId("file")}-hint`}
          />
        </div>
        <label className="choice">
          <input type="checkbox" name="checkOnly" value="yes" /> {t("catalogue.checkOnly")}
        </label>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("catalogue.importSubmit")}
        </button>
      </Form>
      {result?.ok ? (
        <section className="section" aria-labelledby="report" aria-live="polite">
          <h2 id="report">{result.isCheckOnly ? t("catalogue.report.checkedTitle") : t("catalogue.report.importedTitle")}</h2>
          <Notice tone={result.refused.length ? "warning" : "success"}>
            <p>{t("catalogue.report.rows", { count: result.rows, file: answer?.fileName ?? "" })}</p>
            <ul>
              <li>{t(result.isCheckOnly ? "catalogue.report.wouldCreate" : "catalogue.report.created", { count: result.created.length })}</li>
              <li>{t(result.isCheckOnly ? "catalogue.report.wouldUpdate" : "catalogue.report.updated", { count: result.updated.length })}</li>
              <li>{t("catalogue.report.unchanged", { count: result.unchanged })}</li>
              <li>{t("catalogue.report.refused", { count: result.refused.length })}</li>
            </ul>
          </Notice>
          {result.refused.length ? (
            <Table
              caption={t("catalogue.report.refusedCaption")}
              rows={result.refused}
              rowKey={(row) => row.line}
              columns={[
                { header: t("catalogue.report.line"), cell: (row) => row.line },
                { header: t("catalogue.fields.id"), cell: (row) => <bdi dir="ltr">{row.id || "—"}</bdi> },
                {
                  header: t("catalogue.report.why"),
                  cell: (row) => (
                    <ul className="plain-list">
                      {row.problems.map((problem) => (
                        <li key={problem}>{t(`catalogue.problems.${problem}`)}</li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
