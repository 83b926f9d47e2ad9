import { describe, expect, it } from "vitest";
import { isSameOriginMutation } from "./origin.server";

const base = { selfOrigin: "http://localhost:3000", secFetchSite: null, origin: null };

describe("isSameOriginMutation", () => {
  it("lets reads through from anywhere", () => {
    expect(isSameOriginMutation({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });

  it("accepts a POST from this origin or the configured public origin", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "http://localhost:3000" })).toBe(true);
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://nafitha.gov.kw", publicOrigin: "https://nafitha.gov.kw" })).toBe(true);
  });

  it("refuses a POST from another origin, an opaque origin, or with no evidence at all", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "DELETE", origin: "null" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST" })).toBe(false);
    expect(isSameOriginMutation({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(false);
  });

  it("accepts a POST without Origin when the browser says it is same-origin", () => {
    expect(isSameOriginMutation({ ...base, method: "POST", secFetchSite: "same-origin" })).toBe(true);
  });
});
