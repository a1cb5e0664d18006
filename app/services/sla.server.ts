/**
 * Stage SLAs and the reminders ("nudges") for applications that wait past them.
 *
 * - The SLA table is coordinator-configurable (/coord/sla, StageSla rows over DEFAULT_SLA_DAYS).
 * - `sendOverdueReminders` finds applications that have sat in their stage longer than its SLA
 *   and have not been reminded about this visit to the stage, claims them in the same statement
 *   (FOR UPDATE SKIP LOCKED, so several app instances can run it at once and each application
 *   is reminded exactly once per stage visit), and in the same transaction tells the responsible
 *   coordinator (one digest each) and the professional (where it stands, honestly), and writes
 *   an audit entry per application. Reminding does not count as touching the application: its
 *   version and updatedAt are unchanged, so open boards don't get conflicts.
 * - `startSlaReminders` runs it periodically inside the app process (app/runtime.server.ts).
 */
import { type Tx, db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  type OverdueItem,
  type SlaTable,
  type Stage,
  SLA_STAGES,
  coordinatorDigest,
  daysInStage,
  normalizeChecklist,
  professionalReminder,
  progress,
  resolveSlaTable,
  responsibleCoordinators,
} from "~/domain/onboarding";
import { rows, sql } from "~/sql.server";
import { audit } from "./audit.server";
import { type NotificationInput, notifyEach } from "./notifications.server";
import { sendQueueReminders } from "./work.server";
import type { Actor } from "./actor";

type Client = Tx | ReturnType<typeof db>;

export async function loadSlaTable(client: Client = db()): Promise<SlaTable> {
  const rows = await client.stageSla.findMany({ select: { stage: true, days: true } });
  return resolveSlaTable(rows);
}

/**
 * The SLA table read on the bare pg pool (decision 0034): the same table as `loadSlaTable()` for
 * the pages that read it on every view (the dashboard, the board), without Prisma's query cost.
 * Not cached: coordinators change it from any process.
 */
export async function currentSlaTable(): Promise<SlaTable> {
  return resolveSlaTable(await rows<{ stage: string; days: number | null }>(sql`SELECT stage::text AS stage, days FROM "StageSla"`));
}

/** Saves the whole table (one row per SLA stage) in one transaction, with an audit entry. */
export async function saveSlaTable(table: Partial<Record<Stage, number | null>>, actor: Actor & { id: string }) {
  return db().$transaction(async (tx) => {
    const before = await loadSlaTable(tx);
    for (const stage of SLA_STAGES) {
      const days = table[stage];
      if (days === undefined) continue;
      await tx.stageSla.upsert({
        where: { stage },
        create: { stage, days, updatedById: actor.id },
        update: { days, updatedById: actor.id },
      });
    }
    const after = await loadSlaTable(tx);
    await audit(
      { actorId: actor.id, actorRole: actor.role, action: "sla.updated", entityType: "StageSla", before, after, ip: actor.ip ?? null },
      tx,
    );
    return after;
  });
}

export interface ReminderRun {
  /** Applications reminded in this run (each once per stage visit, ever). */
  reminded: number;
  /** Distinct coordinators who got a digest. */
  coordinators: number;
}

type Claimed = { id: string; stage: Stage; stageEnteredAt: Date; gigId: string; profileId: string; checklist: unknown };

/**
 * Reminds about every overdue application not yet reminded for its current stage visit.
 * Safe to run concurrently from several processes; batches of `batchSize`, one transaction each.
 */
