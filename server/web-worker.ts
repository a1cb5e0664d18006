/**
 * One web worker of a WEB_WORKERS > 1 server (forked by server/cluster.ts): the same
 * startServer() as a single process, with the options the primary chose. SIGTERM/SIGINT: drain
 * and exit 0.
 */
import type { WorkerServerOptions } from "./cluster";
import { startServer } from "./index";

const options = JSON.parse(process.env.SECOND_ACT_SERVER_OPTIONS ?? "{}") as WorkerServerOptions;
const id = process.env.SECOND_ACT_WORKER_ID;
const running = await startServer({
  ...options,
  log: (m) => {
    if (!m.startsWith("Second Act is serving")) console.log(`[worker ${id}] ${m}`);
  },
});
process.send?.({ type: "second-act:listening", url: running.url });

let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  running.close().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
