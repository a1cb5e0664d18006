/**
 * The active phase: the work ledger, the queue status and its check-again reminders, offboarding
 * with a reason code, evidence and who decided, and answering appeals. Rules are in
 * app/domain/work.ts; every change here is one transaction with its audit entry and notifications.
 *
 * Who may do what: the gig's lab members and staff record work, review self-reported entries, set
 * payout states and the queue status, and offboard; the professional self-reports work on their
 * own ACTIVE engagement; a coordinator other than the one who decided answers an appeal.
 */
import type { z } from "zod";
import type { workEntrySchema } from "~/api/work-schemas.server";
import { db, type Tx } from "~/db.server";
import { responsibleCoordinators } from "~/domain/onboarding";
import { formatMoney } from "~/domain/pay";
import {
  canAnswerAppeal,
  checkEntryAgainstGig,
  checkPayoutMove,
  checkQueueInput,
  dayOf,
  formatMinutes,
  type LedgerEntry,
  ledgerTotals,
  OFFBOARD_REASON_INFO,
  type OffboardInput,
  offboardSummary,
  overdueQueueMessage,
  PAYOUT_LABELS,
  type PayoutState,
  payoutMoves,
  QUEUE_REASON_LABELS,
  type QueueInput,
  type QueueStatus,
  queueLabel,
  queueOverdue,
  type ReviewState,
  readQueue,
} from "~/domain/work";
import type { Prisma } from "~/generated/prisma/client";
import { type ActingUser, actorRoleFor, gigTeamIds, transitionApplication } from "./applications.server";
import { audit } from "./audit.server";
import { type NotificationInput, notifyEach, notifyUsers } from "./notifications.server";
import { errorsByField, type Failure, fail, type Result } from "./result";
import { emitLabEvent } from "./webhooks.server";

/** What the work use cases answer: the one result shape (app/services/result.ts); `code` is always set. */
export type WorkResult<T extends object = object> = Result<T>;

const today = (now = new Date()) => dayOf(now);
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

const notFound = (what = "No such person on this gig."): Failure => fail(404, what, { code: "NOT_FOUND" });

type AppWithGig = Prisma.ApplicationGetPayload<{
  include: {
    gig: { include: { lab: { select: { name: true } } } };
    profile: { select: { userId: true; displayName: true } };
    engagement: true;
  };
}>;

async function loadOnGig(tx: Tx, gigId: string, applicationId: string): Promise<AppWithGig | null> {
  const app = await tx.application.findUnique({
    where: { id: applicationId },
    include: {
      gig: { include: { lab: { select: { name: true } } } },
      profile: { select: { userId: true, displayName: true } },
      engagement: true,
    },
  });
  return app && app.gigId === gigId ? app : null;
}

/** The engagement row of an ACTIVE application, created on first use for engagements from before this feature. */
async function ensureEngagement(tx: Tx, app: AppWithGig) {
  if (app.engagement) return app.engagement;
  return tx.engagement.upsert({
    where: { applicationId: app.id },
    create: { applicationId: app.id, gigId: app.gigId, activeSince: app.stageEnteredAt, queueSetAt: app.stageEnteredAt },
    update: {},
  });
}

const isLabSide = (role: string | null) => role === "LAB_MEMBER" || role === "COORDINATOR" || role === "ADMIN";

// ------------------------------------------------------------------ ledger

export interface RecordWorkInput {
  applicationId: string;
  workDate: string;
  hours?: number;
  tasks?: number;
  note: string;
  clientEntryId?: string;
}

export type EntryRow = Prisma.WorkEntryGetPayload<object>;

/**
 * Records one ledger entry. `source` LAB (lab members and staff; accepted at once) or PROFESSIONAL
 * (the person themself; SUBMITTED until the lab reviews it). With a clientEntryId the call is
 * idempotent: the same id and the same content return the stored entry (`replayed`), the same id
 * with other content is refused (409).
 */