export async function sendOverdueReminders(opts: { now?: Date; batchSize?: number } = {}): Promise<ReminderRun> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 200;
  const table = await loadSlaTable();
  const stages = SLA_STAGES.filter((s) => table[s] !== null);
  const days = stages.map((s) => table[s] as number);
  const run: ReminderRun = { reminded: 0, coordinators: 0 };
  if (stages.length === 0) return run;
  const coordinatorsSeen = new Set<string>();
  for (;;) {
    const n = await db().$transaction(async (tx) => {
      // Timestamps are stored as UTC without a zone (Prisma's convention).
      const claimed = await tx.$queryRaw<Claimed[]>`
        WITH due AS (
          SELECT a.id FROM "Application" a
          JOIN unnest(${stages}::text[], ${days}::int[]) AS s(stage, days) ON a.stage::text = s.stage
          WHERE a."stageEnteredAt" < (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') - make_interval(days => s.days)
            AND a."slaNudgedStageAt" IS DISTINCT FROM a."stageEnteredAt"
          ORDER BY a."stageEnteredAt", a.id
          LIMIT ${batchSize}
          FOR UPDATE OF a SKIP LOCKED
        )
        UPDATE "Application" a
        SET "slaNudgedStageAt" = a."stageEnteredAt", "slaNudgedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        FROM due WHERE a.id = due.id
        RETURNING a.id, a.stage::text AS stage, a."stageEnteredAt", a."gigId", a."profileId", a.checklist`;
      if (claimed.length === 0) return 0;
      await remind(tx, claimed, table, now, coordinatorsSeen);
      return claimed.length;
    });
    run.reminded += n;
    if (n < batchSize) break;
  }
  run.coordinators = coordinatorsSeen.size;
  return run;
}

async function remind(tx: Tx, claimed: Claimed[], table: SlaTable, now: Date, coordinatorsSeen: Set<string>) {
  const ids = claimed.map((c) => c.id);
  const [gigs, profiles, lastStaff, coordinators] = await Promise.all([
    tx.gig.findMany({
      where: { id: { in: [...new Set(claimed.map((c) => c.gigId))] } },
      select: {
        id: true,
        title: true,
        screeningRequired: true,
        ndaRequired: true,
        trainingModules: true,
        coordinator: { select: { id: true, role: true, disabledAt: true } },
      },
    }),
    tx.profile.findMany({
      where: { id: { in: [...new Set(claimed.map((c) => c.profileId))] } },
      select: { id: true, displayName: true, userId: true },
    }),
    tx.stageTransition.findMany({
      where: { applicationId: { in: ids }, actorRole: { in: ["COORDINATOR", "ADMIN"] }, actorId: { not: null } },
      orderBy: [{ applicationId: "asc" }, { at: "desc" }],
      distinct: ["applicationId"],
      select: { applicationId: true, actorId: true },
    }),
    tx.user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, role: true } }),
  ]);
  const activeStaff = new Set(coordinators.map((u) => u.id));
  const coordinatorIds = coordinators.filter((u) => u.role === "COORDINATOR").map((u) => u.id);
  // With no coordinator accounts at all, admins are answerable.
  const fallback = coordinatorIds.length > 0 ? coordinatorIds : coordinators.map((u) => u.id);
  const gigById = new Map(gigs.map((g) => [g.id, g]));
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const lastStaffOf = new Map(lastStaff.map((t) => [t.applicationId, t.actorId]));

  const perCoordinator = new Map<string, OverdueItem[]>();
  const notes: (NotificationInput & { userId: string })[] = [];
  const events: { actorRole: string; action: string; entityType: string; entityId: string; after: Prisma.InputJsonValue }[] = [];
  for (const c of claimed) {
    const gig = gigById.get(c.gigId);
    const profile = profileById.get(c.profileId);
    if (!gig || !profile) continue;
    const p = progress(
      { stage: c.stage, checklist: normalizeChecklist(c.checklist) },
      { screeningRequired: gig.screeningRequired, ndaRequired: gig.ndaRequired, trainingModules: gig.trainingModules },
    );
    const item: OverdueItem = {
      applicationId: c.id,
      gigId: gig.id,
      gigTitle: gig.title,
      personName: profile.displayName,
      stage: c.stage,
      days: daysInStage(c.stageEnteredAt, now),
      slaDays: table[c.stage] ?? 0,
      waitingOn: p.nextAction?.waitingOn ?? null,
      todo: p.nextAction?.text ?? null,
    };
    const named = gig.coordinator;
    const last = lastStaffOf.get(c.id) ?? null;
    const recipients = responsibleCoordinators({
      gigCoordinator: named
        ? { id: named.id, active: named.disabledAt === null && (named.role === "COORDINATOR" || named.role === "ADMIN") }
        : null,
      lastStaffActorId: last && activeStaff.has(last) ? last : null,
      allCoordinatorIds: fallback,
    });
    for (const r of recipients) {
      const list = perCoordinator.get(r);
      if (list) list.push(item);
      else perCoordinator.set(r, [item]);
    }
    notes.push({ userId: profile.userId, kind: "application.overdue", ...professionalReminder(item), link: `/me/applications/${c.id}` });
    events.push({
      actorRole: "SYSTEM",
      action: "application.sla_reminder",
      entityType: "Application",
      entityId: c.id,
      after: { stage: c.stage, days: item.days, slaDays: item.slaDays, waitingOn: item.waitingOn, coordinators: recipients },
    });
  }
  for (const [coordinatorId, items] of perCoordinator) {
    coordinatorsSeen.add(coordinatorId);
    const gigIds = new Set(items.map((i) => i.gigId));
    const link = gigIds.size === 1 ? `/coord/gigs/${items[0].gigId}?stale=1` : "/coord#overdue";
    notes.push({ userId: coordinatorId, kind: "coordinator.overdue", ...coordinatorDigest(items), link });
  }
  // Three statements for every notification and email, one for the audit entries.
  await notifyEach(tx, notes);
  await tx.event.createMany({ data: events });
}

