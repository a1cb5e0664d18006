/** GET /api/v1/screeners/:id/versions (every version, newest first) and POST (save a new version). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { listVersionsApi, saveVersionApi } from "~/api/screeners.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listVersionsApi(api, params.id));
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["GET", "POST"]).toResponse());
  return withApiAuth(request, context, (api) => saveVersionApi(request, api, params.id));
}
