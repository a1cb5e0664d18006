import { runtimeStatus } from "~/runtime.server";

/** Readiness: database (and search engine, outbox lag) reachable. 503 when not ready. */
export async function loader() {
  const status = await runtimeStatus();
  return Response.json(
    { status: status.ok ? "ok" : "unavailable", ...status },
    { status: status.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
