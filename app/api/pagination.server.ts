/**
 * Keyset pagination ordered by (createdAt desc, id desc). The cursor is opaque to clients:
 * base64url of the last row's position, so new rows never shift pages or cause duplicates.
 */
import { z } from "zod";
import { ApiProblem } from "./problem.server";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface Position {
  createdAt: Date;
  id: string;
}

const cursorSchema = z.object({ t: z.iso.datetime(), i: z.string().min(1).max(100) }).strict();

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify({ t: p.createdAt.toISOString(), i: p.id }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): Position | null {
  if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const createdAt = new Date(parsed.data.t);
    const year = createdAt.getUTCFullYear();
    if (Number.isNaN(createdAt.getTime()) || year < 1900 || year > 2200) return null;
    return { createdAt, id: parsed.data.i };
  } catch {
    return null;
  }
}

export interface PageParams {
  limit: number;
  after: Position | null;
}

/** Reads `limit` (1..100, default 20) and `cursor`; 400 problem on bad values. */
export function readPageParams(url: URL): PageParams {
  const errors: { path: string; message: string }[] = [];
  let limit = DEFAULT_LIMIT;
  const rawLimit = url.searchParams.get("limit");
  if (rawLimit !== null) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      errors.push({ path: "limit", message: `limit must be a whole number from 1 to ${MAX_LIMIT}.` });
    } else {
      limit = Number(rawLimit);
    }
  }
  let after: Position | null = null;
  const rawCursor = url.searchParams.get("cursor");
  if (rawCursor !== null && rawCursor !== "") {
    after = decodeCursor(rawCursor);
    if (!after) errors.push({ path: "cursor", message: "cursor is not one this API returned; start again without it." });
  }
  if (errors.length) throw new ApiProblem(400, "invalid-query", "The query parameters are invalid.", { title: "Invalid request", errors });
  return { limit, after };
}

/** The Prisma `where` fragment selecting rows after the cursor in (createdAt desc, id desc) order. */
export function afterWhere(after: Position | null) {
  if (!after) return {};
  return {
    OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
  };
}

export const PAGE_ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch `limit + 1` rows, then call this: it trims the extra row and computes nextCursor. */
export function page<T extends Position, U>(rows: T[], limit: number, map: (row: T) => U): { data: U[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { data: kept.map(map), nextCursor: more ? encodeCursor(kept[kept.length - 1]) : null };
}
