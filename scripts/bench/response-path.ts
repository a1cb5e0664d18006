/**
 * The response path alone (decision 0030): an Express server that answers every request with the
 * same ~20 KB HTML document already in memory, sent either the old way (the `compression`
 * middleware + Remix's web stream -> Express copy) or the new way (server/document.ts: one
 * compression call, one write). No React, no routing: measure it with cpu-per-request.ts.
 *
 *   node --import tsx scripts/bench/response-path.ts <old|new> <port> [html-file]
 *   npx tsx scripts/bench/cpu-per-request.ts <pid> http://127.0.0.1:<port>/ 3000 16 --runs 3
 */
import { readFileSync } from "node:fs";
import { constants as zlibConstants } from "node:zlib";
import { sendRemixResponse } from "@remix-run/express/dist/server.js";
import compression from "compression";
import express from "express";
import { sendDocument } from "../../server/document";

const [mode = "new", port = "3259", file] = process.argv.slice(2);
const html = file
  ? readFileSync(file)
  : Buffer.from(`<!DOCTYPE html><html><body>${'<p class="x">Second Act page text, a line of it.</p>'.repeat(400)}</body></html>`);
const app = express();
if (mode === "old") app.use(compression({ level: 1, threshold: 1024, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } } }));
app.get("*", (req, res, next) => {
  const body = Buffer.from(html); // a fresh buffer per request, as a render makes
  const response = new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(body.length) } });
  if (mode === "old") sendRemixResponse(res, response).catch(next);
  else sendDocument(req.headers["accept-encoding"], res, response, body);
});
app.listen(Number(port), "127.0.0.1", () =>
  console.log(`${mode} response path on http://127.0.0.1:${port}/ (${html.length} bytes, pid ${process.pid})`),
);
