/** Any other /api/v1 path: a JSON 404 instead of the HTML not-found page. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleApi } from "~/api/auth.server";
import { ApiProblem } from "~/api/problem.server";

function unknownPath({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    throw new ApiProblem(404, "not-found", `No API endpoint at ${new URL(request.url).pathname}. See /api/v1/openapi.json.`);
  });
}

export const loader = unknownPath;
export const action = unknownPath;
