/** GET /api/v1/gigs/:id/applicants: the gig's pipeline, without private profile fields. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { listApplicants } from "~/api/gigs.server";
import { methodNotAllowed } from "~/api/problem.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listApplicants(request, api, params.id));
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["GET"]).toResponse());
}
