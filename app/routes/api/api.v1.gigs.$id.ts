/** GET /api/v1/gigs/:id and PATCH /api/v1/gigs/:id (partial update, merged with the stored gig). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { getGig, patchGig } from "~/api/gigs.server";
import { methodNotAllowed } from "~/api/problem.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => getGig(api, params.id));
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return handleApi(request, async () => methodNotAllowed(["GET", "PATCH"]).toResponse());
  return withApiAuth(request, context, (api) => patchGig(request, api, params.id));
}
