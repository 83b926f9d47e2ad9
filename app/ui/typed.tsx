import type { ReactNode } from "react";

/**
 * Words a person typed (a clerk's comment, a contact's name): shown as written, in whatever
 * language they were written, isolated from the page's direction and marked as of unknown
 * language (`lang=""`), so that neither a screen reader nor a check takes them for the page's.
 */
export function Typed({ children }: { children: ReactNode }) {
  return (
    <bdi lang="" className="typed">
      {children}
    </bdi>
  );
}
