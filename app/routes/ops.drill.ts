import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { bearerTokenOf, isConfiguredToken } from "~/http/bearer";
import type { RouteHandle } from "~/http/route-handle";
import { setSimulatedFaults } from "~/exchange/links.server";
import { drillReport, submitDrillApplication } from "~/ops/drill.server";
import { exchangeAgencyIds } from "~/agencies";
import { getDb, getRuntime, jobDepsOf } from "~/runtime.server";

// What `npm run drill` asks of a running demo portal, as JSON with the operators' token
// (OPERATOR_TOKEN): put an agency's simulated endpoint down or up, submit a drill application
// that needs it, report where the drill's applications stand. Not found without the demo's
// simulated agencies or without a token configured.

export const handle: RouteHandle = { csrf: "operator-bearer", body: "json" };

const agency = z.string().refine((id) => exchangeAgencyIds.includes(id), "unknown agency");
const DrillRequest = z.discriminatedUnion("step", [
  z.object({ step: z.literal("fault"), agency, isDown: z.boolean() }),
  z.object({ step: z.literal("submit"), agency }),
  z.object({ step: z.literal("report"), agency, applications: z.array(z.uuid()).max(10_000) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const runtime = getRuntime();
  const token = runtime.env.OPERATOR_TOKEN;
  if (!token || !runtime.drill) return json({ error: "drills need the demo's simulated agencies and OPERATOR_TOKEN" }, { status: 404 });
  if (!isConfiguredToken(bearerTokenOf(request.headers.get("authorization")), token))
    return json({ error: "the operators' token is required" }, { status: 401 });
  const parsed = DrillRequest.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json({ error: "invalid drill request", problems: parsed.error.issues.map((issue) => issue.message) }, { status: 400 });
  const db = getDb();
  const body = parsed.data;
  switch (body.step) {
    case "fault":
      // What AGENCY_FAULTS=<agency>:down does at start.
      await setSimulatedFaults(db, body.agency, { isDown: body.isDown });
      return json({ ok: true });
    case "submit":
      if (!runtime.drill.serviceFor(body.agency)) return json({ error: `no drill service asks ${body.agency}` }, { status: 400 });
      return json({ applicationId: await submitDrillApplication(db, jobDepsOf(runtime), runtime.drill, body.agency) });
    case "report":
      return json(await drillReport(db, body.agency, body.applications));
  }
}
