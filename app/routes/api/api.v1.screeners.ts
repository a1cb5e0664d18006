/** GET /api/v1/screeners (the lab's saved screeners with eligible counts) and POST (save a new one). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { createScreenerApi, listScreenersApi } from "~/api/screeners.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listScreenersApi(api));
}

export function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["GET", "POST"]).toResponse());
  return withApiAuth(request, context, (api) => createScreenerApi(request, api));
}
