import type { InputHTMLAttributes, MouseEvent, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { datePartName, datePartNames, datePartsOf } from "~/catalogue/date-parts";
import { fieldId } from "./form";

interface FieldProps {
  name: string;
  /** When the page has the same field in several forms; otherwise the id is made from the name. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
}

/** The ids of a field's hint and error, for its control's aria-describedby. */
const describedByOf = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A field's hint and error, under its label. */
function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A field's label, hint and error around its control, wired for screen readers. */
function FieldFrame({ name, id: givenId, label, hint, error, control }: FieldProps & { control: (wiring: { id: string; describedBy?: string }) => ReactNode }) {
  const id = givenId ?? fieldId(name);
  const describedBy = describedByOf(id, hint, error);
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {control({ id, describedBy })}
    </div>
  );
}

/**
 * A day as three boxes, day, month and year (as GOV.UK asks it), each labelled in the page's
 * language, Arabic-Indic digits welcome; named `<name>[day]` and so on, joined by the form's reader
 * (joinDateParts, or addressOfAsked for a search). The day's box carries `id`, for an error's link.
 */
export function DateBoxes({
  id,
  name,
  value,
  isInvalid,
  describedBy,
  isRequired,
}: {
  id: string;
  name: string;
  value: string;
  isInvalid: boolean;
  describedBy?: string;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  const parts = datePartsOf(value);
  return (
    <>
      <p className="field__hint" id={`${id}-example`}>
        {t("form.date.example")}
      </p>
      <div className="date-input__parts">
        {datePartNames.map((part) => {
          const partId = part === "day" ? id : `${id}-${part}`;
          return (
            <div key={part} className="date-input__part">
              <label className="date-input__label" htmlFor={partId}>
                {t(`form.date.${part}`)}
              </label>
              <input
                id={partId}
                name={datePartName(name, part)}
                className={`input date-input__box date-input__box--${part}`}
                inputMode="numeric"
                dir="ltr"
                autoComplete="off"
                maxLength={part === "year" ? 4 : 2}
                defaultValue={parts[part]}
                aria-invalid={isInvalid || undefined}
                aria-describedby={[describedBy, `${id}-example`].filter(Boolean).join(" ")}
                aria-required={isRequired || undefined}
              />
            </div>
          );
        })}
      </div>
    </>
  );
}

/** A day asked in a staff form or search: its label as the group's legend, its hint and error, and the three boxes. */
export function DayField({ name, id: givenId, label, hint, error, defaultValue = "" }: FieldProps & { defaultValue?: string }) {
  const id = givenId ?? fieldId(name);
  return (
    <fieldset className={error ? "field field--error date-input" : "field date-input"}>
      <legend className="field__label">{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <DateBoxes id={id} name={name} value={defaultValue} isInvalid={Boolean(error)} describedBy={describedByOf(id, hint, error)} />
    </fieldset>
  );
}

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "children">;

/** A labelled input with its hint and its error. */
export function TextField({ name, label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={({ id, describedBy }) => (
        <input
          id={id}
          name={name}
          className={["input", className].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    />
  );
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "children"> & {
    /** The first option, with no value: what to do ("Choose the role"). */
    placeholder: string;
    /** The choices, some of them in labelled groups. */
    options: readonly (SelectOption | { label: string; options: readonly SelectOption[] })[];
  };

interface SelectOption {
  value: string;
  label: string;
}

/** A labelled choice among options, with its hint and its error. */
export function SelectField({ name, label, hint, error, className, placeholder, options, ...select }: SelectFieldProps) {
  return (
    <FieldFrame
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={({ id, describedBy }) => (
        <select
          id={id}
          name={name}
          className={["input", className].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...select}
        >
          <option value="">{placeholder}</option>
          {options.map((option) =>
            "options" in option ? (
              <optgroup key={option.label} label={option.label}>
                {option.options.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ),
          )}
        </select>
      )}
    />
  );
}

type TextAreaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "children">;

/** A labelled multi-line input with its hint and its error. */
export function TextAreaField({ name, id, label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame
      name={name}
      id={id}
      label={label}
      hint={hint}
      error={error}
      control={({ id, describedBy }) => (
        <textarea
          id={id}
          name={name}
          className={["input", "input--area", className].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...textarea}
        />
      )}
    />
  );
}

/**
 * Boxes to tick, any number, under one legend with its hint and its error; the first box takes the
 * field's id, so that the error summary's link lands on the group.
 */
export function CheckboxesField({
  name,
  label,
  hint,
  error,
  options,
  checked,
}: FieldProps & { options: readonly { value: string; label: string }[]; checked: readonly string[] }) {
  const id = fieldId(name);
  const describedBy = describedByOf(id, hint, error);
  return (
    <fieldset className={error ? "field field--error" : "field"} aria-describedby={describedBy}>
      <legend className="field__label">{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option, index) => (
        <label key={option.value} className="choice">
          <input type="checkbox" name={name} value={option.value} id={index === 0 ? id : undefined} defaultChecked={checked.includes(option.value)} />{" "}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

export interface SummaryError {
  field: string;
  message: string;
  /** Where the link goes when the field is on another page (the check page's problems). */
  href?: string;
}

/** GOV.UK-style error summary: at the top, focused on arrival, each error linked to its field. */
/**
 * Following a summary's link: the field takes the focus (a group's first choice) and its question
 * scrolls into view. Done here rather than by the browser, whose change of the address's `#…` the
 * router would take for a navigation, and drop the errors of the form just sent with it.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = decodeURIComponent(event.currentTarget.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  event.preventDefault();
  const control = target.matches("input, select, textarea, button") ? target : target.querySelector<HTMLElement>("input, select, textarea, button");
  const question = target.closest("fieldset")?.querySelector("legend") ?? (control ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null);
  (question ?? target).scrollIntoView({ block: "center" });
  (control ?? target).focus({ preventScroll: true });
}

export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id="error-summary-title">
        {t("errors.summaryTitle")}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={error.field}>
            <a href={error.href ?? `#${fieldId(error.field)}`} onClick={focusField}>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "success" | "warning" }) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      {children}
    </div>
  );
}
