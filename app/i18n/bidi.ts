// Text of another direction inside a sentence: isolated, so that it keeps its own order whichever
// way the sentence runs (Unicode's directional isolates).

/** Codes, references, addresses and usernames: always left to right. */
export const isolateLtr = (value: string | number) => `\u2066${value}\u2069`;

/** What people typed (names, reasons, file names): in the direction of its own first letter. */
export const isolateTyped = (value: string | number) => `\u2068${value}\u2069`;