export async function recordWork(
  gigId: string,
  input: RecordWorkInput,
  actor: ActingUser,
  opts: { source: "LAB" | "PROFESSIONAL"; tx?: Tx; now?: Date },
): Promise<WorkResult<{ entry: EntryRow; replayed: boolean }>> {
  const run = async (tx: Tx): Promise<WorkResult<{ entry: EntryRow; replayed: boolean }>> => {
    const app = await loadOnGig(tx, gigId, input.applicationId);
    if (!app) return notFound();
    const role = actorRoleFor(actor, app);
    if (!role) return notFound();
    if (opts.source === "LAB" ? !isLabSide(role) : role !== "PROFESSIONAL") {
      return fail(
        403,
        opts.source === "LAB" ? "Only the gig's lab or a coordinator records work." : "Only the person themself self-reports work.",
        { code: "FORBIDDEN" },
      );
    }
    if (app.stage !== "ACTIVE") {
      return fail(409, "Work can only be recorded while the person is active on the gig.", {
        code: "NOT_ACTIVE",
        errors: { applicationId: ["This person is not active on the gig."] },
      });
    }
    const engagement = await ensureEngagement(tx, app);
    const checked = checkEntryAgainstGig(input, app.gig, { activeSince: engagement.activeSince, today: today(opts.now) });
    if (!checked.ok) return fail(422, checked.errors[0].message, { code: "INVALID_ENTRY", errors: errorsByField(checked.errors) });
    const fields = { workDate: asDate(input.workDate), unit: checked.unit, quantity: checked.quantity, note: input.note };
    const lab = opts.source === "LAB";
    // ON CONFLICT DO NOTHING on (applicationId, clientEntryId): a concurrent first use of the same id
    // waits for the other transaction, then finds its row here and is answered as a replay.
    const [created] = await tx.workEntry.createManyAndReturn({
      data: [
        {
          ...fields,
          applicationId: app.id,
          gigId: app.gigId,
          clientEntryId: input.clientEntryId ?? null,
          rateCents: checked.rateCents,
          currency: app.gig.payCurrency,
          amountCents: checked.amountCents,
          source: opts.source,
          review: lab ? "ACCEPTED" : "SUBMITTED",
          recordedById: actor.id,
          reviewedById: lab ? actor.id : null,
        },
      ],
      skipDuplicates: true,
    });
    if (!created) {
      const existing = await tx.workEntry.findUniqueOrThrow({
        where: { applicationId_clientEntryId: { applicationId: app.id, clientEntryId: input.clientEntryId ?? "" } },
      });
      const same =
        dayOf(existing.workDate) === input.workDate &&
        existing.unit === fields.unit &&
        existing.quantity === fields.quantity &&
        existing.note === fields.note;
      if (same) return { ok: true, entry: existing, replayed: true };
      return fail(409, "This clientEntryId was already used for a different entry. Use a new id for a new entry.", {
        code: "ENTRY_ID_REUSED",
        errors: { clientEntryId: ["Already used for a different entry."] },
      });
    }
    const entry = created;
    if (lab) await noteFirstWork(tx, engagement.id, entry.workDate);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "work.entry_recorded",
        entityType: "WorkEntry",
        entityId: entry.id,
        after: entryAudit(entry),
        ip: actor.ip,
      },
      tx,
    );
    await emitLabEvent(tx, {
      type: "work_entry.recorded",
      labId: app.gig.labId,
      workEntryId: entry.id,
      applicationId: app.id,
      gigId: app.gigId,
      workDate: dayOf(entry.workDate),
      unit: entry.unit,
      quantity: entry.quantity,
      amountCents: entry.amountCents,
      currency: entry.currency,
      review: entry.review,
      source: entry.source,
    });
    const what = describeEntry(entry);
    if (lab) {
      await notifyUsers(tx, [app.profile.userId], {
        kind: "work.recorded",
        title: `"${app.gig.title}": ${what} recorded`,
        body: `${app.gig.lab.name} recorded ${what} for ${input.workDate}: ${formatMoney(entry.amountCents, entry.currency)}, payout pending.`,
        link: `/me/applications/${app.id}#work`,
      });
    } else {
      await notifyUsers(tx, await gigTeamIds(tx, app.gig), {
        kind: "work.submitted",
        title: `${app.profile.displayName} reported ${what} on "${app.gig.title}"`,
        body: "Accept or reject it from their candidate page.",
        link: `/coord/gigs/${app.gigId}/candidates/${app.id}#work`,
      });
    }
    return { ok: true, entry, replayed: false };
  };
  return opts.tx ? run(opts.tx) : db().$transaction(run);
}

