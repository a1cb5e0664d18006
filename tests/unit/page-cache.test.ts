import { crc32, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cacheableKey,
  keyParts,
  crc32Combine,
  crc32Shift,
  fillTemplate,
  gzipTemplate,
  makeTemplate,
  templateBuffer,
} from "~/page-cache.server";

const N0 = "TEMPLATENONCE0000000000==";
const T0 = "TEMPLATETOKEN_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

describe("page templates", () => {
  it("cut out the values and fill in others; gzip output inflates to the same text (property)", () => {
    const piece = fc.oneof(fc.string({ maxLength: 300 }), fc.constant(N0), fc.constant(T0), fc.string({ unit: "grapheme", maxLength: 40 }));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.base64String({ minLength: 4, maxLength: 40 }),
        fc.string({ maxLength: 50 }),
        (pieces, nonce, csrf) => {
          const body = `${N0}${pieces.join("")}`; // a template needs the nonce at least once
          const t = makeTemplate(body, { nonce: N0, csrf: T0 }, [["content-type", "text/html"]]);
          expect(t).not.toBeNull();
          const want = body.split(N0).join("\u0000N").split(T0).join(csrf).split("\u0000N").join(nonce);
          expect(fillTemplate(t!, { nonce, csrf })).toBe(want);
          expect(templateBuffer(t!, { nonce, csrf }).toString("utf8")).toBe(want);
          expect(gunzipSync(gzipTemplate(t!, { nonce, csrf })).toString("utf8")).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a page without the nonce", () => {
    expect(makeTemplate("<html>no scripts</html>", { nonce: N0, csrf: T0 }, [])).toBeNull();
  });

  it("compresses a large page", () => {
    const body = `<script nonce="${N0}"></script>${"<p>Gig description, with repeated words. </p>".repeat(2000)}${T0}`;
    const t = makeTemplate(body, { nonce: N0, csrf: T0 }, [])!;
    const gz = gzipTemplate(t, { nonce: "n", csrf: "c" });
    expect(gz.length).toBeLessThan(body.length / 10);
    expect(gunzipSync(gz).toString()).toBe(body.replace(N0, "n").replace(T0, "c"));
  });
});

describe("CRC-32 of a concatenation from its parts' CRCs", () => {
  it("equals the CRC of the joined bytes, for any parts including empty ones (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 70_000 }), (a, b) => {
        const joined = crc32(Buffer.concat([a, b]));
        expect(crc32Combine(crc32(a), crc32(b), crc32Shift(b.length))).toBe(joined);
      }),
      { numRuns: 300 },
    );
  });

  it("a known value: 'hello ' + 'world'", () => {
    const [a, b] = [Buffer.from("hello "), Buffer.from("world")];
    expect(crc32Combine(crc32(a), crc32(b), crc32Shift(b.length))).toBe(crc32(Buffer.from("hello world")));
    expect(crc32(Buffer.from("hello world"))).toBe(0x0d4a1185);
  });
});

describe("cacheableKey", () => {
  it("takes only anonymous GET /gigs/<id> without a query", () => {
    expect(cacheableKey("GET", "/gigs/gig_1", undefined)).toBe("/gigs/gig_1");
    expect(cacheableKey("GET", "/gigs/gig_1", "__csrf=abc")).toBe("/gigs/gig_1");
    expect(cacheableKey("GET", "/gigs/gig_1", "__csrf=abc; ")).toBe("/gigs/gig_1");
    for (const [m, url, cookie] of [
      ["POST", "/gigs/gig_1", undefined],
      ["HEAD", "/gigs/gig_1", undefined],
      ["GET", "/gigs/gig_1?x=1", undefined],
      ["GET", "/gigs/gig_1/", undefined],
      ["GET", "/gigs/gig_1.data", undefined],
      ["GET", "/gigs/gig%201", undefined],
      ["GET", "/gigs", undefined],
      ["GET", "/gigs/gig_1/edit", undefined],
      ["GET", "/gigs/gig_1", "sa_session=x"],
      ["GET", "/gigs/gig_1", "__csrf=abc; sa_session=x"],
      ["GET", "/gigs/gig_1", "other=1"],
      ["GET", "/gigs/gig_1", "garbage"],
      ["GET", "/gigs/gig_1", "sa_tz=Europe%2FParis; sa_tz=Asia%2FTokyo"],
      ["GET", "/gigs/gig_1", "sa_tz=Europe%2FParis; sa_session=x"],
    ] as const) {
      expect(cacheableKey(m, url, cookie)).toBeNull();
    }
  });

  it("keys each time zone a browser reports as its own page; an unknown or unreadable zone is the default page", () => {
    const paris = cacheableKey("GET", "/gigs/gig_1", "__csrf=abc; sa_tz=Europe%2FParis");
    expect(paris).toBe("/gigs/gig_1\u0000Europe/Paris");
    expect(keyParts(paris!)).toEqual({ path: "/gigs/gig_1", zone: "Europe/Paris" });
    expect(cacheableKey("GET", "/gigs/gig_1", "sa_tz=UTC")).toBe("/gigs/gig_1\u0000UTC"); // says "from your browser"
    for (const bad of ["sa_tz=Not%2FAZone", "sa_tz=", "sa_tz=%E0%A4%A"])
      expect(cacheableKey("GET", "/gigs/gig_1", bad)).toBe("/gigs/gig_1");
    expect(keyParts("/gigs/gig_1")).toEqual({ path: "/gigs/gig_1", zone: null });
  });
});
