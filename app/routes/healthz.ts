// Liveness: the process is up and serving. Nothing else is checked here.
export const loader = () => new Response(JSON.stringify({ status: "ok" }), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