/** firstWorkDate = the earliest work date of accepted entries (the lab's "first paid work"). */
async function noteFirstWork(tx: Tx, engagementId: string, workDate: Date) {
  await tx.$executeRaw`UPDATE "Engagement" SET "firstWorkDate" = LEAST(COALESCE("firstWorkDate", ${workDate}::date), ${workDate}::date), "updatedAt" = now() WHERE id = ${engagementId}`;
}

const entryAudit = (e: EntryRow) => ({
  applicationId: e.applicationId,
  workDate: dayOf(e.workDate),
  unit: e.unit,
  quantity: e.quantity,
  rateCents: e.rateCents,
  amountCents: e.amountCents,
  source: e.source,
  review: e.review,
  payout: e.payout,
  holdReason: e.holdReason,
});

export const describeEntry = (e: { unit: string; quantity: number }) =>
  e.unit === "HOUR" ? formatMinutes(e.quantity) : `${e.quantity} task${e.quantity === 1 ? "" : "s"}`;

async function loadEntryForLab(tx: Tx, gigId: string, entryId: string, actor: ActingUser) {
  const entry = await tx.workEntry.findUnique({ where: { id: entryId } });
  if (!entry || entry.gigId !== gigId) return null;
  const app = await loadOnGig(tx, gigId, entry.applicationId);
  if (!app) return null;
  const role = actorRoleFor(actor, app);
  if (!isLabSide(role)) return null;
  return { entry, app };
}

/** The lab accepts or rejects a self-reported entry (once). Accepting makes it earned, payout pending. */
export async function reviewWork(
  gigId: string,
  entryId: string,
  decision: "ACCEPT" | "REJECT",
  note: string,
  actor: ActingUser,
): Promise<WorkResult<{ entry: EntryRow }>> {
  return db().$transaction(async (tx): Promise<WorkResult<{ entry: EntryRow }>> => {
    const found = await loadEntryForLab(tx, gigId, entryId, actor);
    if (!found) return notFound("No such work entry on this gig.");
    if (decision === "REJECT" && !note.trim())
      return fail(422, "Say why the entry is rejected; the person will read it.", {
        code: "NOTE_REQUIRED",
        errors: { note: ["Say why the entry is rejected."] },
      });
    const review: ReviewState = decision === "ACCEPT" ? "ACCEPTED" : "REJECTED";
    const claimed = await tx.workEntry.updateMany({
      where: { id: entryId, review: "SUBMITTED" },
      data: { review, reviewNote: note.trim() || null, reviewedById: actor.id },
    });
    if (claimed.count !== 1) return fail(409, "This entry was already reviewed.", { code: "ALREADY_REVIEWED" });
    const entry = await tx.workEntry.findUniqueOrThrow({ where: { id: entryId } });
    if (review === "ACCEPTED" && found.app.engagement) await noteFirstWork(tx, found.app.engagement.id, entry.workDate);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: `work.entry_${review.toLowerCase()}`,
        entityType: "WorkEntry",
        entityId: entry.id,
        before: { review: "SUBMITTED" },
        after: entryAudit(entry),
        ip: actor.ip,
      },
      tx,
    );
    await notifyUsers(tx, [found.app.profile.userId], {
      kind: `work.${review.toLowerCase()}`,
      title: `"${found.app.gig.title}": your ${describeEntry(entry)} on ${dayOf(entry.workDate)} was ${review === "ACCEPTED" ? "accepted" : "rejected"}`,
      body:
        review === "ACCEPTED"
          ? `It counts as earned: ${formatMoney(entry.amountCents, entry.currency)}, payout pending.`
          : `Reason: ${note.trim()}`,
      link: `/me/applications/${found.app.id}#work`,
    });
    return { ok: true, entry };
  });
}

