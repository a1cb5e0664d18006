/**
 * A lab's logo, from PostgreSQL (LabLogo). Public, like the lab's page. Served with the type its
 * bytes were checked to be (PNG, JPEG or WebP; never SVG), nosniff, a CSP that forbids anything
 * active, and caching: a URL carrying the image's version (`?v=`, see labLogoUrl) is immutable for
 * a year; without it, a short max-age with an ETag.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { LOGO_TYPES, type LogoType } from "~/domain/lab-profile";
import { getLabLogo } from "~/services/lab-profile.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const logo = await getLabLogo(params.slug ?? "");
  if (!logo || !LOGO_TYPES.includes(logo.contentType as LogoType)) {
    return new Response("This lab has no logo.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" },
    });
  }
  const etag = `"${logo.sha256.slice(0, 32)}"`;
  const version = new URL(request.url).searchParams.get("v");
  const immutable = version !== null && logo.sha256.startsWith(version) && version.length >= 8;
  const headers = {
    "Content-Type": logo.contentType,
    // X-Content-Type-Options: nosniff comes with every response (securityHeaders, server/index.ts).
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": "inline",
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(logo.bytes, { status: 200, headers: { ...headers, "Content-Length": String(logo.bytes.byteLength) } });
}
