/**
 * Process-wide services started once by the HTTP server (server/index.ts) after the Remix
 * build is loaded: the search engine (rebuilt from the database), the outbox worker and the
 * SLA reminders (every SLA_REMINDER_INTERVAL_SECONDS; 0 turns them off) and the webhook deliveries
 * (every WEBHOOK_DELIVERY_INTERVAL_MS; 0 turns them off). With WEB_WORKERS > 1 every worker runs the
 * search engine and an outbox worker; the reminders run on worker 1 only. Webhook delivery runs in
 * every worker: deliveries are claimed with FOR UPDATE SKIP LOCKED, so each is sent once.
 */
import { workerId } from "./cluster.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { type SlaReminders, startSlaReminders } from "./services/sla.server";
import { type WebhookWorker, startWebhookDeliveries } from "./services/webhooks.server";
import { type StartedSearch, startSearch } from "./search/service.server";
import { outboxLag } from "./search/sync.server";

interface Runtime {
  startedAt: Date;
  search: StartedSearch;
  reminders: SlaReminders | null;
  webhooks: WebhookWorker | null;
}

const g = globalThis as unknown as { __secondActRuntime?: Runtime };

export async function startRuntime(opts: { log?: (m: string) => void } = {}): Promise<void> {
  if (g.__secondActRuntime) return;
  const log = opts.log ?? console.log;
  const search = await startSearch(log);
  const interval = env().SLA_REMINDER_INTERVAL_SECONDS;
  // Periodic jobs run once per server: on the first web worker only (WEB_WORKERS; app/cluster.server.ts).
  const reminders = interval > 0 && workerId() === 1 ? startSlaReminders({ intervalMs: interval * 1000, log }) : null;
  const webhookInterval = env().WEBHOOK_DELIVERY_INTERVAL_MS;
  const webhooks = webhookInterval > 0 ? startWebhookDeliveries({ intervalMs: webhookInterval, log }) : null;
  g.__secondActRuntime = { startedAt: new Date(), search, reminders, webhooks };
}

export async function stopRuntime(): Promise<void> {
  const runtime = g.__secondActRuntime;
  if (!runtime) return;
  g.__secondActRuntime = undefined;
  await runtime.reminders?.stop().catch((e) => console.error(e));
  await runtime.webhooks?.stop().catch((e) => console.error(e));
  await runtime.search.stop().catch((e) => console.error(e));
  await db().$disconnect();
}

/** Waits until the outbox is drained (tests and scripts). */
export async function flushSearch(timeoutMs?: number) {
  await g.__secondActRuntime?.search.worker.flush(timeoutMs);
}

export async function runtimeStatus() {
  const checks: Record<string, { ok: boolean; detail?: string; ms?: number; [k: string]: unknown }> = {};
  const t0 = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    checks.database = { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    const err = e as { message?: string; code?: string; cause?: { message?: string } };
    const lines = [err.message, err.cause?.message, err.code].flatMap((m) => (m ? String(m).split("\n") : []));
    checks.database = { ok: false, detail: lines.map((l) => l.trim()).find(Boolean) ?? "unreachable" };
  }
  const search = g.__secondActRuntime?.search;
  if (search) {
    const health = await search.engine.health().catch((e) => ({ ok: false, detail: (e as Error).message }));
    const lag = checks.database.ok ? await outboxLag().catch(() => null) : null;
    checks.search = {
      ok: health.ok && search.ready,
      engine: search.engine.kind,
      ...(health.detail ? { detail: health.detail } : {}),
      outbox: lag,
    };
  } else {
    checks.search = { ok: false, detail: "search not started" };
  }
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
