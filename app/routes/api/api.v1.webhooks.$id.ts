/** GET /api/v1/webhooks/:id (one endpoint) and DELETE (remove it with its delivery log). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { getWebhook, removeWebhook } from "~/api/webhooks.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => getWebhook(request, api, params.id));
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return handleApi(request, async () => methodNotAllowed(["GET", "DELETE"]).toResponse());
  return withApiAuth(request, context, (api) => removeWebhook(request, api, params.id));
}
