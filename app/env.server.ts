/**
 * All configuration, parsed once with zod. A wrong or missing value stops start-up with a
 * one-line message naming the variable (see `loadEnv`). Documented in README.md.
 */
import { z } from "zod";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // Whether this is a deployment others reach (Secure cookies, a real SESSION_SECRET, no
    // development mailbox) or a local run. Unset: follows NODE_ENV. `npm start` sets NODE_ENV=production
    // (React's production build) with APP_ENV=local unless the operator set NODE_ENV.
    APP_ENV: z.enum(["local", "production"]).optional(),
    PORT: int(1, 65535).default(3000),
    // Loopback by default: exposing the site is a deliberate HOST=0.0.0.0 (README, "Security").
    HOST: z.string().min(1).default("127.0.0.1"),
    // Web worker processes (node:cluster) sharing PORT; 1 = one process. Set it to the number of
    // cores to use them all (docs/decisions/0015-process-model-and-request-cost.md).
    WEB_WORKERS: int(1, 64).default(1),
    // The site's public origin: the only base for links in emails (never the request's Host).
    APP_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://secondact.example.org" })
      .refine(
        (u) => /^https?:\/\/[^/?#]+\/?$/i.test(u),
        "must be the site's origin only (scheme, host and port), such as https://secondact.example.org",
      )
      .transform((u) => new URL(u).origin)
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    PG_PORT: int(1024, 65535).default(5433),
    SEED: z.enum(["demo", "none"]).default("demo"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SESSION_TTL_DAYS: int(1, 365).default(14),
    SEARCH_ENGINE: z.enum(["embedded", "meilisearch"]).optional(),
    MEILI_HOST: z.url().optional(),
    MEILI_API_KEY: z.string().optional(),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,40}$/, "may only use letters, digits, _ and - (at most 40)")
      .default(""),
    MEILI_PORT: int(1024, 65535).default(7700),
    PAY_FLOOR_CENTS_PER_HOUR: int(0, 1_000_000).default(1500),
    OUTBOX_POLL_MS: int(50, 60_000).default(500),
    SLA_REMINDER_INTERVAL_SECONDS: int(0, 86_400).default(600),
    // Lab webhooks: how often the worker looks for due deliveries (0 = off: the tests call it) and
    // how long one delivery may take.
    WEBHOOK_DELIVERY_INTERVAL_MS: int(0, 3_600_000).default(1000),
    WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(5000),
    RATE_LIMIT_DISABLED: bool.default(false),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (isProduction(env) && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    if (isProduction(env) && !env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message:
          "is required in production (the site's public origin, used for links in emails), e.g. APP_URL=https://secondact.example.org",
      });
    }
    if (env.SEARCH_ENGINE === "embedded" && env.MEILI_HOST) {
      ctx.addIssue({ code: "custom", path: ["SEARCH_ENGINE"], message: "is embedded but MEILI_HOST is set; unset one of them" });
    }
    if (env.MEILI_API_KEY && !env.MEILI_HOST && env.SEARCH_ENGINE !== "meilisearch") {
      ctx.addIssue({ code: "custom", path: ["MEILI_HOST"], message: "must be set when MEILI_API_KEY is set" });
    }
  });

/** A deployment others reach: APP_ENV when set, else NODE_ENV=production. */
function isProduction(e: { APP_ENV?: "local" | "production"; NODE_ENV: string }): boolean {
  return e.APP_ENV ? e.APP_ENV === "production" : e.NODE_ENV === "production";
}

export type Env = z.infer<typeof envSchema> & {
  SESSION_SECRET: string;
  /** A deployment others reach (see APP_ENV): Secure cookies, required secrets, no dev mailbox. */
  production: boolean;
};

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, so `PORT= npm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? "configuration");
    const got = cleaned[name] !== undefined ? ` (got "${String(cleaned[name]).slice(0, 60)}")` : "";
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${got}`);
  }
  return {
    ...result.data,
    production: isProduction(result.data),
    // Development default: fine for a laptop, refused in production above.
    SESSION_SECRET: result.data.SESSION_SECRET ?? "dev-only-secret-change-me-0123456789abcdef",
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
