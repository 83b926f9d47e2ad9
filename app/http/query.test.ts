import { describe, expect, it } from "vitest";
import { addressOfAsked } from "./query";

describe("the address of a search", () => {
  it("keeps only the fields asked, or says it already does", () => {
    expect(addressOfAsked(new URL("http://x/staff/admin/audit?actor=admin&person=&action=auth.signed-in&from="))).toBe(
      "/staff/admin/audit?actor=admin&action=auth.signed-in",
    );
    expect(addressOfAsked(new URL("http://x/staff/reports?from=&to="))).toBe("/staff/reports");
    expect(addressOfAsked(new URL("http://x/staff/reports?service=social-loan"))).toBeNull();
  });
});
