/** GET /api/v1/gigs (list, cursor-paginated) and POST /api/v1/gigs (create a draft). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { createGig, listGigs } from "~/api/gigs.server";
import { methodNotAllowed } from "~/api/problem.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listGigs(request, api));
}

export function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["GET", "POST"]).toResponse());
  return withApiAuth(request, context, (api) => createGig(request, api));
}
