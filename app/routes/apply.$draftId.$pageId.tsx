import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { formPageAction, formPageData } from "~/applying/form-page.server";
import { FormPage } from "~/ui/form-page";
import type { RouteHandle } from "~/http/route-handle";
import { ApplicantErrorBoundary } from "~/ui/route-error";

export const handle: RouteHandle = { i18n: ["apply"], body: "uploads" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await formPageData(request, params, "web"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const acted = await formPageAction(request, params, "web");
  return acted instanceof Response ? acted : json(acted.data, { status: acted.status });
}

export default FormPage;

export const ErrorBoundary = ApplicantErrorBoundary;
