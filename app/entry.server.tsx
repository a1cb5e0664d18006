import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./context";
import { DOCUMENT_BODY } from "./document-body";

export { flushSearch, runtimeStatus, startRuntime, stopRuntime } from "./runtime.server";
export { setServerOrigin } from "./services/mail.server";

const ABORT_DELAY = 5_000;

/**
 * Renders the document once everything (every Suspense boundary, including the single-fetch
 * data scripts) is ready, as before, but collects it into ONE buffer sent with a Content-Length
 * instead of piping React's ~2 KB chunks through a Node stream, a web stream and the compression
 * stream one by one (each chunk was a zlib call and several stream hops: docs/perf/README.md).
 * React writes into a plain collector (all React's `pipe` needs: write, end, on), not a Node
 * Writable, and the buffer is also hung on the Response under DOCUMENT_BODY so that the server
 * (server/document.ts) compresses and sends it in one call without reading the web stream back
 * (decision 0030). Nothing here streams progressively (no `defer`/`<Await>` in the app).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.nonce} />
      </NonceContext.Provider>,
      {
        nonce: loadContext.nonce,
        onAllReady() {
          const chunks: Uint8Array[] = [];
          const sink = {
            write(chunk: Uint8Array) {
              chunks.push(chunk);
              return true;
            },
            end() {
              clearTimeout(timer);
              const body = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(body.length));
              // A Buffer is a Uint8Array (a valid body); the cast only bridges @types/node and lib.dom.
              const response = new Response(body as unknown as ArrayBuffer, { headers: responseHeaders, status });
              (response as unknown as Record<symbol, Buffer>)[DOCUMENT_BODY] = body;
              resolve(response);
            },
            // React listens for drain/error/close on a Node stream; a memory sink has none of them.
            on() {
              return sink;
            },
          };
          pipe(sink as unknown as NodeJS.WritableStream);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
