/** The headers of a page or download that no cache may keep (a person's own, a kiosk's, the workspace's). */
export const noStore = { "Cache-Control": "no-store, max-age=0", Pragma: "no-cache" } as const;
