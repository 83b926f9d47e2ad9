import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { formPageAction, formPageData } from "~/applying/form-page.server";

import { FormPage } from "~/ui/form-page";
import type { RouteHandle } from "~/http/route-handle";

// A page of the application form at a kiosk: the web's page, in the kiosk's chrome, never cached.

export const handle: RouteHandle = { i18n: ["apply"], isPersonal: true, body: "uploads" };
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await formPageData(request, params, "kiosk"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const acted = await formPageAction(request, params, "kiosk");
  return acted instanceof Response ? acted : json(acted.data, { status: acted.status });
}

export default FormPage;
