import { createContext, useContext, useEffect, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { FieldView } from "~/catalogue/field-view";
import type { ApplyChannel } from "~/applying/paths";
import { fieldId } from "./form";
import { DateBoxes } from "./fields";

// One renderer per field type of the service definitions (the DEFRA pattern): a page is a list
// of field views, each drawn by the renderer of its type. An unknown type is a programming error.

type Renderers = { [Type in FieldView["type"]]: (field: Extract<FieldView, { type: Type }>) => ReactNode };

function describedBy(field: FieldView): string | undefined {
  const id = fieldId(field.name);
  return [field.hint ? `${id}-hint` : null, field.error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ field }: { field: FieldView }) {
  const id = fieldId(field.name);
  return (
    <>
      {field.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      ) : null}
      {field.error ? (
        <p className="field__error" id={`${id}-error`}>
          {field.error}
        </p>
      ) : null}
    </>
  );
}

const fieldClass = (field: FieldView, extra?: string) => [field.error ? "field field--error" : "field", extra].filter(Boolean).join(" ");

/** A field with one control: its label (for the control), hint and error, then the control. */
function Labelled({ field, children }: { field: FieldView; children: ReactNode }) {
  return (
    <div className={fieldClass(field)}>
      <label className="field__label" htmlFor={fieldId(field.name)}>
        {field.label}
      </label>
      <HintAndError field={field} />
      {children}
    </div>
  );
}

/** A field of several controls (choices, items): a fieldset with its legend, hint and error. */
function Grouped({ field, children, className, isDescribed = true }: { field: FieldView; children: ReactNode; className?: string; isDescribed?: boolean }) {
  return (
    <fieldset className={fieldClass(field, className)} aria-describedby={isDescribed ? describedBy(field) : undefined}>
      <legend className="field__label">{field.label}</legend>
      <HintAndError field={field} />
      {children}
    </fieldset>
  );
}

/** A labelled single input: text, numbers, money, dates, civil IDs and phone numbers. */
function InputField({
  field,
  input,
}: {
  field: Extract<FieldView, { value: string }>;
  input: { type: string; inputMode?: "numeric" | "decimal" | "tel" | "text"; dir?: "ltr"; autoComplete?: string };
}) {
  const id = fieldId(field.name);
  const unit = "unit" in field ? field.unit : null;
  return (
    <Labelled field={field}>
      <div className={unit ? "input-with-unit" : undefined}>
        <input
          id={id}
          name={field.name}
          className="input"
          defaultValue={field.value}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy(field)}
          aria-required={field.isRequired || undefined}
          {...input}
        />
        {unit ? <span className="input-with-unit__unit">{unit}</span> : null}
      </div>
    </Labelled>
  );
}

/** A choice: radio buttons for a few options, a list for many. */
function SelectField({ field }: { field: Extract<FieldView, { type: "select" }> }) {
  const { t } = useTranslation("apply");
  const id = fieldId(field.name);
  if (field.options.length === 0) {
    return (
      <div className={fieldClass(field)}>
        <p className="field__label" id={id}>
          {field.label}
        </p>
        <HintAndError field={field} />
        <p className="notice">{t("field.noOptions")}</p>
      </div>
    );
  }
  if (field.options.length > 6) {
    return (
      <Labelled field={field}>
        <select
          id={id}
          name={field.name}
          className="input"
          defaultValue={field.value}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy(field)}
        >
          <option value="">{t("field.choose")}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Labelled>
    );
  }
  if (field.isConfirmation) {
    const [only] = field.options;
    return (
      <Grouped field={field}>
        <label className="choice">
          <input type="checkbox" name={field.name} value={only!.value} id={id} defaultChecked={field.value === only!.value} /> {only!.label}
        </label>
      </Grouped>
    );
  }
  return (
    <Grouped field={field}>
      {field.options.map((option, index) => (
        <label key={option.value} className="choice">
          <input type="radio" name={field.name} value={option.value} id={index === 0 ? id : undefined} defaultChecked={field.value === option.value} />{" "}
          {option.label}
        </label>
      ))}
    </Grouped>
  );
}

/** Where the form is filled in: a kiosk has no files to attach (and no downloads). */
export const FormChannelContext = createContext<ApplyChannel>("web");

/** A file: what is attached already (to view, keep, replace or remove), and the input to choose one. */
function FileField({ field }: { field: Extract<FieldView, { type: "file" }> }) {
  const { t } = useTranslation("apply");
  const channel = useContext(FormChannelContext);
  const id = fieldId(field.name);
  if (channel === "kiosk") {
    return (
      <Labelled field={field}>
        <p id={id} className="notice">
          {field.file ? t("field.kioskAttached", { name: field.file.name }) : t("field.kioskFile")}
        </p>
      </Labelled>
    );
  }
  return (
    <Labelled field={field}>
      {field.file ? (
        <div className="file-current">
          <p>
            {t("field.attached")}{" "}
            <a href={`/uploads/${field.file.id}`} download>
              <bdi>{field.file.name}</bdi>
            </a>{" "}
            <span className="muted">({field.file.sizeText})</span>
          </p>
          {field.isRequired ? null : (
            <label className="choice">
              <input type="checkbox" name={`${field.name}.remove`} value="yes" /> {t("field.remove")}
            </label>
          )}
          <p className="field__hint">{t("field.replace")}</p>
        </div>
      ) : null}
      <FilePicker field={field} />
    </Labelled>
  );
}

