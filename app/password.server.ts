import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: m=19 MiB, t=2, p=1 (~50 ms per hash on this machine).
export const PASSWORD_HASH_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Test runs only (`PASSWORD_HASH_COST=test`, set by vite.config.ts; ignored when NODE_ENV is
 * "production"): argon2id at its lowest cost, about 40x cheaper. The suite signs up and logs in
 * thousands of times and none of its checks is about the hash's cost; verifying reads the cost
 * from each stored hash, so either kind of hash verifies (decision 0031).
 */
const TEST_OPTIONS = { ...PASSWORD_HASH_OPTIONS, memoryCost: 1024, timeCost: 1 } as const;

export const passwordHashOptions = (env: Record<string, string | undefined> = process.env) =>
  env.PASSWORD_HASH_COST === "test" && env.NODE_ENV !== "production" ? TEST_OPTIONS : PASSWORD_HASH_OPTIONS;

export const hashPassword = (password: string) => hash(password, passwordHashOptions());

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of a random password: verified against for unknown emails so timing matches. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => {
  dummy ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummy;
};
