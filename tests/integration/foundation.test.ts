import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { listMigrations } from "../../scripts/lib/migrate";
import { useTestServer } from "../setup/server";

const base = await useTestServer();

describe("foundation", () => {
  it("serves /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("reports the database as ready on /readyz", async () => {
    const res = await fetch(`${base}/readyz`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.checks.database.ok).toBe(true);
  });

  it("serves the home page with security headers and a CSRF cookie", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("set-cookie")).toMatch(/__csrf=.*HttpOnly; SameSite=Lax/);
  });

  it("applied every migration with Prisma-compatible bookkeeping", async () => {
    const { db } = await import("~/db.server");
    const rows = await db().$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(listMigrations().map((m) => [m.name, m.checksum]));
  });
});

describe("configuration", () => {
  it("names the variable in a one-line error", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/^Invalid configuration: PORT .*"abc"/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql/);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
  });
  it("separates React's production build (NODE_ENV) from a deployment others reach (APP_ENV)", () => {
    // What `npm start` runs: production build, local run (no secret needed, plain-HTTP cookies).
    expect(parseEnv({ NODE_ENV: "production", APP_ENV: "local" }).production).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), APP_URL: "https://sa.example" }).production).toBe(true);
    expect(() => parseEnv({ APP_ENV: "production", SESSION_SECRET: "x".repeat(32) })).toThrow(/APP_URL is required in production/);
    expect(() => parseEnv({ NODE_ENV: "development", APP_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
    expect(parseEnv({}).production).toBe(false);
    expect(() => parseEnv({ APP_ENV: "staging" })).toThrow(/^Invalid configuration: APP_ENV/);
  });
  it("uses defaults for unset and empty values", () => {
    const env = parseEnv({ PORT: "" });
    expect(env.PORT).toBe(3000);
    expect(env.PG_PORT).toBe(5433);
  });
});
