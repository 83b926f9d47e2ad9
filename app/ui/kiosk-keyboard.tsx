import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// The kiosk has no keyboard: when a text or number field takes the focus, this keyboard opens
// at the foot of the screen. Keys type into the field as a keyboard would (React sees an input
// event), and never take the focus from it. Numbers get a keypad; text gets Arabic and English
// layouts, starting with the page's language (or English for a left-to-right field).

type Layout = "ar" | "en" | "digits";

const rows: Record<Layout, string[][]> = {
  ar: [
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
    ["ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج"],
    ["ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط"],
    ["ذ", "ئ", "ء", "ؤ", "ر", "ى", "ة", "و", "ز", "ظ", "د"],
    ["أ", "إ", "آ", "-", "/", "،", "."],
  ],
  en: [
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
    ["Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P"],
    ["A", "S", "D", "F", "G", "H", "J", "K", "L"],
    ["Z", "X", "C", "V", "B", "N", "M", "-", "/", "."],
  ],
  digits: [
    ["1", "2", "3"],
    ["4", "5", "6"],
    ["7", "8", "9"],
    [".", "0"],
  ],
};

/** The fields the keyboard types into: text-like inputs and text areas that can be edited. */
function isTypable(element: EventTarget | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  if (!(element instanceof HTMLInputElement) || element.readOnly || element.disabled) return false;
  return ["text", "search", "tel", "number", "email", "url", "password"].includes(element.type);
}

const isNumeric = (field: HTMLInputElement | HTMLTextAreaElement) =>
  (field instanceof HTMLInputElement && field.type === "number") || ["numeric", "decimal", "tel"].includes(field.inputMode);

/** Types into the field at its caret, through the native setter so that React's onChange runs. */
function typeInto(field: HTMLInputElement | HTMLTextAreaElement, change: { insert: string } | { erase: true }) {
  const value = field.value;
  // Number inputs have no caret position: type at the end.
  const hasCaret = !(field instanceof HTMLInputElement && field.type === "number");
  const start = hasCaret ? (field.selectionStart ?? value.length) : value.length;
  const end = hasCaret ? (field.selectionEnd ?? value.length) : value.length;
  const [from, to, text] = "insert" in change ? [start, end, change.insert] : start === end ? [Math.max(0, start - 1), end, ""] : [start, end, ""];
  const next = value.slice(0, from) + text + value.slice(to);
  if (field.maxLength > 0 && next.length > field.maxLength) return;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")!.set!;
  setter.call(field, next);
  if (hasCaret) field.setSelectionRange(from + text.length, from + text.length);
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

export function KioskKeyboard() {
  const { t, i18n } = useTranslation("kiosk");
  const [field, setField] = useState<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const [layout, setLayout] = useState<Layout>("ar");
  useEffect(() => {
    const focused = (event: FocusEvent) => {
      if (!isTypable(event.target)) return;
      const target = event.target;
      setField(target);
      const isLeftToRight = target.dir === "ltr" || getComputedStyle(target).direction === "ltr";
      setLayout(isNumeric(target) ? "digits" : isLeftToRight || i18n.language === "en" ? "en" : "ar");
    };
    const left = (event: FocusEvent) => {
      if (!isTypable(event.relatedTarget)) setField(null);
    };
    document.addEventListener("focusin", focused);
    document.addEventListener("focusout", left);
    return () => {
      document.removeEventListener("focusin", focused);
      document.removeEventListener("focusout", left);
    };
  }, [i18n.language]);
  if (!field) return null;
  // Pressing a key never takes the focus from the field.
  const key = (label: string, action: () => void, options: { name?: string; wide?: boolean; lang?: string } = {}) => (
    <button
      key={options.name ?? label}
      type="button"
      className={options.wide ? "kiosk-key kiosk-key--wide" : "kiosk-key"}
      aria-label={options.name}
      lang={options.lang}
      onPointerDown={(event) => event.preventDefault()}
      onMouseDown={(event) => event.preventDefault()}
      onClick={action}
    >
      {label}
    </button>
  );
  return (
    <div className="kiosk-keyboard" role="group" aria-label={t(`keyboard.${layout}`)} data-layout={layout}>
      {rows[layout].map((row, index) => (
        // Keys sit where they are on a physical keyboard (ض above ش, on the left), whatever the page's direction.
        <div className="kiosk-keyboard__row" key={index} dir="ltr">
          {row.map((letter) => key(letter, () => typeInto(field, { insert: letter }), { lang: layout === "ar" ? "ar" : "en" }))}
        </div>
      ))}
      <div className="kiosk-keyboard__row">
        {layout === "digits" ? null : key(t("keyboard.space"), () => typeInto(field, { insert: " " }), { name: t("keyboard.space"), wide: true })}
        {key("⌫", () => typeInto(field, { erase: true }), { name: t("keyboard.erase") })}
        {layout === "digits"
          ? null
          : key(layout === "ar" ? "English" : "عربي", () => setLayout(layout === "ar" ? "en" : "ar"), {
              name: t(layout === "ar" ? "keyboard.toEnglish" : "keyboard.toArabic"),
              lang: layout === "ar" ? "en" : "ar",
            })}
        {key(t("keyboard.done"), () => field.blur(), { name: t("keyboard.done"), wide: true })}
      </div>
    </div>
  );
}
