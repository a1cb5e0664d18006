/**
 * Process-wide services started once by the HTTP server (scripts/server.ts) after the Remix
 * build is loaded: the search engine (rebuilt from the database) and the outbox worker.
 */
import { db } from "./db.server";

interface Runtime {
  startedAt: Date;
  stopHooks: (() => Promise<void>)[];
}

const g = globalThis as unknown as { __secondActRuntime?: Runtime };

export async function startRuntime(): Promise<void> {
  if (g.__secondActRuntime) return;
  const runtime: Runtime = { startedAt: new Date(), stopHooks: [] };
  g.__secondActRuntime = runtime;
}

export async function stopRuntime(): Promise<void> {
  const runtime = g.__secondActRuntime;
  if (!runtime) return;
  g.__secondActRuntime = undefined;
  for (const hook of runtime.stopHooks.reverse()) await hook().catch((e) => console.error(e));
  await db().$disconnect();
}

export async function runtimeStatus() {
  const checks: Record<string, { ok: boolean; detail?: string; ms?: number }> = {};
  const t0 = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    checks.database = { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    checks.database = { ok: false, detail: (e as Error).message.split("\n")[0] };
  }
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
