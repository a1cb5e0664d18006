/** /api/v1/gigs/:id/work-entries: record work for an active person (POST, idempotent) and read the ledger (GET). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { createWorkEntry, listWorkEntries } from "~/api/work.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listWorkEntries(request, api, params.id));
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["GET", "POST"]).toResponse());
  return withApiAuth(request, context, (api) => createWorkEntry(request, api, params.id));
}
