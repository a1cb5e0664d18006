/**
 * Runs the built app (Express + Remix + runtime/outbox worker) as a SEPARATE node process, for
 * the fault-injection tests (tests/integration/faults-*.test.ts): they SIGKILL it, SIGTERM it,
 * and pull PostgreSQL out from under it.
 *
 *   node --import tsx tests/setup/child-server.ts
 *     env: DATABASE_URL (required), REMIX_BUILD_DIR (required: the test run's build),
 *          PORT (0 = any free port), HOST (default 127.0.0.1), WEB_WORKERS (default 1)
 *
 * Started with `node --import tsx` (not npx, not the tsx CLI, which forks a second process)
 * so the PID the test signals is the server itself. Prints "Second Act is serving on <url>"
 * when ready. SIGTERM/SIGINT: close() (drain in-flight requests, stop the outbox worker,
 * disconnect the database), then exit 0; exit 1 if closing failed.
 */
import { startServer } from "../../server/index";

const buildDir = process.env.REMIX_BUILD_DIR;
if (!process.env.DATABASE_URL || !buildDir) {
  console.error("child-server: DATABASE_URL and REMIX_BUILD_DIR are required");
  process.exit(2);
}

// WEB_WORKERS > 1 (the benchmark): that many node:cluster workers behind this process.
const workers = Number(process.env.WEB_WORKERS ?? 1);
const running =
  workers > 1
    ? await (await import("../../server/cluster")).startWorkers(
        workers,
        { port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1", buildDir },
        (m) => console.log(m),
      )
    : await startServer({
        port: Number(process.env.PORT ?? 0),
        host: process.env.HOST ?? "127.0.0.1",
        buildDir,
        log: (m) => console.log(m),
      });

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const t0 = Date.now();
  console.log(`child-server: ${signal} received, draining`);
  // If the event loop empties before close() resolves (a promise that never settles keeps
  // nothing alive), node would exit 0 on its own; make that visible as exit code 3.
  process.exitCode = 3;
  running.close().then(
    () => {
      console.log(`child-server: stopped cleanly in ${Date.now() - t0} ms`);
      process.exit(0);
    },
    (e) => {
      console.error("child-server: close failed", e);
      process.exit(1);
    },
  );
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
