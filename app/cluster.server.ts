/**
 * Messages between the web workers of one server. With WEB_WORKERS > 1 the server runs as
 * node:cluster workers (server/cluster.ts); what each worker keeps in memory and must hear
 * about from the others goes through here: the anonymous page cache's invalidations and, with the
 * embedded search engine, the entities another worker drained from the outbox
 * (docs/decisions/0015-process-model-and-request-cost.md). The primary relays every message to
 * every other worker. In a single process these are no-ops.
 *
 * The process-wide registry lives on globalThis: the server script and the Remix build are two
 * module graphs in one process and both may register.
 */
const MESSAGE = "second-act:peer";

interface PeerMessage {
  type: typeof MESSAGE;
  topic: string;
  payload: unknown;
}

const g = globalThis as unknown as { __secondActPeers?: Map<string, (payload: unknown) => void> };

/** This process is one of several web workers (server/cluster.ts sets SECOND_ACT_WORKER_ID). */
export function isClusterWorker(): boolean {
  return typeof process.send === "function" && Boolean(process.env.SECOND_ACT_WORKER_ID);
}

/** 1-based worker number, or 1 in a single process: work done once per server runs on worker 1. */
export function workerId(): number {
  return Number(process.env.SECOND_ACT_WORKER_ID || 1);
}

/** Sends to every other worker (nothing in a single process). */
export function tellPeers(topic: string, payload: unknown): void {
  if (!isClusterWorker() || !process.connected) return;
  process.send?.({ type: MESSAGE, topic, payload } satisfies PeerMessage);
}

/** Handles `topic` from the other workers (one handler per topic; registering again replaces it). */
export function onPeerMessage(topic: string, handler: (payload: unknown) => void): void {
  if (!isClusterWorker()) return;
  if (!g.__secondActPeers) {
    const handlers = new Map<string, (payload: unknown) => void>();
    g.__secondActPeers = handlers;
    process.on("message", (m: unknown) => {
      const msg = m as Partial<PeerMessage> | null;
      if (msg?.type !== MESSAGE || typeof msg.topic !== "string") return;
      handlers.get(msg.topic)?.(msg.payload);
    });
  }
  g.__secondActPeers.set(topic, handler);
}

export const PEER_MESSAGE_TYPE = MESSAGE;
