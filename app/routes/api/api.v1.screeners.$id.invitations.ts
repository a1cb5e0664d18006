/** POST /api/v1/screeners/:id/invitations: invite a person the screener finds to one of the lab's open gigs. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { inviteApi } from "~/api/screeners.server";

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
}

export function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
  return withApiAuth(request, context, (api) => inviteApi(request, api, params.id));
}
