/** POST /api/v1/gigs/:id/status: open, pause or close a gig under the lifecycle rules. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { changeStatus } from "~/api/gigs.server";
import { methodNotAllowed } from "~/api/problem.server";

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
  return withApiAuth(request, context, (api) => changeStatus(request, api, params.id));
}