export interface SlaReminders {
  /** Runs one sweep now (waits for a running one first). */
  runNow(): Promise<ReminderRun>;
  stop(): Promise<void>;
}

/**
 * Periodic reminders inside the app process: first sweep after `firstDelayMs`, then every
 * `intervalMs` (setTimeout chain, so sweeps never overlap). Failures (e.g. the database is
 * down) are logged and retried at the next tick.
 */
export function startSlaReminders(opts: { intervalMs: number; firstDelayMs?: number; log?: (m: string) => void }): SlaReminders {
  const log = opts.log ?? console.log;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ReminderRun> | null = null;
  let stopped = false;
  const sweep = async (): Promise<ReminderRun> => {
    while (running) await running.catch(() => {});
    running = sendOverdueReminders();
    try {
      const r = await running;
      if (r.reminded > 0) log(`SLA reminders: ${r.reminded} overdue application(s), ${r.coordinators} coordinator(s) notified`);
      // The same rule for the active phase: work queues past their check-again date (work.server.ts).
      const q = await sendQueueReminders();
      if (q.reminded > 0)
        log(`Queue reminders: ${q.reminded} work queue(s) past their check-again date, ${q.coordinators} coordinator(s) notified`);
      return r;
    } finally {
      running = null;
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweep()
        .catch((e) => log(`SLA reminders failed (will retry): ${(e as Error).message.split("\n")[0]}`))
        .finally(() => schedule(opts.intervalMs));
    }, ms);
    timer.unref();
  };
  schedule(opts.firstDelayMs ?? Math.min(opts.intervalMs, 10_000));
  return {
    runNow: sweep,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}

/** The latest change to the SLA table: when, and the editor's name (null when never changed). */
export async function lastSlaChange() {
  const [last] = await db().stageSla.findMany({ orderBy: { updatedAt: "desc" }, take: 1 });
  if (!last) return null;
  const editor = last.updatedById ? await db().user.findUnique({ where: { id: last.updatedById }, select: { name: true } }) : null;
  return { at: last.updatedAt, by: editor?.name ?? null };
}

/** How many overdue reminders went out since `since`. */
export function remindersSentSince(since: Date) {
  return db().application.count({ where: { slaNudgedAt: { gte: since } } });
}
