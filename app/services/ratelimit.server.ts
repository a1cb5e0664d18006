/**
 * Fixed-window rate limits kept in PostgreSQL, so they hold across app instances.
 * `hit` counts one attempt and says whether it is still within the limit.
 */
import { db } from "~/db.server";
import { env } from "~/env.server";

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

export interface LimitResult {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export async function hit(limit: Limit): Promise<LimitResult> {
  if (env().RATE_LIMIT_DISABLED) return { ok: true, remaining: limit.max, retryAfterSeconds: 0 };
  const rows = await db().$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${limit.key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" < now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" < now() THEN EXCLUDED."resetAt" ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const { count, resetAt } = rows[0];
  return {
    ok: count <= limit.max,
    remaining: Math.max(0, limit.max - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
  };
}

export async function clear(key: string) {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}

export function retryMessage(seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}
