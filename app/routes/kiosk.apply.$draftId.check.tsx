import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { checkPageAction, checkPageData } from "~/applying/check-page.server";

import { CheckAnswers } from "~/ui/check-answers";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { i18n: ["apply"], isPersonal: true };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await checkPageData(request, params, "kiosk"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return checkPageAction(request, params, "kiosk");
}

export default CheckAnswers;
