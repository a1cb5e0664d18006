/** server/document.ts: Accept-Encoding negotiation and the one-call send of a rendered document. */
import { type Server, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPRESS_THRESHOLD, compress, negotiateEncoding, sendDocument } from "../../server/document";

describe("negotiateEncoding", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["identity", null],
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["deflate", "deflate"],
    ["br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip;q=1, br;q=0.9", "gzip"],
    ["gzip ; q=0.5, deflate;q=0.6", "deflate"],
    ["*", "br"],
    ["*;q=0.5, br;q=0", "gzip"],
    ["gzip;q=0", null],
    ["zstd", null],
    [["gzip", "br"], "br"],
  ] as const)("%j -> %s", (header, expected) => {
    expect(negotiateEncoding(header as string | string[] | undefined)).toBe(expected);
  });

  it("never picks an encoding the header refuses with q=0", () => {
    const name = fc.constantFrom("br", "gzip", "deflate", "identity", "zstd", "*");
    const q = fc.option(fc.constantFrom("0", "0.0", "0.5", "1", "0.001"), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(name, q), { maxLength: 6 }), (parts) => {
        const header = parts.map(([n, v]) => (v === undefined ? n : `${n};q=${v}`)).join(", ");
        const chosen = negotiateEncoding(header);
        if (chosen === null) return;
        const explicit = parts.filter(([n]) => n === chosen);
        const stars = parts.filter(([n]) => n === "*");
        const qOf = (v: string | undefined) => (v === undefined ? 1 : Number(v));
        const value = explicit.length ? Math.max(...explicit.map(([, v]) => qOf(v))) : Math.max(...stars.map(([, v]) => qOf(v)));
        expect(value).toBeGreaterThan(0);
      }),
    );
  });
});

describe("sendDocument", () => {
  let server: Server;
  let url: string;
  let next: { body: Buffer; headers?: Record<string, string>; status?: number };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const response = new Response(null, { status: next.status ?? 200, headers: next.headers });
      sendDocument(req.headers["accept-encoding"], res, response, next.body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function get(accept?: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer; status: number }> {
    return new Promise((resolve, reject) => {
      httpRequest(url, { headers: accept ? { "accept-encoding": accept } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks), status: res.statusCode ?? 0 }));
      })
        .on("error", reject)
        .end();
    });
  }
  const big = Buffer.from(`<!DOCTYPE html><html><body>${"<p>Second Act, a page long enough to compress.</p>".repeat(60)}</body></html>`);

  it("compresses a large body once, with Vary and the compressed Content-Length, keeping status and headers", async () => {
    next = {
      body: big,
      status: 404,
      headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(big.length), "X-Test": "1" },
    };
    const gz = await get("gzip");
    expect(gz.status).toBe(404);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toBe("Accept-Encoding");
    expect(gz.headers["x-test"]).toBe("1");
    expect(Number(gz.headers["content-length"])).toBe(gz.body.length);
    expect(gunzipSync(gz.body).equals(big)).toBe(true);
    const br = await get("br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(big)).toBe(true);
    const plain = await get();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(plain.body.equals(big)).toBe(true);
  });

  it("leaves a body under the threshold, a no-transform response and an already encoded one as they are", async () => {
    const small = Buffer.from("x".repeat(COMPRESS_THRESHOLD - 1));
    next = { body: small, headers: { "Content-Type": "text/html" } };
    const r1 = await get("gzip, br");
    expect(r1.headers["content-encoding"]).toBeUndefined();
    expect(r1.headers.vary).toBe("Accept-Encoding");
    expect(r1.body.equals(small)).toBe(true);
    expect(Number(r1.headers["content-length"])).toBe(small.length);

    next = { body: big, headers: { "Content-Type": "text/html", "Cache-Control": "private, no-transform" } };
    const r2 = await get("gzip");
    expect(r2.headers["content-encoding"]).toBeUndefined();
    expect(r2.body.equals(big)).toBe(true);

    const pre = compress(big, "gzip");
    next = { body: pre, headers: { "Content-Type": "text/html", "Content-Encoding": "gzip" } };
    const r3 = await get("gzip");
    expect(r3.body.equals(pre)).toBe(true); // not compressed twice
  });

  it("merges Vary with one the page already set and keeps every Set-Cookie", async () => {
    const headers = new Headers({ "Content-Type": "text/html", Vary: "Cookie" });
    headers.append("Set-Cookie", "a=1; Path=/");
    headers.append("Set-Cookie", "b=2; Path=/");
    next = { body: big, headers: Object.fromEntries(headers) };
    server.removeAllListeners("request");
    server.on("request", (req, res) => sendDocument(req.headers["accept-encoding"], res, new Response(null, { headers }), big));
    const r = await get("gzip");
    expect(r.headers.vary).toBe("Cookie, Accept-Encoding");
    expect(r.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });
});