/** Moves an accepted entry's payout state (pending, approved, paid, held with a reason). */
export async function setPayout(
  gigId: string,
  entryId: string,
  to: PayoutState,
  holdReason: string | null,
  actor: ActingUser,
): Promise<WorkResult<{ entry: EntryRow }>> {
  return db().$transaction(async (tx): Promise<WorkResult<{ entry: EntryRow }>> => {
    const found = await loadEntryForLab(tx, gigId, entryId, actor);
    if (!found) return notFound("No such work entry on this gig.");
    const check = checkPayoutMove({ review: found.entry.review as ReviewState, payout: found.entry.payout as PayoutState }, to, holdReason);
    if (!check.ok) return fail(422, check.message, { code: "PAYOUT_REFUSED", errors: { [check.field]: [check.message] } });
    const moved = await tx.workEntry.updateMany({
      where: { id: entryId, payout: found.entry.payout },
      data: { payout: to, holdReason: to === "HELD" ? (holdReason ?? "").trim() : null },
    });
    if (moved.count !== 1) return fail(409, "Someone changed this payout at the same time. Reload and try again.", { code: "CONFLICT" });
    const entry = await tx.workEntry.findUniqueOrThrow({ where: { id: entryId } });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "work.payout_changed",
        entityType: "WorkEntry",
        entityId: entry.id,
        before: { payout: found.entry.payout, holdReason: found.entry.holdReason },
        after: { payout: to, holdReason: entry.holdReason },
        ip: actor.ip,
      },
      tx,
    );
    await notifyUsers(tx, [found.app.profile.userId], {
      kind: "work.payout",
      title: `"${found.app.gig.title}": payout ${PAYOUT_LABELS[to].toLowerCase()}`,
      body: `${describeEntry(entry)} on ${dayOf(entry.workDate)} (${formatMoney(entry.amountCents, entry.currency)}): ${PAYOUT_LABELS[to].toLowerCase()}${to === "HELD" ? `. Reason: ${entry.holdReason}` : "."}`,
      link: `/me/applications/${found.app.id}#work`,
    });
    return { ok: true, entry };
  });
}

// ------------------------------------------------------------------ queue status

/**
 * Sets the queue status of some (or all) ACTIVE engagements of a gig in one transaction: every
 * one or none. `applicationIds` null = every active person on the gig.
 */
export async function setQueueStatus(
  gigId: string,
  applicationIds: string[] | null,
  input: QueueInput,
  actor: ActingUser,
  opts: { now?: Date } = {},
): Promise<WorkResult<{ updated: number; applicationIds: string[] }>> {
  const now = opts.now ?? new Date();
  const valid = checkQueueInput(input, today(now));
  if (!valid.ok) return fail(422, valid.errors[0].message, { code: "INVALID_QUEUE", errors: errorsByField(valid.errors) });
  return db().$transaction(async (tx): Promise<WorkResult<{ updated: number; applicationIds: string[] }>> => {
    const gig = await tx.gig.findUnique({ where: { id: gigId }, include: { lab: { select: { name: true } } } });
    if (!gig) return notFound("No such gig.");
    if (!isLabSide(actorRoleFor(actor, { profileId: "", gig }))) return notFound("No such gig.");
    const apps = await tx.application.findMany({
      where: { gigId, stage: "ACTIVE", ...(applicationIds ? { id: { in: applicationIds } } : {}) },
      include: {
        gig: { include: { lab: { select: { name: true } } } },
        profile: { select: { userId: true, displayName: true } },
        engagement: true,
      },
      orderBy: { id: "asc" },
    });
    if (applicationIds && apps.length !== new Set(applicationIds).size) {
      return fail(422, "Nothing was changed: some of the chosen people are not active on this gig.", {
        code: "NOT_ACTIVE",
        errors: { applicationIds: ["Choose people who are active on this gig."] },
      });
    }
    if (apps.length === 0)
      return fail(422, "Nobody is active on this gig.", {
        code: "NOBODY_ACTIVE",
        errors: { applicationIds: ["Nobody is active on this gig."] },
      });
    const data =
      input.state === "WORK_AVAILABLE"
        ? {
            queueState: "WORK_AVAILABLE",
            queueReason: null,
            checkAgainOn: null,
            queueNote: input.note ?? "",
            queueSetAt: now,
            queueSetById: actor.id,
          }
        : {
            queueState: "NO_WORK",
            queueReason: input.reason,
            checkAgainOn: asDate(input.checkAgainOn),
            queueNote: input.note ?? "",
            queueSetAt: now,
            queueSetById: actor.id,
          };
    const status: QueueStatus =
      input.state === "WORK_AVAILABLE"
        ? { state: "WORK_AVAILABLE", setAt: now }
        : { state: "NO_WORK", reason: input.reason, checkAgainOn: input.checkAgainOn, note: input.note ?? "", setAt: now };
    const notes: (NotificationInput & { userId: string })[] = [];
    for (const app of apps) {
      const engagement = await ensureEngagement(tx, app);
      const before = readQueue(engagement, engagement.activeSince);
      await tx.engagement.update({ where: { id: engagement.id }, data });
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: "engagement.queue_set",
          entityType: "Application",
          entityId: app.id,
          before: queueAudit(before),
          after: queueAudit(status),
          ip: actor.ip,
        },
        tx,
      );
      notes.push({ userId: app.profile.userId, link: `/me/applications/${app.id}#work`, ...queueNotice(status, gig.title, gig.lab.name) });
    }
    await notifyEach(tx, notes);
    return { ok: true, updated: apps.length, applicationIds: apps.map((a) => a.id) };
  });
}