/**
 * The file input. The browser's own says "Choose File" and "No file chosen" in the browser's
 * language; once the page's script runs, a button and the chosen file's name in the page's
 * language stand in its place (the input itself, hidden from sight, still takes the focus and the file).
 */
function FilePicker({ field }: { field: Extract<FieldView, { type: "file" }> }) {
  const { t } = useTranslation("apply");
  const id = fieldId(field.name);
  const [isEnhanced, setEnhanced] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => setEnhanced(true), []);
  const input = (
    <input
      id={id}
      name={field.name}
      type="file"
      className={isEnhanced ? "file-picker__input" : "input"}
      accept={field.accept.join(",")}
      aria-invalid={field.error ? true : undefined}
      aria-describedby={[describedBy(field), isEnhanced ? `${id}-chosen` : null].filter(Boolean).join(" ") || undefined}
      onChange={(event) => setChosen(event.currentTarget.files?.[0]?.name ?? null)}
    />
  );
  if (!isEnhanced) return input;
  return (
    <div className="file-picker">
      {input}
      <span className="button button--secondary file-picker__button" aria-hidden="true">
        {t("field.choose")}
      </span>
      <span className="file-picker__chosen" id={`${id}-chosen`}>
        {chosen ? <bdi>{chosen}</bdi> : t("field.noneChosen")}
      </span>
    </div>
  );
}

/** A date in three boxes, day, month and year, each labelled in the page's language; Arabic-Indic digits are welcome. */
function DateField({ field }: { field: Extract<FieldView, { value: string }> }) {
  return (
    <Grouped field={field} className="date-input" isDescribed={false}>
      <DateBoxes
        id={fieldId(field.name)}
        name={field.name}
        value={field.value}
        isInvalid={Boolean(field.error)}
        describedBy={describedBy(field)}
        isRequired={field.isRequired}
      />
    </Grouped>
  );
}

/** A repeatable group: each item a fieldset of its sub-fields, with buttons to add and remove items. */
function GroupField({ field }: { field: Extract<FieldView, { type: "group" }> }) {
  const { t } = useTranslation("apply");
  return (
    <Grouped field={field} className="group" isDescribed={false}>
      {field.items.map((item, index) => (
        <fieldset key={index} className="group__item">
          <legend>{t("field.item", { label: field.itemLabel, number: index + 1 })}</legend>
          {item.map((sub) => (
            <ServiceField key={sub.name} field={sub} />
          ))}
          {field.items.length > field.minItems && field.items.length > 1 ? (
            <button type="submit" name="intent" value={`remove-item:${field.name}:${index}`} className="button button--secondary">
              {t("field.removeItem", { label: field.itemLabel, number: index + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      {field.items.length < field.maxItems ? (
        <button type="submit" name="intent" value={`add-item:${field.name}`} className="button button--secondary">
          {t("field.addItem", { label: field.itemLabel })}
        </button>
      ) : null}
    </Grouped>
  );
}

const renderers: Renderers = {
  text: (field) =>
    field.isMultiline ? (
      <Labelled field={field}>
        <textarea
          id={fieldId(field.name)}
          name={field.name}
          className="input"
          rows={4}
          defaultValue={field.value}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy(field)}
        />
      </Labelled>
    ) : (
      <InputField field={field} input={{ type: "text", autoComplete: "off", ...(field.isLatin ? { dir: "ltr" as const } : {}) }} />
    ),
  number: (field) => <InputField field={field} input={{ type: "text", inputMode: "numeric", dir: "ltr" }} />,
  money: (field) => <InputField field={field} input={{ type: "text", inputMode: "decimal", dir: "ltr" }} />,
  date: (field) => <DateField field={field} />,
  "civil-id": (field) => <InputField field={field} input={{ type: "text", inputMode: "numeric", dir: "ltr", autoComplete: "off" }} />,
  phone: (field) => <InputField field={field} input={{ type: "tel", inputMode: "tel", dir: "ltr", autoComplete: "tel-national" }} />,
  select: (field) => <SelectField field={field} />,
  file: (field) => <FileField field={field} />,
  group: (field) => <GroupField field={field} />,
};

export function ServiceField({ field }: { field: FieldView }) {
  const render = renderers[field.type] as ((field: FieldView) => ReactNode) | undefined;
  if (!render) throw new Error(`No renderer for field type ${field.type}`);
  if (!field.reveal) return <>{render(field)}</>;
  // Shown or hidden by the page's script as its choice changes (see useReveals).
  return (
    <div data-reveal-control={field.reveal.control} data-reveal-values={field.reveal.values.join("\n")} hidden={field.isHidden}>
      {render(field)}
    </div>
  );
}

/**
 * Shows at once what a choice reveals (and hides what it no longer does) within the form: each
 * `data-reveal-control` block follows the value chosen in its control. Without JavaScript the
 * page shows it once saved.
 */
export function useReveals(container: RefObject<HTMLElement>) {
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const follow = (event: Event) => {
      const form = (event.target as Element | null)?.closest("form");
      if (!form) return;
      for (const block of form.querySelectorAll<HTMLElement>("[data-reveal-control]")) {
        const control = form.elements.namedItem(block.dataset.revealControl!);
        const chosen =
          control instanceof RadioNodeList || control instanceof HTMLSelectElement
            ? control.value
            : control instanceof HTMLInputElement && control.checked
              ? control.value
              : "";
        block.hidden = !(block.dataset.revealValues ?? "").split("\n").includes(chosen);
      }
    };
    element.addEventListener("change", follow);
    return () => element.removeEventListener("change", follow);
  }, [container]);
}
