// The one way a download names its file. The plain `filename` is kept to safe ASCII (any name an
// applicant's computer gave, with `=`, quotes, newlines or Arabic, cannot break the header); the
// real name travels in `filename*` (RFC 6266 / RFC 5987), which browsers prefer.

const encodeRfc5987 = (text: string) => encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(disposition: "attachment" | "inline", filename: string): string {
  const dot = filename.lastIndexOf(".");
  const extension =
    dot > 0
      ? filename
          .slice(dot)
          .replace(/[^A-Za-z0-9.]/g, "")
          .slice(0, 10)
      : "";
  const stem =
    (dot > 0 ? filename.slice(0, dot) : filename)
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "file";
  return `${disposition}; filename="${stem}${extension}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
