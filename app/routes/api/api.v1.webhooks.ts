/** GET /api/v1/webhooks (the lab's endpoints) and POST /api/v1/webhooks (add one; the secret is returned once). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi, withApiAuth } from "~/api/auth.server";
import { methodNotAllowed } from "~/api/problem.server";
import { createWebhook, listWebhooks } from "~/api/webhooks.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return withApiAuth(request, context, (api) => listWebhooks(request, api));
}

export function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return handleApi(request, async () => methodNotAllowed(["GET", "POST"]).toResponse());
  return withApiAuth(request, context, (api) => createWebhook(request, api));
}
