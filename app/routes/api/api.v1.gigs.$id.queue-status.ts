/** PUT /api/v1/gigs/:id/queue-status: set the work queue status of the gig's active people (all or some). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { putQueueStatus } from "~/api/work.server";

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["PUT"]).toResponse());
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return handleApi(request, async () => methodNotAllowed(["PUT"]).toResponse());
  return withApiAuth(request, context, (api) => putQueueStatus(request, api, params.id));
}
