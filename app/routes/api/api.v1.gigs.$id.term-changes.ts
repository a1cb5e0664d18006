/** GET /api/v1/gigs/:id/term-changes: every change recorded against the gig's promised terms, newest first. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { listTermChanges } from "~/api/gigs.server";
import { methodNotAllowed } from "~/api/problem.server";

export function loader({ context, params, request }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listTermChanges(api, params.id));
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["GET"]).toResponse());
}
