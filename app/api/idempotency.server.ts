/**
 * Idempotency-Key support for POST requests.
 *
 * The record is claimed with INSERT .. ON CONFLICT DO NOTHING inside the same transaction as the
 * work, so the unique (scope, key) index serialises concurrent retries: a second request with
 * the same key waits for the first transaction, then finds the committed record and replays it.
 * If the first transaction fails, its claim disappears with it and the next retry does the work.
 * Only successful responses are stored; a rejected request (400) can be retried with the key.
 */
import { createHash } from "node:crypto";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { ApiProblem, jsonResponse } from "./problem.server";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The key from the header, or null when absent; 400 problem when malformed. */
export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiProblem(400, "invalid-idempotency-key", "Idempotency-Key must be 1 to 200 visible ASCII characters.", {
      title: "Invalid request",
      errors: [{ path: "Idempotency-Key", message: "Use 1 to 200 visible ASCII characters, e.g. a UUID." }],
    });
  }
  return key;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest("hex");
}

export interface StoredResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Runs `work` in one transaction: a write without an Idempotency-Key (same work, nothing stored for replays). */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(work);
}

/**
 * Runs `work` at most once per (scope, key). `work` runs inside the transaction and returns the
 * response to store; replays get the same status and body with `Idempotent-Replayed: true`.
 */
export async function idempotent(
  opts: { scope: string; key: string; hash: string; replayHeaders?: (body: unknown) => Record<string, string> },
  work: (tx: Tx) => Promise<StoredResponse>,
): Promise<Response> {
  const outcome = await db().$transaction(
    async (tx): Promise<{ replay: boolean; status: number; body: unknown; headers?: Record<string, string> }> => {
      const claimed = await tx.idempotencyRecord.createMany({
        data: [{ scope: opts.scope, key: opts.key, requestHash: opts.hash, responseStatus: 0, responseBody: {} }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) {
        const existing = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope: opts.scope, key: opts.key } } });
        if (!existing || existing.responseStatus === 0) {
          throw new ApiProblem(
            409,
            "idempotency-in-progress",
            "A request with this Idempotency-Key is still being processed. Retry shortly.",
          );
        }
        if (existing.requestHash !== opts.hash) {
          throw new ApiProblem(
            422,
            "idempotency-key-reused",
            "This Idempotency-Key was already used with a different request body. Use a new key for a new request.",
            {
              title: "Idempotency key reused",
            },
          );
        }
        return { replay: true, status: existing.responseStatus, body: existing.responseBody };
      }
      const result = await work(tx);
      await tx.idempotencyRecord.update({
        where: { scope_key: { scope: opts.scope, key: opts.key } },
        data: { responseStatus: result.status, responseBody: result.body as Prisma.InputJsonValue },
      });
      return { replay: false, ...result };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  if (outcome.replay) {
    return jsonResponse(outcome.body, outcome.status, { ...(opts.replayHeaders?.(outcome.body) ?? {}), "Idempotent-Replayed": "true" });
  }
  return jsonResponse(outcome.body, outcome.status, outcome.headers);
}
