import { describe, expect, it } from "vitest";
import { sniffMime } from "./sniff";

describe("sniffMime", () => {
  it("reads the type from the bytes", () => {
    expect(sniffMime(Buffer.from("%PDF-1.7\n..."))).toBe("application/pdf");
    expect(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("image/png");
    expect(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
  });

  it("refuses what is not a PDF, PNG or JPEG, whatever it is called", () => {
    expect(sniffMime(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffMime(Buffer.from("MZ\x90\x00"))).toBeNull();
    expect(sniffMime(Buffer.from("%PD"))).toBeNull();
    expect(sniffMime(new Uint8Array())).toBeNull();
  });
});
