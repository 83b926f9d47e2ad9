import type { LoaderFunctionArgs } from "@remix-run/node";
import { resumeDraft } from "~/applying/form-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return resumeDraft(request, params, "web");
}
