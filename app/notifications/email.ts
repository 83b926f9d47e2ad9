import { type Language } from "../i18n/config";
import { i18nFor } from "../i18n/resources.server";
import { brandColours } from "../ui/brand";

// An email as the portal sends it: the plain text every client reads, and beside it the same words
// in HTML on the portal's identity: the green band with the window mark and the name, as on the
// web and the kiosk, right to left for Arabic. Email clients draw neither SVG nor stylesheets
// reliably, so the mark is a table of four cells and every style is inline.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A reference or code (NAF-2026-000042), kept whole and left to right inside Arabic. */
const isolated = (html: string) => html.replace(/\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b/g, (code) => `<bdi dir="ltr" style="white-space:nowrap">${code}</bdi>`);

/** The text of a paragraph, with each web address in it a link and each reference kept whole. */
const linked = (text: string) =>
  text
    .split(/(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\u060c])/)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}" style="color:#0b5394" dir="ltr">${escapeHtml(part)}</a>` : isolated(escapeHtml(part))))
    .join("");

/** The window of four panes, its upper-left one gold, as a table (see app/ui/brand.ts). */
function markTable(): string {
  const pane = (fill: string) =>
    `<td width="11" height="11" style="width:11px;height:11px;border:2px solid #ffffff;background:${fill};font-size:0;line-height:0">&nbsp;</td>`;
  // A logo, so it keeps its left-to-right order in Arabic too.
  return (
    `<table role="presentation" dir="ltr" cellpadding="0" cellspacing="0" style="border-collapse:collapse;border:2px solid #ffffff">` +
    `<tr>${pane(brandColours.accentOnBrand)}${pane(brandColours.brand)}</tr><tr>${pane(brandColours.brand)}${pane(brandColours.brand)}</tr></table>`
  );
}

export function emailHtml(message: { subject: string; body: string; language: Language }): string {
  const { language } = message;
  const t = i18nFor(language).getFixedT(language, "common");
  const tNotifications = i18nFor(language).getFixedT(language, "notifications");
  const dir = language === "ar" ? "rtl" : "ltr";
  const align = language === "ar" ? "right" : "left";
  const font = language === "ar" ? "Tahoma, 'Segoe UI', Arial, sans-serif" : "'Segoe UI', Arial, sans-serif";
  const paragraphs = message.body
    .split(/\n{2,}|\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p style="margin:0 0 16px;font-size:16px;line-height:1.6;color:${brandColours.ink}">${linked(paragraph)}</p>`)
    .join("");
  return `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(message.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f4;font-family:${font}" dir="${dir}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f4"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:${brandColours.paper};border:1px solid #c9d0cd" dir="${dir}">
<tr><td style="background:${brandColours.brand};border-bottom:6px solid ${brandColours.accentOnBrand};padding:16px 24px" align="${align}">
<table role="presentation" cellpadding="0" cellspacing="0"><tr>
<td style="vertical-align:middle">${markTable()}</td>
<td style="vertical-align:middle;padding-${language === "ar" ? "right" : "left"}:12px;color:#ffffff" align="${align}">
<div style="font-size:22px;font-weight:bold;line-height:1.2">${escapeHtml(t("brand.name"))}</div>
<div style="font-size:13px;line-height:1.4">${escapeHtml(t("brand.state"))}</div>
</td></tr></table>
</td></tr>
<tr><td style="padding:24px" align="${align}" dir="${dir}">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.4;color:${brandColours.brandStrong}">${isolated(escapeHtml(message.subject))}</h1>
${paragraphs}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #c9d0cd;font-size:13px;line-height:1.5;color:${brandColours.inkMuted}" align="${align}" dir="${dir}">${escapeHtml(tNotifications("email.footer"))}</td></tr>
</table>
</td></tr></table>
</body>
</html>`;
}
