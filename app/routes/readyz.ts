import { checkReadiness } from "~/ops/readiness.server";

export async function loader() {
  const readiness = await checkReadiness();
  return new Response(JSON.stringify(readiness), {
    status: readiness.status === "ok" ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
