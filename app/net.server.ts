/**
 * Where a request came from, judged by the TCP socket (never by headers a client can write).
 * Used to keep the development mail outbox (/dev/mail) to the machine itself.
 */
import type { IncomingHttpHeaders } from "node:http";

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Headers a reverse proxy or tunnel adds: their presence means the real client is elsewhere. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"] as const;

/**
 * A request made on this machine, straight to the server: a loopback socket and no proxy
 * forwarding headers. A proxy or tunnel on the same machine (nginx, ngrok, cloudflared) also
 * connects over loopback, but it announces the real client in one of these headers, so its
 * requests do not count as local. Headers can only take "local" away, never grant it.
 */
export function isDirectLocalRequest(remoteAddress: string | undefined | null, headers: IncomingHttpHeaders): boolean {
  if (!isLoopbackAddress(remoteAddress)) return false;
  return FORWARDING_HEADERS.every((h) => headers[h] === undefined);
}
