import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import type { RouteHandle } from "~/http/route-handle";
import { requireKioskDevice } from "~/kiosk/device.server";
import { KioskErrorBoundary } from "~/ui/route-error";
import { noStore } from "~/http/no-store";

// The kiosk's screens, once an enrolled kiosk shows them (enrolment is kiosk_.enrol): the kiosk's
// own chrome, the device guard, and no page kept by any cache. Remix runs a page's loader beside
// this one, so each page still guards what it reads (a person's pages ask for the person too).

export const handle: RouteHandle = { chrome: "kiosk" };

export const headers: HeadersFunction = () => noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireKioskDevice(request);
  return null;
}

export default function KioskSection() {
  return <Outlet />;
}

export const ErrorBoundary = KioskErrorBoundary;
