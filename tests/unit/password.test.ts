/**
 * Password hashing cost: production always hashes with OWASP's argon2id baseline; the cheaper
 * cost the test suite uses (PASSWORD_HASH_COST=test, decision 0031) is never used in production,
 * and hashes of either cost verify.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { hashPassword, passwordHashOptions, verifyPassword } from "~/password.server";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("password hashing cost", () => {
  it("is OWASP's argon2id baseline (m=19 MiB, t=2, p=1) unless a test run asks for less", () => {
    const owasp = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
    expect(passwordHashOptions({})).toEqual(owasp);
    expect(passwordHashOptions({ NODE_ENV: "development" })).toEqual(owasp);
    expect(passwordHashOptions({ PASSWORD_HASH_COST: "low" })).toEqual(owasp);
    // Never in production, even when the variable leaks into its environment.
    expect(passwordHashOptions({ NODE_ENV: "production", PASSWORD_HASH_COST: "test" })).toEqual(owasp);
    expect(passwordHashOptions({ NODE_ENV: "test", PASSWORD_HASH_COST: "test" }).memoryCost).toBeLessThan(owasp.memoryCost);
  });

  it("a production hash carries the baseline parameters, and hashes of both costs verify", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const strong = await hashPassword("correct horse battery");
    expect(strong).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("PASSWORD_HASH_COST", "test");
    const cheap = await hashPassword("correct horse battery");
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    for (const h of [strong, cheap]) {
      expect(await verifyPassword(h, "correct horse battery")).toBe(true);
      expect(await verifyPassword(h, "correct horse batterY")).toBe(false);
    }
  });
});
