import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { checkPageAction, checkPageData } from "~/applying/check-page.server";
import { CheckAnswers } from "~/ui/check-answers";
import { ApplicantErrorBoundary } from "~/ui/route-error";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await checkPageData(request, params, "web"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return checkPageAction(request, params, "web");
}

export default CheckAnswers;

export const ErrorBoundary = ApplicantErrorBoundary;
