import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireStaff } from "~/auth/guards.server";
import { noStore } from "~/http/no-store";
import { StaffErrorBoundary } from "~/ui/route-error";

// The staff workspace, once signed in with both factors (signing in is staff_.sign-in and
// staff_.verify): the guard, and no page kept by any cache. Remix runs a page's loader beside
// this one, so each page still asks for the role it needs (a clerk of an agency, a supervisor).

export const headers: HeadersFunction = () => noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export default function StaffSection() {
  return <Outlet />;
}

export const ErrorBoundary = StaffErrorBoundary;
