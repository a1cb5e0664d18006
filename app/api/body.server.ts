/** Reads a JSON object request body with a size cap; every failure is a 4xx problem, never a 500. */
import { BodyTooLargeError, BodyUnreadableError, DRAIN_LIMIT, readBodyCapped } from "~/body-limit.server";
import { ApiProblem } from "./problem.server";

export const MAX_BODY_BYTES = 1_000_000;

function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const type = header.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

function tooLarge(): ApiProblem {
  return new ApiProblem(413, "body-too-large", `The request body must be at most ${MAX_BODY_BYTES} bytes.`);
}

/** The body as UTF-8 text, at most MAX_BODY_BYTES, counted while it streams in (chunked too). */
async function readCapped(request: Request): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyCapped(request, MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw tooLarge();
    if (e instanceof BodyUnreadableError) throw new ApiProblem(400, "body-unreadable", "The request body could not be read.");
    throw e;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiProblem(400, "malformed-json", "The request body is not valid UTF-8.", { title: "Malformed JSON" });
  }
}

export interface JsonBody {
  /** The parsed object. */
  value: Record<string, unknown>;
  /** The raw text, as received. */
  text: string;
}

/** 415 for a non-JSON content type, 413 above 1 MB, 400 for malformed JSON or a non-object body. */
export async function readJsonObject(request: Request): Promise<JsonBody> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new ApiProblem(415, "unsupported-media-type", "Send the body as JSON with Content-Type: application/json.", {
      headers: { "Accept-Patch": "application/json", Accept: "application/json" },
    });
  }
  const text = await readCapped(request);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiProblem(400, "malformed-json", `The request body is not valid JSON: ${(e as Error).message.slice(0, 200)}`, {
      title: "Malformed JSON",
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiProblem(400, "body-not-object", "The request body must be a JSON object.", { title: "Invalid request" });
  }
  const bad = badText(value, "");
  if (bad !== null) {
    throw new ApiProblem(
      400,
      "invalid-text",
      `${bad || "The body"} contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored.`,
      {
        title: "Invalid text",
      },
    );
  }
  return { value: value as Record<string, unknown>, text };
}

/**
 * Reads and discards a body the handler did not consume (e.g. a 401 or 415 answered before
 * reading), so a client still sending gets the response rather than a connection reset.
 * Returns false when it stopped at DRAIN_LIMIT; the server then discards the rest for a bounded
 * time after the response and closes the connection (`lingerOnUnreadBody`, server/index.ts).
 */
export async function discardBody(request: Request): Promise<boolean> {
  const body = request.body;
  if (!body || body.locked || request.bodyUsed) return true;
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const result = await reader.read();
      if (result.done) return true;
      total += result.value.byteLength;
      if (total > DRAIN_LIMIT) return false;
    }
  } catch {
    return true;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) that PostgreSQL cannot store as text, or null. */
function badText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value) ? path : null;
  if (depth > 50 || value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes("\u0000") || LONE_SURROGATE.test(k)) return p;
    const inner = badText(v, p, depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}
