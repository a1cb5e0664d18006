/**
 * Preloaded into a server child by scripts/bench/data-pages.ts (`--import` after tsx): counts and
 * times every SQL statement the process sends through `pg` and answers the parent over IPC with
 * the counters and the process's CPU time, so a page's cost can be read as queries, DB ms and CPU
 * ms per request, independently of how busy the shared machine is.
 * Messages: "reset" -> zero the counters; "snapshot" -> { cpuMs, queries, dbMs, statements }.
 */
import pg from "pg";

let queries = 0;
let dbMs = 0;
let statements = new Map<string, { n: number; ms: number }>();
let cpu = process.cpuUsage();

const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const original = proto.query;
proto.query = function patched(this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === "string" ? first : (first?.text ?? "?");
  // The outbox worker's polling runs on a timer, not per request: not counted.
  if (text.startsWith(' UPDATE "OutboxEvent" SET "availableAt"') || text.startsWith('UPDATE "OutboxEvent" SET "availableAt"'))
    return original.apply(this, args);
  const t0 = performance.now();
  let counted = false;
  const done = () => {
    if (counted) return;
    counted = true;
    const ms = performance.now() - t0;
    queries++;
    dbMs += ms;
    const key = text.replace(/\s+/g, " ").slice(0, 160);
    const s = statements.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    statements.set(key, s);
  };
  // pg-pool's pool.query passes a callback (and gets no promise back); client.query without one returns a promise.
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const cb = args[last] as (...a: unknown[]) => unknown;
    args[last] = (...a: unknown[]) => {
      done();
      return cb(...a);
    };
  }
  const out = original.apply(this, args);
  if (out && typeof (out as Promise<unknown>).then === "function") (out as Promise<unknown>).then(done, done);
  return out;
};

process.on("message", (m: unknown) => {
  if (m === "reset") {
    queries = 0;
    dbMs = 0;
    statements = new Map();
    cpu = process.cpuUsage();
    process.send?.({ type: "reset" });
  } else if (m === "snapshot") {
    const c = process.cpuUsage(cpu);
    process.send?.({
      type: "snapshot",
      cpuMs: (c.user + c.system) / 1000,
      queries,
      dbMs,
      statements: [...statements.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 40)
        .map(([sql, s]) => ({ sql, ...s })),
    });
  }
});
