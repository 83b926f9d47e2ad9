import { describe, expect, it } from "vitest";
import { sealMark } from "../app/certificates/certificates.server";
import { trace } from "./trace-document";

const key = Buffer.alloc(32, 3);
const mark = {
  copyId: "a1b2c3d4e5f6",
  accountId: "00000000-0000-4000-8000-000000000001",
  name: "Ahmad Abdullah Al-Enezi",
  at: "2026-11-22T10:00:00.000Z",
  number: "FSL-2026-000123",
};
const pdfWith = (keywords: string) => Buffer.from(`%PDF-1.7\n1 0 obj << /Keywords (${keywords}) >> endobj\n%%EOF`, "latin1");

describe("scripts/trace-document", () => {
  it("names who downloaded a copy and when", () => {
    const { exitCode, report } = trace(pdfWith(sealMark(mark, key)), key);
    expect(exitCode).toBe(0);
    expect(report).toContain("Certificate FSL-2026-000123, copy a1b2c3d4e5f6");
    expect(report).toContain("downloaded by: Ahmad Abdullah Al-Enezi (account 00000000-0000-4000-8000-000000000001)");
    expect(report).toContain("downloaded at: 2026-11-22T10:00:00.000Z");
  });

  it("refuses a mark made without the portal's key, and says when there is none", () => {
    expect(trace(pdfWith(sealMark({ ...mark, name: "Someone else" }, Buffer.alloc(32, 9))), key)).toMatchObject({
      exitCode: 1,
      report: expect.stringContaining("not genuine"),
    });
    expect(trace(pdfWith(""), key)).toEqual({ exitCode: 1, report: "No download mark in this document." });
  });
});
