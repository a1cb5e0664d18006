/** GET /api/v1/screeners/:id: the screener's current version and how many people it finds now. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { getScreenerApi } from "~/api/screeners.server";

export function loader({ request, context, params }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => getScreenerApi(api, params.id));
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["GET"]).toResponse());
}
