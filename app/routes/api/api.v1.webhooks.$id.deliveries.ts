/** GET /api/v1/webhooks/:id/deliveries: the endpoint's delivery log, newest first, cursor-paginated. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { listWebhookDeliveries } from "~/api/webhooks.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listWebhookDeliveries(request, api, params.id));
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["GET"]).toResponse());
}
