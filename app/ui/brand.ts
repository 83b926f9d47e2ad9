// Nafitha's identity, in one place for every surface that shows it: the web and kiosk header, the
// favicon, the certificates and receipts (pdfkit), and the emails. The colours are the ones
// app/styles/app.css names as custom properties (a unit test keeps them equal).

export const brandColours = {
  /** The portal's green: the header, buttons, frames and headings of documents. */
  brand: "#0b3d2e",
  brandStrong: "#072a20",
  brandSoft: "#e3efe9",
  /** Gold on white (text and rules): dark enough to read. */
  accent: "#8a6a1f",
  /** Gold on the green (the mark's pane, the header's rule): light enough to see. */
  accentOnBrand: "#c9a24a",
  ink: "#1b1f23",
  inkMuted: "#4a5560",
  paper: "#ffffff",
} as const;

/**
 * The mark: a window of four panes, its upper-left pane filled with gold, drawn on a 32-unit
 * square. A logo, so it is not mirrored in Arabic.
 */
export const brandMark = {
  size: 32,
  frame: { x: 3, y: 3, size: 26, radius: 4, strokeWidth: 2.5 },
  /** The two bars that divide the window into panes. */
  bars: "M16 4v24M4 16h24",
  barWidth: 2,
  pane: { x: 6.5, y: 6.5, size: 6 },
} as const;

/** The mark as a standalone SVG document: on the green square for the favicon, or in one colour. */
export function brandMarkSvg(options: { onSquare: boolean }): string {
  const { frame, bars, barWidth, pane, size } = brandMark;
  const line = options.onSquare ? "#fff" : brandColours.brand;
  const square = options.onSquare ? `<rect width="${size}" height="${size}" rx="6" fill="${brandColours.brand}"/>` : "";
  // On the square, the window is set in from its edges.
  const inset = options.onSquare ? ` transform="translate(4 4) scale(0.75)"` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">${square}<g${inset}>` +
    `<rect x="${frame.x}" y="${frame.y}" width="${frame.size}" height="${frame.size}" rx="${frame.radius}" fill="none" stroke="${line}" stroke-width="${frame.strokeWidth}"/>` +
    `<path d="${bars}" stroke="${line}" stroke-width="${barWidth}"/>` +
    `<rect x="${pane.x}" y="${pane.y}" width="${pane.size}" height="${pane.size}" fill="${brandColours.accentOnBrand}"/></g></svg>`
  );
}
