/**
 * Reads a request body with a byte limit that is enforced while the body streams in, so a body
 * without Content-Length (chunked) cannot make the server buffer more than the limit. Used by
 * every body reader: browser forms (`readForm`, app/http.server.ts; the multipart credit import
 * goes through it too) and the JSON API (`readJsonObject`, app/api/body.server.ts).
 */

/**
 * Past the limit, up to this many bytes in total are read and discarded before answering, so
 * that a client still sending an oversized but finite body receives the 413 on a connection it
 * can keep using. Beyond it the 413 goes out at once; the server then discards what is still
 * coming for a bounded time and closes the connection (`lingerOnUnreadBody`, server/index.ts).
 * Discarded bytes are not kept, so this costs time on the wire, not memory.
 */
export const DRAIN_LIMIT = 8_000_000;

export class BodyTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

export class BodyUnreadableError extends Error {}

/** "1 MB", "3 MB": the limit in the words of a 413 message. */
export function describeLimit(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 100_000) / 10} MB` : `${Math.round(bytes / 1000)} KB`;
}

async function refuseOversized(reader: ReadableStreamDefaultReader<Uint8Array>, seen: number, limit: number): Promise<never> {
  let total = seen;
  while (total <= DRAIN_LIMIT) {
    const result = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (result.done) break;
    total += result.value.byteLength;
  }
  throw new BodyTooLargeError(limit);
}

/**
 * The whole body as bytes, at most `limit` of them. Throws BodyTooLargeError as soon as the
 * declared length or the bytes received so far exceed the limit (nothing is parsed), and
 * BodyUnreadableError when the stream fails.
 */
export async function readBodyCapped(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > DRAIN_LIMIT) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  if (declared > limit) return refuseOversized(reader, 0, limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      throw new BodyUnreadableError("The request body could not be read.");
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > limit) return refuseOversized(reader, total, limit);
    chunks.push(result.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
