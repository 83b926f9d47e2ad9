// fontkit ships no types; the renderer uses only `create`, and hands the result to pdfkit.
declare module "fontkit" {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