const queueAudit = (q: QueueStatus) =>
  q.state === "WORK_AVAILABLE" ? { state: q.state } : { state: q.state, reason: q.reason, checkAgainOn: q.checkAgainOn, note: q.note };

function queueNotice(q: QueueStatus, gigTitle: string, labName: string) {
  if (q.state === "WORK_AVAILABLE")
    return { kind: "engagement.queue", title: `"${gigTitle}": work available`, body: `${labName} says there is work for you now.` };
  return {
    kind: "engagement.queue",
    title: `"${gigTitle}": no work right now (${QUEUE_REASON_LABELS[q.reason].toLowerCase()})`,
    body: `${labName} says there is no work right now: ${QUEUE_REASON_LABELS[q.reason].toLowerCase()}${q.note ? ` (${q.note})` : ""}. It will check again by ${q.checkAgainOn}, and you will hear here then.`,
  };
}

type ClaimedQueue = {
  id: string;
  applicationId: string;
  gigId: string;
  queueReason: string;
  checkAgainOn: Date;
  queueNote: string;
  queueSetAt: Date;
  queueState: string;
  activeSince: Date;
};

/**
 * Check-again reminders: every ACTIVE engagement with no work whose check-again date has passed
 * and that has not been reminded for that date is claimed (FOR UPDATE SKIP LOCKED, so concurrent
 * sweepers remind once), and in the same transaction the responsible coordinator gets a digest,
 * the professional an honest notice (both with email), and each an audit entry.
 */
export async function sendQueueReminders(
  opts: { now?: Date; batchSize?: number } = {},
): Promise<{ reminded: number; coordinators: number }> {
  const now = opts.now ?? new Date();
  const day = today(now);
  const batchSize = opts.batchSize ?? 200;
  const seen = new Set<string>();
  let reminded = 0;
  for (;;) {
    const n = await db().$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<ClaimedQueue[]>`
        WITH due AS (
          SELECT e.id FROM "Engagement" e JOIN "Application" a ON a.id = e."applicationId"
          WHERE e."queueState" = 'NO_WORK' AND a.stage = 'ACTIVE'
            AND e."checkAgainOn" < ${day}::date
            AND e."queueNudgedFor" IS DISTINCT FROM e."checkAgainOn"
          ORDER BY e."checkAgainOn", e.id
          LIMIT ${batchSize}
          FOR UPDATE OF e SKIP LOCKED
        )
        UPDATE "Engagement" e
        SET "queueNudgedFor" = e."checkAgainOn", "queueNudgedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        FROM due WHERE e.id = due.id
        RETURNING e.id, e."applicationId", e."gigId", e."queueReason", e."checkAgainOn", e."queueNote", e."queueSetAt", e."queueState", e."activeSince"`;
      if (claimed.length === 0) return 0;
      await remindQueue(tx, claimed, day, seen);
      return claimed.length;
    });
    reminded += n;
    if (n < batchSize) break;
  }
  return { reminded, coordinators: seen.size };
}

