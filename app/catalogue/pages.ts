import { isPageShown } from "./form-schema";
import type { Facts, FormPage, ServiceDefinition } from "./types";

// Which pages of a service's form a person goes through, given their answers so far.

export function shownPages(service: ServiceDefinition, facts: Facts): FormPage[] {
  return service.pages.filter((page) => isPageShown(page, facts));
}

/** The page after this one that applies, or null when this was the last (check your answers next). */
export function pageAfter(service: ServiceDefinition, pageId: string, facts: Facts): FormPage | null {
  const index = service.pages.findIndex((page) => page.id === pageId);
  return service.pages.slice(index + 1).find((page) => isPageShown(page, facts)) ?? null;
}

/** The page before this one that applies, or null on the first. */
export function pageBefore(service: ServiceDefinition, pageId: string, facts: Facts): FormPage | null {
  const index = service.pages.findIndex((page) => page.id === pageId);
  return (
    service.pages
      .slice(0, Math.max(index, 0))
      .reverse()
      .find((page) => isPageShown(page, facts)) ?? null
  );
}

/** The page a field is asked on (for the check page's change links and its problems). */
export function pageOfField(service: ServiceDefinition, fieldPath: string): FormPage | undefined {
  const fieldId = fieldPath.split(".")[0];
  return service.pages.find((page) => page.fields.some((field) => field.id === fieldId));
}
