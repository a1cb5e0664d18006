import { createContext, useContext } from "react";

/** Per-request values the Express server passes to loaders and actions. */
export interface RequestContext {
  nonce: string;
  /** Random per-browser secret from the httpOnly __csrf cookie; forms carry its HMAC. */
  csrfSecret: string;
  ip: string;
  requestId: string;
  /**
   * The request came straight from this machine: a loopback socket and no proxy forwarding
   * headers (app/net.server.ts). Only such requests may read the development mail outbox.
   */
  directLocal: boolean;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}

export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