async function remindQueue(tx: Tx, claimed: ClaimedQueue[], day: string, seen: Set<string>) {
  const appIds = claimed.map((c) => c.applicationId);
  const [apps, lastStaff, staff] = await Promise.all([
    tx.application.findMany({
      where: { id: { in: appIds } },
      select: {
        id: true,
        profile: { select: { userId: true, displayName: true } },
        gig: {
          select: {
            id: true,
            title: true,
            lab: { select: { name: true } },
            coordinator: { select: { id: true, role: true, disabledAt: true } },
          },
        },
      },
    }),
    tx.stageTransition.findMany({
      where: { applicationId: { in: appIds }, actorRole: { in: ["COORDINATOR", "ADMIN"] }, actorId: { not: null } },
      orderBy: [{ applicationId: "asc" }, { at: "desc" }],
      distinct: ["applicationId"],
      select: { applicationId: true, actorId: true },
    }),
    tx.user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, select: { id: true, role: true } }),
  ]);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const lastOf = new Map(lastStaff.map((t) => [t.applicationId, t.actorId]));
  const active = new Set(staff.map((u) => u.id));
  const coordinatorIds = staff.filter((u) => u.role === "COORDINATOR").map((u) => u.id);
  const fallback = coordinatorIds.length ? coordinatorIds : staff.map((u) => u.id);
  const perCoordinator = new Map<string, string[]>();
  const notes: (NotificationInput & { userId: string })[] = [];
  const events: Prisma.EventCreateManyInput[] = [];
  for (const c of claimed) {
    const app = appById.get(c.applicationId);
    if (!app) continue;
    const q = readQueue(c, c.activeSince);
    if (q.state !== "NO_WORK") continue;
    const named = app.gig.coordinator;
    const last = lastOf.get(app.id) ?? null;
    const recipients = responsibleCoordinators({
      gigCoordinator: named
        ? { id: named.id, active: named.disabledAt === null && (named.role === "COORDINATOR" || named.role === "ADMIN") }
        : null,
      lastStaffActorId: last && active.has(last) ? last : null,
      allCoordinatorIds: fallback,
    });
    const line = `${app.profile.displayName} on "${app.gig.title}" (${app.gig.lab.name}): ${QUEUE_REASON_LABELS[q.reason].toLowerCase()}, check-again date ${q.checkAgainOn} passed`;
    for (const r of recipients) perCoordinator.set(r, [...(perCoordinator.get(r) ?? []), line]);
    notes.push({
      userId: app.profile.userId,
      kind: "engagement.queue_overdue",
      link: `/me/applications/${app.id}#work`,
      ...overdueQueueMessage(q, app.gig.title, app.gig.lab.name, day),
    });
    events.push({
      actorRole: "SYSTEM",
      action: "engagement.queue_reminder",
      entityType: "Application",
      entityId: app.id,
      after: { reason: q.reason, checkAgainOn: q.checkAgainOn, coordinators: recipients } as Prisma.InputJsonValue,
    });
  }
  for (const [coordinatorId, lines] of perCoordinator) {
    seen.add(coordinatorId);
    notes.push({
      userId: coordinatorId,
      kind: "coordinator.queue_overdue",
      title: `${lines.length} work queue${lines.length === 1 ? "" : "s"} past the check-again date`,
      body: `The lab has not updated the queue status after the date it gave. Ask the lab for an update:\n${lines.map((l) => `- ${l}`).join("\n")}`,
      link: "/coord",
    });
  }
  await notifyEach(tx, notes);
  if (events.length) await tx.event.createMany({ data: events });
}

// ------------------------------------------------------------------ offboarding and appeals

/**
 * Offboards or removes an ACTIVE person: the reason code, the evidence and the name of who decided
 * are recorded with the stage change in one transaction; the person reads them on their tracker
 * and can appeal.
 */
export async function offboardEngagement(
  gigId: string,
  applicationId: string,
  input: OffboardInput & { version: number },
  actor: ActingUser,
): Promise<WorkResult<{ message: string }>> {
  return db().$transaction(async (tx): Promise<WorkResult<{ message: string }>> => {
    const app = await loadOnGig(tx, gigId, applicationId);
    if (!app) return notFound();
    if (!isLabSide(actorRoleFor(actor, app))) return notFound();
    if (app.stage !== "ACTIVE") return fail(409, "Only an active person can be offboarded.", { code: "NOT_ACTIVE" });
    const engagement = await ensureEngagement(tx, app);
    const summary = offboardSummary(input);
    const moved = await transitionApplication(app.id, "OFFBOARDED", actor, {
      expectedVersion: input.version,
      reason: `${summary} Evidence: ${input.evidence}`,
      tx,
      offboardingRecorded: true,
    });
    if (!moved.ok) return fail(moved.status, moved.message, { code: moved.code ?? "REFUSED" });
    const info = OFFBOARD_REASON_INFO[input.reasonCode];
    await tx.engagement.update({
      where: { id: engagement.id },
      data: {
        offboardKind: info.kind,
        offboardReason: input.reasonCode,
        offboardEvidence: input.evidence,
        offboardDecidedBy: input.decidedBy,
        offboardRecordedById: actor.id,
        offboardedAt: new Date(),
      },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "engagement.offboarded",
        entityType: "Application",
        entityId: app.id,
        after: { kind: info.kind, reasonCode: input.reasonCode, evidence: input.evidence, decidedBy: input.decidedBy },
        ip: actor.ip,
      },
      tx,
    );
    return {
      ok: true,
      message: `${app.profile.displayName} was ${info.kind === "REMOVAL" ? "removed" : "offboarded"}. They can read the reason and evidence and ask for a review.`,
    };
  });
}

