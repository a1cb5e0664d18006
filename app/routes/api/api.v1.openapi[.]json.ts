/** GET /api/v1/openapi.json: the OpenAPI 3.1 document (public, no token needed). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi } from "~/api/auth.server";
import { openApiDocument } from "~/api/openapi.server";
import { jsonResponse, methodNotAllowed } from "~/api/problem.server";

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => jsonResponse(openApiDocument(), 200, { "Cache-Control": "public, max-age=300" }));
}

export function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["GET"]).toResponse());
}
