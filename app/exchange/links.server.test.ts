import { describe, expect, it } from "vitest";
import { parseAgencyLinkSettings } from "./links.server";

describe("agency link settings", () => {
  it("read base URLs and injected faults", () => {
    expect(parseAgencyLinkSettings("kcb=https://kcb.example/exchange/", "kcb:latency=2000;moj:down;pifss:errors=0.5")).toEqual([
      { agencyId: "kcb", baseUrl: "https://kcb.example/exchange", latencyMs: 2000 },
      { agencyId: "moj", isDown: true },
      { agencyId: "pifss", errorRate: 0.5 },
    ]);
    expect(parseAgencyLinkSettings(undefined, undefined)).toEqual([]);
  });

  it("say what is wrong with a bad setting", () => {
    expect(() => parseAgencyLinkSettings("kcb", undefined)).toThrow('AGENCY_URLS: "kcb" is not agency=url');
    expect(() => parseAgencyLinkSettings(undefined, "kcb:explode")).toThrow('AGENCY_FAULTS: unknown fault "explode"');
    expect(() => parseAgencyLinkSettings(undefined, "kcb:errors=2")).toThrow("AGENCY_FAULTS");
    expect(() => parseAgencyLinkSettings(undefined, "mof:down")).toThrow(
      'AGENCY_FAULTS: unknown agency "mof" (the agencies on the exchange: kcb, kff, km, moci, moj, paci, pifss)',
    );
    expect(() => parseAgencyLinkSettings("kcb=not a url", undefined)).toThrow('AGENCY_URLS: "not a url" is not a URL (for kcb)');
  });
});
