/**
 * Express request -> web Request and web Response -> Express response, as @remix-run/express 2.17
 * does (its package exports only the whole handler; server/index.ts needs the two halves to send
 * rendered documents its own way, decision 0030). Kept line for line in behaviour: the URL from
 * `req.hostname` (honours "trust proxy") with the port of X-Forwarded-Host or Host, the body as a
 * stream for anything but GET/HEAD, loaders aborted when the client goes away before the answer.
 */
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@remix-run/node";
import type express from "express";

function portOf(host: string | undefined): number | "" {
  const port = Number.parseInt(host?.split(":")[1] ?? "", 10);
  return Number.isSafeInteger(port) ? port : "";
}

export function createRemixRequest(req: express.Request, res: express.Response): Request {
  const port = portOf(req.get("X-Forwarded-Host")) || portOf(req.get("host"));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // `finish`: answered; `close` without `finish`: the client left, stop the loaders.
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

export async function sendRemixResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
