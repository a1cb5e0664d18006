/**
 * The key under which app/entry.server.tsx hangs a rendered document's whole body (a Buffer) on
 * the Response it returns, so that the HTTP server (server/document.ts) can compress and send it
 * in one call instead of reading it back through a web stream. `Symbol.for`: the server's copy of
 * this module (tsx, from source) and the build's copy (bundled by Vite) get the same symbol.
 * A server that does not know it just reads the body as usual.
 */
export const DOCUMENT_BODY: symbol = Symbol.for("second-act.document-body");
