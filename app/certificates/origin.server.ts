import { getRuntime } from "../runtime.server";

/** The address people use to reach the portal: PUBLIC_ORIGIN, or this request's own. */
export function publicOrigin(request: Request): string {
  return getRuntime().env.PUBLIC_ORIGIN ?? new URL(request.url).origin;
}
