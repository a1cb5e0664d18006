import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAB_DESCRIPTION_MAX, labLogoUrl, labProfileSchema, readWebsite, sniffLogoType } from "~/domain/lab-profile";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("logo type by magic bytes", () => {
  it("knows PNG, JPEG and WebP by their signatures, nothing else", () => {
    expect(sniffLogoType(bytes(PNG))).toBe("image/png");
    expect(sniffLogoType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
    expect(sniffLogoType(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ", [0, 0, 0, 0]))).toBe("image/webp");
    expect(sniffLogoType(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffLogoType(bytes("<?xml version='1.0'?><svg/>"))).toBeNull();
    expect(sniffLogoType(bytes("GIF89a", [1, 0, 1, 0]))).toBeNull();
    expect(sniffLogoType(bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ", [0, 0, 0, 0]))).toBeNull();
    expect(sniffLogoType(bytes([0x89, 0x50, 0x4e]))).toBeNull();
    expect(sniffLogoType(new Uint8Array(0))).toBeNull();
  });

  it("property: never throws; anything accepted starts with its signature", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const t = sniffLogoType(b);
        if (t === "image/png") expect(b[0]).toBe(0x89);
        if (t === "image/jpeg") expect([b[0], b[1]]).toEqual([0xff, 0xd8]);
        if (t === "image/webp") expect(String.fromCharCode(...b.subarray(8, 12))).toBe("WEBP");
      }),
    );
  });
});

describe("website", () => {
  const prod = { allowLocalHttp: false };
  const dev = { allowLocalHttp: true };
  it("https only; what people type is read as https; http only for localhost in development", () => {
    expect(readWebsite("https://lumen.example/about", prod)).toEqual({ ok: true, url: "https://lumen.example/about" });
    expect(readWebsite("lumen.example", prod)).toEqual({ ok: true, url: "https://lumen.example/" });
    expect(readWebsite("  ", prod)).toEqual({ ok: true, url: "" });
    expect(readWebsite("http://lumen.example", prod).ok).toBe(false);
    expect(readWebsite("http://lumen.example", dev).ok).toBe(false);
    expect(readWebsite("http://localhost:3000", dev)).toEqual({ ok: true, url: "http://localhost:3000/" });
    expect(readWebsite("http://localhost:3000", prod).ok).toBe(false);
    expect(readWebsite("https://localhost", prod).ok).toBe(false);
    expect(readWebsite("javascript:alert(1)", dev).ok).toBe(false);
    expect(readWebsite("data:text/html,hi", dev).ok).toBe(false);
    expect(readWebsite("ftp://lumen.example", dev).ok).toBe(false);
    expect(readWebsite("https://user:pw@lumen.example", prod).ok).toBe(false);
    expect(readWebsite("https://intranet", prod).ok).toBe(false);
  });

  it("property: whatever is stored is an https URL (or http to localhost in development)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl()), fc.boolean(), (input, allowLocalHttp) => {
        const r = readWebsite(input, { allowLocalHttp });
        if (r.ok && r.url) {
          const url = new URL(r.url);
          expect(
            url.protocol === "https:" ||
              (allowLocalHttp && url.protocol === "http:" && url.hostname === "localhost") ||
              (allowLocalHttp && url.protocol === "http:"),
          ).toBe(true);
          if (url.protocol === "http:") expect(["localhost", "127.0.0.1", "[::1]"]).toContain(url.hostname);
        }
      }),
    );
  });
});

describe("settings form", () => {
  it("keeps plain text, limits its length and reads the website", () => {
    const schema = labProfileSchema({ allowLocalHttp: false });
    expect(schema.parse({ description: " We build <b>tools</b>.\r\nLine two. ", website: "lumen.example" })).toEqual({
      description: "We build <b>tools</b>.\nLine two.",
      website: "https://lumen.example/",
    });
    const long = schema.safeParse({ description: "x".repeat(LAB_DESCRIPTION_MAX + 1), website: "" });
    expect(long.success).toBe(false);
    const http = schema.safeParse({ description: "", website: "http://lumen.example" });
    expect(http.success ? null : http.error.issues[0]?.path).toEqual(["website"]);
  });

  it("logo URLs are versioned by the image hash", () => {
    expect(labLogoUrl("lumen-foundry", "ab".repeat(32))).toBe(`/labs/lumen-foundry/logo?v=${"ab".repeat(8)}`);
    expect(labLogoUrl("lumen-foundry", null)).toBeNull();
  });
});
