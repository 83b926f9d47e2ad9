import { describe, expect, it } from "vitest";
import { parseAddressRanges } from "./address-ranges";

describe("address ranges for the metrics", () => {
  it("matches addresses inside the ranges, IPv4 also as seen on an IPv6 socket", () => {
    const ranges = parseAddressRanges("10.0.0.0/8, 192.168.1.7 ,::1/128")!;
    expect(ranges.includes("10.200.3.4")).toBe(true);
    expect(ranges.includes("::ffff:10.1.2.3")).toBe(true);
    expect(ranges.includes("192.168.1.7")).toBe(true);
    expect(ranges.includes("::1")).toBe(true);
    expect(ranges.includes("11.0.0.1")).toBe(false);
    expect(ranges.includes("192.168.1.8")).toBe(false);
    expect(ranges.includes("::2")).toBe(false);
    expect(ranges.includes(undefined)).toBe(false);
    expect(ranges.includes("not an address")).toBe(false);
  });

  it("refuses what is not a range", () => {
    for (const text of ["", " , ", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/8/1", "10.0.0.0/x", "10.0.0.0/", "example.com", "::1/129"]) {
      expect(parseAddressRanges(text), text).toBeNull();
    }
  });
});
