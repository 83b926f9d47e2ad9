/** Where a person applies: the web portal, or a kiosk (its own pages, in the kiosk's chrome). */
export type ApplyChannel = "web" | "kiosk";

/** The addresses of applying on a channel; the form's pages are the same on both. */
export function applyPaths(channel: ApplyChannel) {
  const apply = channel === "kiosk" ? "/kiosk/apply" : "/apply";
  return {
    draft: (draftId: string) => `${apply}/${draftId}`,
    page: (draftId: string, pageId: string) => `${apply}/${draftId}/${pageId}`,
    check: (draftId: string) => `${apply}/${draftId}/check`,
    /** After submitting: the web's confirmation page; at a kiosk, the application itself (to pay there and then). */
    submitted: (applicationId: string) => (channel === "kiosk" ? `/kiosk/applications/${applicationId}` : `/apply/${applicationId}/submitted`),
    /** Back from the form's first page. */
    service: (serviceId: string) => (channel === "kiosk" ? "/kiosk/home" : `/services/${serviceId}`),
    /** After discarding a draft. */
    discarded: (serviceId: string) => (channel === "kiosk" ? "/kiosk/home" : `/dashboard?discarded=${encodeURIComponent(serviceId)}`),
  };
}
