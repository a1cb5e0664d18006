/** POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay: send the delivery again (same event id). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { replayWebhookDelivery } from "~/api/webhooks.server";

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
  return withApiAuth(request, context, (api) => replayWebhookDelivery(request, api, params.id, params.deliveryId));
}
