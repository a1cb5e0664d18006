/**
 * POST /api/v1/credentials/verify: anyone (no token) checks a work credential: the signed
 * document, or a JSON Resume holding credentials. Answers 200 with one verdict per credential
 * found (`valid`, `revoked`, `tampered`, `unknown-key`, `malformed`, `not-found`); nothing is stored.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleApi } from "~/api/auth.server";
import { readJsonObject } from "~/api/body.server";
import { jsonResponse, methodNotAllowed } from "~/api/problem.server";
import { hit } from "~/services/ratelimit.server";
import { ApiProblem } from "~/api/problem.server";
import { verifyText } from "~/services/credentials.server";

// As much as a lab token may make (app/api/auth.server.ts): a check is one signature and one indexed read.
export const VERIFY_RATE_LIMIT = { max: 600, windowSeconds: 60 };

export function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => methodNotAllowed(["POST"]).toResponse());
}

export function action({ request, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const limit = await hit({ key: `verify:${context.ip ?? "unknown"}`, ...VERIFY_RATE_LIMIT });
    if (!limit.ok) {
      throw new ApiProblem(
        429,
        "rate-limited",
        `At most ${VERIFY_RATE_LIMIT.max} verifications a minute. Retry after ${limit.retryAfterSeconds} seconds.`,
        {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        },
      );
    }
    const body = await readJsonObject(request);
    const verdicts = await verifyText(body.text);
    return jsonResponse({
      verdicts: verdicts.map((v) => ({
        status: v.status,
        message: v.message,
        ...(v.credential ? { credential: v.credential } : {}),
        ...(v.revokedAt ? { revokedAt: v.revokedAt.toISOString(), revokedReason: v.revokedReason ?? null } : {}),
        ...(v.problems ? { problems: v.problems } : {}),
      })),
    });
  });
}
