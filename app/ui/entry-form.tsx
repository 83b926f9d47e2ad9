import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EntryField, EntryProblems } from "~/administration/entry-forms";
import { agencyChannels } from "~/catalogue/entry";
import { CheckboxesField, ErrorSummary, SelectField, TextAreaField, TextField } from "~/ui/fields";
import { fieldId } from "~/ui/form";

// An information entry's form, to add one or edit it: both languages side by side, each field
// with its own error, and what was typed kept when it is refused.

export interface EntryFormOptions {
  agencies: { value: string; label: string }[];
  categories: { value: string; label: string }[];
  lifeEvents: { value: string; label: string }[];
}

export function EntryForm({
  values,
  problems,
  options,
  isNew,
  version,
}: {
  values: Record<EntryField, string>;
  problems: EntryProblems;
  options: EntryFormOptions;
  isNew: boolean;
  /** The entry's version when the page was opened: an edit over a newer one is refused. */
  version?: number;
}) {
  const { t } = useTranslation("staff");
  const errorOf = (field: EntryField) => (problems[field] ? t(`catalogue.problems.${problems[field]!}`) : undefined);
  const listOf = (value: string) => value.split(";").filter(Boolean);
  return (
    <>
      <ErrorSummary
        errors={Object.entries(problems).map(([field, problem]) => ({ field, message: t(`catalogue.problems.${problem}`), href: `#${fieldId(field)}` }))}
      />
      <Form method="post" className="form" noValidate>
        {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
        <input type="hidden" name="intent" value={isNew ? "create" : "update"} />
        {isNew ? (
          <TextField
            name="id"
            label={t("catalogue.fields.id")}
            hint={t("catalogue.fields.idHint")}
            error={errorOf("id")}
            defaultValue={values.id}
            dir="ltr"
            autoComplete="off"
          />
        ) : null}
        <SelectField
          name="agency"
          label={t("catalogue.fields.agency")}
          placeholder={t("catalogue.fields.choose")}
          options={options.agencies}
          error={errorOf("agency")}
          defaultValue={values.agency}
        />
        <SelectField
          name="category"
          label={t("catalogue.fields.category")}
          placeholder={t("catalogue.fields.choose")}
          options={options.categories}
          error={errorOf("category")}
          defaultValue={values.category}
        />
        <CheckboxesField
          name="lifeEvents"
          label={t("catalogue.fields.lifeEvents")}
          hint={t("catalogue.fields.lifeEventsHint")}
          error={errorOf("lifeEvents")}
          options={options.lifeEvents}
          checked={listOf(values.lifeEvents)}
        />
        <CheckboxesField
          name="channels"
          label={t("catalogue.fields.channels")}
          error={errorOf("channels")}
          options={agencyChannels.map((channel) => ({ value: channel, label: t(`catalogue.channels.${channel}`) }))}
          checked={listOf(values.channels)}
        />
        <TextField name="titleAr" label={t("catalogue.fields.titleAr")} error={errorOf("titleAr")} defaultValue={values.titleAr} lang="ar" dir="rtl" />
        <TextField name="titleEn" label={t("catalogue.fields.titleEn")} error={errorOf("titleEn")} defaultValue={values.titleEn} lang="en" dir="ltr" />
        <TextAreaField
          name="summaryAr"
          label={t("catalogue.fields.summaryAr")}
          hint={t("catalogue.fields.summaryHint")}
          error={errorOf("summaryAr")}
          defaultValue={values.summaryAr}
          lang="ar"
          dir="rtl"
          rows={4}
          className="input--prose"
        />
        <TextAreaField
          name="summaryEn"
          label={t("catalogue.fields.summaryEn")}
          hint={t("catalogue.fields.summaryHint")}
          error={errorOf("summaryEn")}
          defaultValue={values.summaryEn}
          lang="en"
          dir="ltr"
          rows={4}
          className="input--prose"
        />
        <TextField
          name="url"
          label={t("catalogue.fields.url")}
          hint={t("catalogue.fields.urlHint")}
          error={errorOf("url")}
          defaultValue={values.url}
          dir="ltr"
          inputMode="url"
        />
        <button type="submit" className="button">
          {isNew ? t("catalogue.create") : t("catalogue.save")}
        </button>
      </Form>
    </>
  );
}
