/**
 * How a lab describes itself to professionals: a plain-text description, a website and a logo.
 * Pure: the zod schema for the settings form, the website rule, and the logo's type read from its
 * first bytes (magic numbers), never from the name or the Content-Type the browser claimed.
 */
import { z } from "zod";

export const LAB_DESCRIPTION_MAX = 1000;
export const LAB_WEBSITE_MAX = 300;
/** The largest logo accepted (bytes). The settings form's body limit is this plus room for the other fields. */
export const LOGO_MAX_BYTES = 512_000;
/** Room for the description, website, CSRF token and multipart framing around the logo. */
export const LAB_SETTINGS_BODY_MAX = LOGO_MAX_BYTES + 32_000;

export type LogoType = "image/png" | "image/jpeg" | "image/webp";
export const LOGO_TYPES: readonly LogoType[] = ["image/png", "image/jpeg", "image/webp"];

/**
 * The image type the bytes really are, by their signature: PNG (89 50 4E 47 0D 0A 1A 0A), JPEG
 * (FF D8 FF), WebP ("RIFF" size "WEBP"). Anything else (SVG, GIF, HTML, a renamed file) is null.
 */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return "image/png";
  if (bytes.length >= 4 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 16 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A lab's website as typed ("example.org", "https://example.org/about") -> the URL stored, or an
 * error. HTTPS only; plain HTTP only for a local address while developing. No credentials in the URL.
 */
export function readWebsite(input: string, opts: { allowLocalHttp: boolean }): { ok: true; url: string } | { ok: false; message: string } {
  const typed = input.trim();
  if (typed === "") return { ok: true, url: "" };
  if (typed.length > LAB_WEBSITE_MAX) return { ok: false, message: `Use at most ${LAB_WEBSITE_MAX} characters.` };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: "Enter a web address such as https://example.org." };
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol === "http:" && !(local && opts.allowLocalHttp))
    return { ok: false, message: "Use an https:// address (plain http is not accepted)." };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Use an https:// address." };
  if (url.username || url.password) return { ok: false, message: "Leave the user name and password out of the address." };
  if (!url.hostname.includes(".") && !local) return { ok: false, message: "Enter a full domain name, such as example.org." };
  if (local && !opts.allowLocalHttp) return { ok: false, message: "Use the lab's public address, not a local one." };
  return { ok: true, url: url.href };
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The settings form (description, website; the logo file is checked separately by its bytes). */
export function labProfileSchema(opts: { allowLocalHttp: boolean }) {
  return z.object({
    description: z.preprocess(
      (v) => text(v).replace(/\r\n/g, "\n").trim(),
      z.string().max(LAB_DESCRIPTION_MAX, `Use at most ${LAB_DESCRIPTION_MAX} characters (plain text).`),
    ),
    website: z.preprocess(text, z.string()).transform((v, ctx) => {
      const r = readWebsite(v, opts);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.message });
        return z.NEVER;
      }
      return r.url;
    }),
    removeLogo: z.enum(["on"]).optional(),
  });
}

/** The logo URL pages use: versioned by the image's hash, so it can be cached for a year. */
export function labLogoUrl(slug: string, sha256: string | null | undefined): string | null {
  return sha256 ? `/labs/${encodeURIComponent(slug)}/logo?v=${sha256.slice(0, 16)}` : null;
}
