import { PDFDocument, StandardFonts, degrees, rgb } from "pdf-lib";
import type { UploadMime } from "../../db/schema";

/**
 * A copy of an attachment for a clerk to read: always a PDF (an image becomes a page of its own),
 * every page marked across with who opened it and when, so a leaked copy says whose it was.
 * The mark is in Latin letters: the standard PDF font needs no embedding.
 */
export async function watermarkedPdf(bytes: Uint8Array, mime: UploadMime, mark: string): Promise<Uint8Array> {
  // A copy of its own: pdf-lib reads a view's whole underlying buffer (Node keeps small Buffers in
  // a shared pool), so a JPEG handed over as a slice would not be found at its offset.
  const content = new Uint8Array(bytes);
  let pdf: PDFDocument;
  if (mime === "application/pdf") {
    pdf = await PDFDocument.load(content, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
    if (pdf.getPageCount() === 0) throw new Error("The PDF has no pages");
  } else {
    pdf = await PDFDocument.create();
    const image = mime === "image/png" ? await pdf.embedPng(content) : await pdf.embedJpg(content);
    // A4, the image fitted inside a margin.
    const page = pdf.addPage([595.28, 841.89]);
    const scale = Math.min((page.getWidth() - 60) / image.width, (page.getHeight() - 100) / image.height, 1);
    const { width, height } = image.scale(scale);
    page.drawImage(image, { x: (page.getWidth() - width) / 2, y: (page.getHeight() - height) / 2, width, height });
  }
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    // Across the page at 30°, as large as fits.
    const slant = Math.cos(Math.PI / 6);
    const size = Math.min(24, (width * 0.85) / (font.widthOfTextAtSize(mark, 1) * slant));
    const run = font.widthOfTextAtSize(mark, size) * slant;
    for (let row = -1; row <= 1; row++) {
      page.drawText(mark, {
        x: (width - run) / 2,
        y: height / 2 - (run * Math.tan(Math.PI / 6)) / 2 + row * height * 0.28,
        size,
        font,
        color: rgb(0.7, 0.1, 0.1),
        opacity: 0.28,
        rotate: degrees(30),
      });
    }
    page.drawText(mark, { x: 20, y: 12, size: 8, font, color: rgb(0.4, 0.1, 0.1), opacity: 0.8 });
  }
  pdf.setProducer("Nafitha");
  pdf.setKeywords([mark]);
  return pdf.save();
}
