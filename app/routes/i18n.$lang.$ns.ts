import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse } from "~/http/invariant";
import { isLanguage, isNamespace } from "~/i18n/config";
import { localesVersion, resources } from "~/i18n/resources.server";

// One namespace of one language, for a browser page that needs translations it was not sent with
// (app/i18n/client.ts). Asked for under the current version (`?v=`), it is kept by the browser for
// good: any change to the translations changes the version, and so the address.
export function loader({ params, request }: LoaderFunctionArgs) {
  invariantResponse(isLanguage(params.lang) && isNamespace(params.ns), "No such translations", { status: 404 });
  const isCurrent = new URL(request.url).searchParams.get("v") === localesVersion;
  return new Response(JSON.stringify(resources[params.lang][params.ns]), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": isCurrent ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
