import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { bearerTokenOf, isConfiguredToken } from "~/http/bearer";
import type { RouteHandle } from "~/http/route-handle";
import { setSimulatedFaults } from "~/exchange/links.server";
import crypto from "node:crypto";
import { drillReport, prepareDrillApplication, submitDrillApplication, type PreparedDrillApplication } from "~/ops/drill.server";
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
  z.object({ step: z.literal("prepare"), agency, count: z.number().int().min(1).max(100) }),
  z.object({ step: z.literal("submit"), agency, prepared: z.string().max(64).optional() }),
  z.object({ step: z.literal("report"), agency, applications: z.array(z.uuid()).max(10_000) }),
]);

/** Applications filled in before an outage, kept until the drill submits them (in this process: a drill talks to one server). */
const prepared = new Map<string, PreparedDrillApplication>();
const PREPARED_KEPT = 10_000;

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
    case "prepare": {
      if (!runtime.drill.serviceFor(body.agency)) return json({ error: `no drill service asks ${body.agency}` }, { status: 400 });
      const ids: string[] = [];
      for (let i = 0; i < body.count; i++) {
        const id = crypto.randomUUID();
        prepared.set(id, await prepareDrillApplication(db, jobDepsOf(runtime), runtime.drill, body.agency));
        ids.push(id);
      }
      while (prepared.size > PREPARED_KEPT) prepared.delete(prepared.keys().next().value!);
      return json({ prepared: ids });
    }
    case "submit": {
      if (!runtime.drill.serviceFor(body.agency)) return json({ error: `no drill service asks ${body.agency}` }, { status: 400 });
      const ready = body.prepared === undefined ? undefined : prepared.get(body.prepared);
      if (body.prepared !== undefined && (!ready || ready.agencyId !== body.agency)) return json({ error: "no such prepared application" }, { status: 400 });
      if (body.prepared !== undefined) prepared.delete(body.prepared);
      return json({ applicationId: await submitDrillApplication(db, jobDepsOf(runtime), runtime.drill, body.agency, ready) });
    }
    case "report":
      return json(await drillReport(db, body.agency, body.applications));
  }
}
