/**
 * WEB_WORKERS > 1: the HTTP server runs as that many node:cluster workers sharing one port
 * (server/web-worker.ts); this primary only starts them, relays their peer messages
 * (app/cluster.server.ts), replaces a worker that dies, and stops them all on close():
 * SIGTERM to each (each drains its requests, stops its outbox worker and its database pool),
 * SIGKILL after 20 s. A worker whose primary disappears exits by itself (node:cluster).
 */
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { PEER_MESSAGE_TYPE } from "~/cluster.server";
import { ROOT } from "../scripts/lib/migrate";

export interface WorkerServerOptions {
  port: number;
  host: string;
  production?: boolean;
  /** Another build folder (REMIX_BUILD_DIR), as for a single process. */
  buildDir?: string;
}

/**
 * V8 flags for a process that serves pages (decision 0038): a 64 MB young-generation semi-space
 * instead of V8's default 16 MB. A page render allocates a few MB of short-lived objects; with the
 * default, scavenges ran so often that the garbage collector was 5% of a signed-in gig page's CPU
 * and 11-12% of the dashboard's in steady-state profiles; with 64 MB, 1.0% and 5.7%. Costs up to
 * ~150 MB more memory per web worker at peak. A flag already given (command line or NODE_OPTIONS) wins.
 */
export const SERVER_HEAP_FLAGS = ["--max-semi-space-size=64"];

export function withServerHeapFlags(execArgv: string[]): string[] {
  const given = [...execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const missing = SERVER_HEAP_FLAGS.filter((f) => !given.some((g) => g.startsWith(f.split("=")[0])));
  return [...execArgv, ...missing];
}

export interface RunningWorkers {
  url: string;
  close(): Promise<void>;
}

export async function startWorkers(
  count: number,
  options: WorkerServerOptions,
  log: (m: string) => void = console.log,
): Promise<RunningWorkers> {
  cluster.setupPrimary({ exec: path.join(ROOT, "server/web-worker.ts"), execArgv: withServerHeapFlags(process.execArgv) });
  let stopping = false;
  const workers = new Map<number, Worker>();
  let url = "";

  function fork(id: number): Promise<void> {
    const worker = cluster.fork({ SECOND_ACT_WORKER_ID: String(id), SECOND_ACT_SERVER_OPTIONS: JSON.stringify(options) });
    workers.set(id, worker);
    worker.on("message", (m: { type?: string; url?: string }) => {
      if (m?.type !== PEER_MESSAGE_TYPE) return;
      for (const [other, w] of workers) if (other !== id && w.isConnected()) w.send(m);
    });
    return new Promise<void>((resolve, reject) => {
      let listening = false;
      const onReady = (m: { type?: string; url?: string }) => {
        if (m?.type !== "second-act:listening") return;
        url = m.url ?? url;
        listening = true;
        worker.off("message", onReady);
        resolve();
      };
      worker.on("message", onReady);
      worker.once("exit", (code, signal) => {
        if (workers.get(id) === worker) workers.delete(id);
        if (stopping) return;
        if (!listening) return reject(new Error(`web worker ${id} exited (${signal ?? code}) before listening`));
        log(`web worker ${id} exited (${signal ?? code}); starting a new one`);
        setTimeout(() => void fork(id).catch((e) => log(String(e))), 1_000).unref();
      });
    });
  }

  await Promise.all(Array.from({ length: count }, (_, i) => fork(i + 1)));
  log(`Second Act is serving on ${url} (${count} web workers)`);
  return {
    url,
    async close() {
      stopping = true;
      await Promise.all(
        [...workers.values()].map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              const kill = setTimeout(() => w.process.kill("SIGKILL"), 20_000);
              w.once("exit", () => {
                clearTimeout(kill);
                resolve();
              });
              w.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
