/**
 * Rendered documents are compressed in one call by server/document.ts (decision 0030), not by the
 * `compression` middleware: the bytes must decode to the same page in every encoding, with
 * `Vary: Accept-Encoding`, a Content-Length of what is sent, HEAD without a body, and everything
 * else (static assets) still compressed by the middleware.
 */
import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../setup/server";

const base = await useTestServer();

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(path: string, headers: Record<string, string>, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const decode: Record<string, (b: Buffer) => Buffer> = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync };
/** The page with its per-response nonce and render time taken out (the rest is the same for one CSRF cookie). */
function page(r: Raw): string {
  const encoding = r.headers["content-encoding"] as string | undefined;
  const html = (encoding ? decode[encoding](r.body) : r.body).toString("utf8");
  const nonce = /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))?.[1];
  expect(nonce).toBeTruthy();
  return html
    .split(nonce!)
    .join("NONCE")
    .replace(/\\"now\\",\d+/g, "NOW");
}
const varyHasAcceptEncoding = (r: Raw) =>
  String(r.headers.vary ?? "")
    .split(",")
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v === "accept-encoding").length;

describe("document compression", () => {
  it("sends /about as br, gzip, deflate or identity, each decoding to the same page, with Vary and an exact Content-Length", async () => {
    const cookie = "__csrf=compressiontestsecret0123456789";
    const identity = await raw("/about", { cookie });
    expect(identity.status).toBe(200);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.length).toBeGreaterThan(1024);
    expect(Number(identity.headers["content-length"])).toBe(identity.body.length);
    expect(varyHasAcceptEncoding(identity)).toBe(1);
    const expected = page(identity);
    expect(expected).toContain("</html>");

    for (const [accept, encoding] of [
      ["gzip", "gzip"],
      ["br", "br"],
      ["deflate", "deflate"],
      ["gzip, deflate, br, zstd", "br"], // what Chromium sends: br preferred, as the middleware did
      ["gzip;q=1, br;q=0.5", "gzip"],
      ["*", "br"],
      ["br;q=0, *;q=0.1", "gzip"],
    ] as const) {
      const r = await raw("/about", { cookie, "accept-encoding": accept });
      expect(r.status, accept).toBe(200);
      expect(r.headers["content-encoding"], accept).toBe(encoding);
      expect(Number(r.headers["content-length"]), accept).toBe(r.body.length);
      expect(r.body.length, accept).toBeLessThan(identity.body.length / 2);
      expect(varyHasAcceptEncoding(r), accept).toBe(1);
      expect(r.headers["content-type"]).toMatch(/^text\/html/);
      expect(page(r), accept).toBe(expected);
    }

    for (const accept of ["identity", "gzip;q=0, br;q=0, deflate;q=0", "zstd"]) {
      const r = await raw("/about", { cookie, "accept-encoding": accept });
      expect(r.headers["content-encoding"], accept).toBeUndefined();
      expect(page(r), accept).toBe(expected);
    }
  });

  it("answers HEAD with the headers of the uncompressed page and no body", async () => {
    const get = await raw("/about", {});
    const head = await raw("/about", { "accept-encoding": "gzip, br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(varyHasAcceptEncoding(head)).toBe(1);
    expect(head.headers["content-type"]).toMatch(/^text\/html/);
    // Same length as the identity page (the nonce and CSRF token have fixed lengths).
    expect(Number(head.headers["content-length"])).toBe(get.body.length);
  });

  it("keeps the security headers and the CSRF cookie on a compressed document", async () => {
    const r = await raw("/about", { "accept-encoding": "gzip" });
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    const cookies = r.headers["set-cookie"] as string[];
    expect(cookies.filter((c) => c.startsWith("__csrf="))).toHaveLength(1);
  });

  it("compresses a 404 page like any document, and still compresses static assets through the middleware", async () => {
    const missing = await raw("/no-such-page-here", { "accept-encoding": "gzip" });
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBe("gzip");
    expect(page(missing)).toContain("</html>");

    const html = page(await raw("/about", {}));
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? /href="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const plain = await raw(script!, {});
    const asset = await raw(script!, { "accept-encoding": "gzip" });
    expect(asset.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(asset.headers["content-encoding"]).toBe("gzip");
    expect(varyHasAcceptEncoding(asset)).toBe(1);
    expect(gunzipSync(asset.body).equals(plain.body)).toBe(true);
  });
});