/**
 * Answers an open appeal. For an offboarding or removal the answer must come from a coordinator
 * other than the one who decided: neither the user who recorded it nor the person named as deciding.
 */
export async function answerAppeal(
  appealId: string,
  outcome: string,
  actor: ActingUser & { name: string },
): Promise<WorkResult<{ message: string }>> {
  return db().$transaction(async (tx): Promise<WorkResult<{ message: string }>> => {
    const appeal = await tx.appeal.findUnique({
      where: { id: appealId },
      include: { application: { include: { engagement: true, profile: { select: { userId: true } }, gig: { select: { title: true } } } } },
    });
    if (!appeal) return notFound("No such review request.");
    if (appeal.status !== "OPEN") return fail(409, "This review was already answered.", { code: "ANSWERED" });
    const e = appeal.application.engagement;
    // Offboarding decisions name who decided; declines keep their earlier rule (any coordinator).
    const decision = e?.offboardedAt
      ? { recordedById: e.offboardRecordedById, decidedBy: e.offboardDecidedBy }
      : { recordedById: null, decidedBy: null };
    const allowed = canAnswerAppeal(actor, decision);
    if (!allowed.ok) return fail(403, allowed.message, { code: "SAME_DECIDER", errors: { outcome: [allowed.message] } });
    const claimed = await tx.appeal.updateMany({
      where: { id: appeal.id, status: "OPEN" },
      data: { status: "ANSWERED", outcome, answeredById: actor.id, answeredAt: new Date() },
    });
    if (claimed.count !== 1) return fail(409, "This review was already answered.", { code: "ANSWERED" });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "appeal.answered",
        entityType: "Appeal",
        entityId: appeal.id,
        after: { outcome },
        ip: actor.ip,
      },
      tx,
    );
    await notifyUsers(tx, [appeal.application.profile.userId], {
      kind: "appeal.answered",
      title: `Your review request for "${appeal.application.gig.title}" was answered`,
      body: outcome,
      link: `/me/applications/${appeal.applicationId}`,
    });
    return { ok: true, message: "Answer sent. The person can read it on their application page." };
  });
}

// ------------------------------------------------------------------ read models

export interface WorkView {
  applicationId: string;
  active: boolean;
  activeSince: string | null;
  firstWorkDate: string | null;
  payUnit: "HOUR" | "TASK";
  currency: string;
  rateCents: number | null;
  queue: {
    state: "WORK_AVAILABLE" | "NO_WORK";
    label: string;
    reason: string | null;
    reasonLabel: string | null;
    checkAgainOn: string | null;
    note: string;
    setAt: string;
    overdue: boolean;
  };
  totals: ReturnType<typeof ledgerTotals>;
  entries: {
    id: string;
    workDate: string;
    what: string;
    amountCents: number;
    note: string;
    source: string;
    review: ReviewState;
    reviewNote: string | null;
    payout: PayoutState;
    payoutLabel: string;
    holdReason: string | null;
    moves: PayoutState[];
  }[];
  offboarding: { kind: string; reasonLabel: string; evidence: string; decidedBy: string; at: string } | null;
}

