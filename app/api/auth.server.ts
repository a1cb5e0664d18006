/**
 * The wrapper every authenticated /api/v1 handler runs in: Bearer token -> lab, per-token rate
 * limit, and conversion of thrown problems (and unexpected errors) into problem+json responses.
 * JSON endpoints authenticate by token only (cookies are ignored), so CSRF does not apply.
 */

import type { Actor } from "~/services/actor";
import { type ApiCaller, apiTokenCreatorId, authenticateBearer } from "~/services/labs.server";
import { hit } from "~/services/ratelimit.server";
import { discardBody } from "./body.server";
import { ApiProblem, problemResponse } from "./problem.server";

export const API_RATE_LIMIT = { max: 600, windowSeconds: 60 };

export interface ApiContext extends ApiCaller {
  /** Who the audit log records: the token's creator, acting through the API. */
  actor: Actor;
}

function unauthorized(detail: string): ApiProblem {
  return new ApiProblem(401, "unauthorized", detail, {
    headers: { "WWW-Authenticate": 'Bearer realm="second-act-api"' },
  });
}

/**
 * Runs `fn` and turns anything it throws into a problem response (never an HTML error page).
 * A request body the handler left unread is drained first, so the client sees the answer.
 */
export async function handleApi(request: Request, fn: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await fn();
  } catch (e) {
    if (e instanceof ApiProblem) response = e.toResponse();
    else if (e instanceof Response) response = e;
    else {
      console.error("[api] unexpected error", e);
      response = problemResponse({
        type: "about:blank",
        title: "Internal Server Error",
        status: 500,
        detail: "Something went wrong on our side. Retry later; the request may not have been applied.",
      });
    }
  }
  // Past DRAIN_LIMIT the server discards the rest after answering, then closes (server/index.ts).
  await discardBody(request);
  return response;
}

async function authenticate(request: Request, ip: string | undefined): Promise<ApiContext> {
  if (!request.headers.get("authorization")) {
    throw unauthorized("Send an API token as `Authorization: Bearer sa_...`. Lab owners create tokens in the lab settings.");
  }
  const caller = await authenticateBearer(request);
  if (!caller) throw unauthorized("The API token is invalid or has been revoked.");
  const limit = await hit({ key: `api:${caller.tokenId}`, ...API_RATE_LIMIT });
  if (!limit.ok) {
    throw new ApiProblem(
      429,
      "rate-limited",
      `This token is limited to ${API_RATE_LIMIT.max} requests per minute. Retry after ${limit.retryAfterSeconds} seconds.`,
      {
        headers: { "Retry-After": String(limit.retryAfterSeconds) },
      },
    );
  }
  return { ...caller, actor: { id: await apiTokenCreatorId(caller.tokenId), role: "API_TOKEN", ip } };
}

/** Authenticated API handler: `fn` receives the caller (lab + actor). */
export function withApiAuth(request: Request, context: { ip?: string } | undefined, fn: (api: ApiContext) => Promise<Response>) {
  return handleApi(request, async () => fn(await authenticate(request, context?.ip)));
}
