import type { ActionFunctionArgs } from "@remix-run/node";
import { simulatedEndpoints } from "~/agencies/endpoints.server";
import { handleAgencyRequest } from "~/exchange/simulator.server";
import { getRuntime } from "~/runtime.server";
import type { RouteHandle } from "~/http/route-handle";

export const handle: RouteHandle = { csrf: "exchange-signature", body: "json", isOpenWhenReadOnly: true };

// The simulated agencies of the embedded default, reached over HTTP like real ones. Requests are
// authenticated by the portal's Ed25519 signature, not by a session.
export async function action({ request, params }: ActionFunctionArgs) {
  const { database, exchangeKeys, catalogue } = getRuntime();
  return handleAgencyRequest(database.db, exchangeKeys, simulatedEndpoints, params.agency ?? "", request, { isGranted: catalogue.isGranted });
}

export const loader = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