/** The ledger, queue and offboarding of one application (null before it was ever active). Callers check access. */
export async function workView(applicationId: string, now = new Date()): Promise<WorkView | null> {
  const app = await db().application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      stage: true,
      stageEnteredAt: true,
      gig: { select: { payUnit: true, payCurrency: true, payAmountCents: true } },
      engagement: true,
      workEntries: { orderBy: [{ workDate: "desc" }, { createdAt: "desc" }], take: 500 },
    },
  });
  if (!app || (!app.engagement && app.stage !== "ACTIVE")) return null;
  const e = app.engagement;
  const activeSince = e?.activeSince ?? app.stageEnteredAt;
  const q = readQueue(e, activeSince);
  const ledger: LedgerEntry[] = app.workEntries.map((w) => ({
    unit: w.unit,
    quantity: w.quantity,
    amountCents: w.amountCents,
    review: w.review as ReviewState,
    payout: w.payout as PayoutState,
  }));
  const reason = q.state === "NO_WORK" ? q.reason : null;
  return {
    applicationId: app.id,
    active: app.stage === "ACTIVE",
    activeSince: activeSince.toISOString(),
    firstWorkDate: e?.firstWorkDate ? dayOf(e.firstWorkDate) : null,
    payUnit: app.gig.payUnit,
    currency: app.gig.payCurrency,
    rateCents: app.gig.payAmountCents,
    queue: {
      state: q.state,
      label: queueLabel(q),
      reason,
      reasonLabel: reason ? QUEUE_REASON_LABELS[reason] : null,
      checkAgainOn: q.state === "NO_WORK" ? q.checkAgainOn : null,
      note: q.state === "NO_WORK" ? q.note : "",
      setAt: q.setAt.toISOString(),
      overdue: queueOverdue(q, today(now)),
    },
    totals: ledgerTotals(ledger),
    entries: app.workEntries.map((w) => ({
      id: w.id,
      workDate: dayOf(w.workDate),
      what: describeEntry(w),
      amountCents: w.amountCents,
      note: w.note,
      source: w.source,
      review: w.review as ReviewState,
      reviewNote: w.reviewNote,
      payout: w.payout as PayoutState,
      payoutLabel: PAYOUT_LABELS[w.payout as PayoutState],
      holdReason: w.holdReason,
      moves: w.review === "ACCEPTED" ? [...payoutMoves(w.payout as PayoutState)] : [],
    })),
    offboarding:
      e?.offboardedAt && e.offboardReason
        ? {
            kind: e.offboardKind ?? "OFFBOARDING",
            reasonLabel: OFFBOARD_REASON_INFO[e.offboardReason as keyof typeof OFFBOARD_REASON_INFO]?.label ?? e.offboardReason,
            evidence: e.offboardEvidence ?? "",
            decidedBy: e.offboardDecidedBy ?? "",
            at: e.offboardedAt.toISOString(),
          }
        : null,
  };
}

/** JSON shape of a ledger entry for the API. */
export function entryToJson(e: EntryRow): z.output<typeof workEntrySchema> {
  return {
    id: e.id,
    applicationId: e.applicationId,
    clientEntryId: e.clientEntryId,
    workDate: dayOf(e.workDate),
    unit: e.unit,
    quantity: e.quantity,
    hours: e.unit === "HOUR" ? e.quantity / 60 : null,
    tasks: e.unit === "TASK" ? e.quantity : null,
    rateCents: e.rateCents,
    amountCents: e.amountCents,
    currency: e.currency,
    note: e.note,
    source: e.source as "LAB" | "PROFESSIONAL",
    review: e.review as ReviewState,
    payout: e.payout as PayoutState,
    holdReason: e.holdReason,
    createdAt: e.createdAt.toISOString(),
  };
}

/** The gig fields the lab's work page needs, or null. */
export function gigForWork(id: string) {
  return db().gig.findUnique({ where: { id }, select: { id: true, title: true, labId: true, payCurrency: true } });
}

/** The people active on the gig (500, longest active first). */
export function activeApplications(gigId: string) {
  return db().application.findMany({
    where: { gigId, stage: "ACTIVE" },
    select: { id: true, profile: { select: { displayName: true } } },
    orderBy: { stageEnteredAt: "asc" },
    take: 500,
  });
}

/** The application as one person's work page shows it (to the lab: name, stage, version). */
export function applicationForWork(id: string) {
  return db().application.findUniqueOrThrow({
    where: { id },
    select: {
      version: true,
      stage: true,
      gig: { select: { id: true, title: true, payUnit: true } },
      profile: { select: { displayName: true } },
    },
  });
}

/** The application as the professional's own work page needs it, or null. */
export function ownApplicationForWork(id: string) {
  return db().application.findUnique({
    where: { id },
    select: { id: true, profileId: true, gig: { select: { id: true, title: true, payUnit: true } } },
  });
}

/** A gig's work entries for the API, newest work first (at most 1,000), optionally one application's. */
export function workEntriesForGig(gigId: string, applicationId?: string) {
  return db().workEntry.findMany({
    where: { gigId, ...(applicationId ? { applicationId } : {}) },
    orderBy: [{ workDate: "desc" }, { createdAt: "desc" }],
    take: 1000,
  });
}
