/** Gigs: create, update and lifecycle, each in one transaction with its audit and outbox rows. */

import { db, type Tx } from "~/db.server";
import { confirmEmailMessage } from "~/domain/accounts";
import { canChangeStatus, type GigInput, type GigStatus, gigEditSchema, gigInputSchema, publishProblems } from "~/domain/gigs";
import { fromMinorUnits, toMinorUnits } from "~/domain/pay";
import { type SlaTable, resolveSlaTable } from "~/domain/onboarding";
import { daysBetween, reasonRequiredMessage, TERM_CHANGE_LABELS, type TermChange, termChanges } from "~/domain/terms";
import { env } from "~/env.server";
import type { Gig, Lab, Prisma } from "~/generated/prisma/client";
import { fieldErrors } from "~/http.server";
import { invalidateGigPage } from "~/page-cache.server";
import { row, rows, sql } from "~/sql.server";
import { enqueue } from "~/search/outbox.server";
import type { Actor } from "./actor";
import { audit } from "./audit.server";
import { notifyUsers } from "./notifications.server";
import { type FormResult, formFail } from "./result";
import { emitLabEvent } from "./webhooks.server";

export type { Actor } from "./actor";

function toData(input: GigInput) {
  return {
    title: input.title,
    description: input.description,
    taskTypes: input.taskTypes,
    modality: input.modality,
    genres: input.genres,
    formats: input.formats,
    languages: input.languages,
    hoursPerWeek: input.hoursPerWeek ?? null,
    weeklyCapHours: input.weeklyCapHours ?? null,
    payAmountCents: input.payAmount == null ? null : toMinorUnits(input.payAmount, input.payCurrency),
    payUnit: input.payUnit,
    payCurrency: input.payCurrency,
    minutesPerTask: input.minutesPerTask ?? null,
    screeningPaid: input.screeningPaid,
    screeningRateCents: input.screeningRate == null ? null : toMinorUnits(input.screeningRate, input.payCurrency),
    onboardingPaid: input.onboardingPaid,
    slots: input.slots,
    startDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
    endDate: input.endDate ? new Date(`${input.endDate}T00:00:00Z`) : null,
    timezoneMinOffset: input.timezoneMinOffset ?? null,
    timezoneMaxOffset: input.timezoneMaxOffset ?? null,
    screeningRequired: input.screeningRequired,
    screeningInstructions: input.screeningInstructions,
    ndaRequired: input.ndaRequired,
    trainingModules: input.trainingModules,
    disclosureTrains: input.disclosureTrains,
    disclosureCreativeUse: input.disclosureCreativeUse,
    disclosureRetention: input.disclosureRetention,
    noticeDays: input.noticeDays ?? null,
    rateLockDays: input.rateLockDays ?? null,
    minimumPaidHoursPerWeek: input.minimumPaidHoursPerWeek ?? null,
    killFeeCents: input.killFee == null ? null : toMinorUnits(input.killFee, input.payCurrency),
    assessmentMinutes: input.assessmentMinutes ?? null,
    trainingMinutes: input.trainingMinutes ?? null,
    assessmentPaidWhen: input.assessmentPaidWhen,
    trainingPaidWhen: input.trainingPaidWhen,
    credentialDescriptor: input.credentialDescriptor ? input.credentialDescriptor : null,
    credentialQualityNotes: input.credentialQualityNotes,
  };
}

/** The stored gig back in the input (API) shape: used to merge PATCHes and to prefill the form. */
export function gigToInput(g: Gig): Record<string, unknown> {
  const major = (minor: number | null) => (minor == null ? null : fromMinorUnits(minor, g.payCurrency));
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  return {
    title: g.title,
    description: g.description,
    taskTypes: g.taskTypes,
    modality: g.modality,
    genres: g.genres,
    formats: g.formats,
    languages: g.languages,
    hoursPerWeek: g.hoursPerWeek,
    weeklyCapHours: g.weeklyCapHours,
    payAmount: major(g.payAmountCents),
    payUnit: g.payUnit,
    payCurrency: g.payCurrency,
    minutesPerTask: g.minutesPerTask,
    screeningPaid: g.screeningPaid,
    screeningRate: major(g.screeningRateCents),
    onboardingPaid: g.onboardingPaid,
    slots: g.slots,
    startDate: day(g.startDate),
    endDate: day(g.endDate),
    timezoneMinOffset: g.timezoneMinOffset,
    timezoneMaxOffset: g.timezoneMaxOffset,
    screeningRequired: g.screeningRequired,
    screeningInstructions: g.screeningInstructions,
    ndaRequired: g.ndaRequired,
    trainingModules: g.trainingModules,
    disclosureTrains: g.disclosureTrains,
    disclosureCreativeUse: g.disclosureCreativeUse,
    disclosureRetention: g.disclosureRetention,
    noticeDays: g.noticeDays,
    rateLockDays: g.rateLockDays,
    minimumPaidHoursPerWeek: g.minimumPaidHoursPerWeek,
    killFee: major(g.killFeeCents),
    assessmentMinutes: g.assessmentMinutes,
    trainingMinutes: g.trainingMinutes,
    assessmentPaidWhen: g.assessmentPaidWhen,
    trainingPaidWhen: g.trainingPaidWhen,
    credentialDescriptor: g.credentialDescriptor ?? "",
    credentialQualityNotes: g.credentialQualityNotes,
  };
}

/** A gig use case's answer: the one result shape, narrowed so `errors` is always there (see ./result.ts). */
export type GigResult = FormResult<{ gig: Gig }>;

export async function createGig(labId: string, raw: unknown, actor: Actor): Promise<GigResult> {
  const parsed = gigInputSchema.safeParse(raw);
  if (!parsed.success) return formFail(400, fieldErrors(parsed.error));
  const gig = await db().$transaction(async (tx) => {
    const gig = await tx.gig.create({ data: { ...toData(parsed.data), labId, createdById: actor.id, status: "DRAFT" } });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "gig.created",
        entityType: "Gig",
        entityId: gig.id,
        after: { title: gig.title },
        ip: actor.ip,
      },
      tx,
    );
    await enqueue(tx, "gigs", gig.id);
    return gig;
  });
  return { ok: true, gig };
}

export async function updateGig(
  gigId: string,
  raw: unknown,
  actor: Actor,
  opts: { merge?: boolean; now?: Date } = {},
): Promise<GigResult & { changes?: TermChange[] }> {
  const existing = await db().gig.findUnique({ where: { id: gigId } });
  if (!existing) return formFail(404, { _form: ["No such gig."] });
  if (existing.status === "CLOSED") return formFail(409, { _form: ["A closed gig cannot be edited."] });
  const input = opts.merge && raw && typeof raw === "object" && !Array.isArray(raw) ? { ...gigToInput(existing), ...(raw as object) } : raw;
  const parsed = gigEditSchema.safeParse(input);
  if (!parsed.success) return formFail(400, fieldErrors(parsed.error));
  const { changeReason, changeEffectiveDate, ...fields } = parsed.data;
  const data = toData(fields);
  if (existing.status === "OPEN" || existing.status === "PAUSED") {
    // A published gig keeps its pay terms, task types and disclosure: edits cannot remove them.
    const problems = publishProblems({ ...existing, ...data, status: existing.status });
    if (problems.length)
      return formFail(422, { _form: ["A published gig must keep its terms and disclosure.", ...problems] }, { code: "INCOMPLETE" });
  }
  const now = opts.now ?? new Date();
  // Changes against the promised terms: refused without a reason when they break a promise.
  const changes = termChanges(
    existing,
    { ...existing, ...data },
    now,
    changeEffectiveDate ? new Date(`${changeEffectiveDate}T00:00:00Z`) : null,
  );
  const refusal = reasonRequiredMessage(changes);
  if (refusal && !changeReason) return formFail(422, { changeReason: [refusal] }, { code: "TERMS_REASON_REQUIRED" });
  const gig = await db().$transaction(async (tx) => {
    const gig = await tx.gig.update({ where: { id: gigId }, data });
    await audit({ actorId: actor.id, actorRole: actor.role, action: "gig.updated", entityType: "Gig", entityId: gig.id, ip: actor.ip }, tx);
    await recordTermChanges(tx, existing, changes, changeReason, actor);
    await enqueue(tx, "gigs", gig.id);
    return gig;
  });
  invalidateGigPage(gigId); // after the commit: see app/page-cache.server.ts
  return { ok: true, gig, changes };
}

/**
 * Writes the term changes (GigTermChange, one audit entry each) and tells everyone on the gig at
 * once: applicants and people onboarding or active (notification + email through the outbox).
 */
async function recordTermChanges(tx: Tx, gig: Gig, changes: readonly TermChange[], reason: string, actor: Actor): Promise<void> {
  if (!changes.length) return;
  for (const c of changes) {
    const row = await tx.gigTermChange.create({
      data: {
        gigId: gig.id,
        labId: gig.labId,
        kind: c.kind,
        before: c.before,
        after: c.after,
        promisedNoticeDays: c.promisedNoticeDays,
        actualNoticeDays: c.actualNoticeDays,
        effectiveAt: c.effectiveAt,
        withinPromise: c.withinPromise,
        reason: reason.trim(),
        actorId: actor.id,
        actorRole: actor.role,
      },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "gig.terms_changed",
        entityType: "Gig",
        entityId: gig.id,
        before: c.before,
        after: { ...c.after, kind: c.kind, withinPromise: c.withinPromise, changeId: row.id },
        ip: actor.ip,
      },
      tx,
    );
  }
  const affected = await tx.application.findMany({
    where: { gigId: gig.id, stage: { notIn: ["WITHDRAWN", "DECLINED", "OFFBOARDED"] } },
    select: { profile: { select: { userId: true } } },
  });
  const broken = changes.some((c) => !c.withinPromise);
  await notifyUsers(
    tx,
    affected.map((a) => a.profile.userId),
    {
      kind: "gig.terms_changed",
      title: broken ? `"${gig.title}": the terms changed with less notice than promised` : `"${gig.title}": the terms changed`,
      body: `${changes.map((c) => c.summary).join(" ")}${reason.trim() ? ` The lab's reason: ${reason.trim()}` : ""}`,
      link: `/gigs/${gig.id}#term-changes`,
    },
  );
}

/** The recorded changes of a gig, newest first (gig page, tracker, API). */
export async function listTermChanges(gigId: string, since?: Date) {
  return db().gigTermChange.findMany({
    where: { gigId, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export async function changeGigStatus(
  gigId: string,
  to: GigStatus,
  actor: Actor,
  opts: { reason?: string | null; acknowledgeLowPay?: boolean } = {},
): Promise<GigResult> {
  const result = await db().$transaction(async (tx): Promise<GigResult> => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Gig" WHERE id = ${gigId} FOR UPDATE`;
    if (rows.length === 0) return formFail(404, { _form: ["No such gig."] });
    const gig = await tx.gig.findUniqueOrThrow({ where: { id: gigId } });
    // A lab opens a gig only from a confirmed address (through the API: the token's creator).
    if (to === "OPEN" && (actor.role === "LAB_MEMBER" || actor.role === "API_TOKEN")) {
      const who = actor.id ? await tx.user.findUnique({ where: { id: actor.id }, select: { emailVerifiedAt: true } }) : null;
      if (!who?.emailVerifiedAt) {
        return formFail(403, { status: [confirmEmailMessage("open-gig")] }, { code: "EMAIL_NOT_CONFIRMED" });
      }
    }
    const activePeople = await tx.application.count({
      where: { gigId, stage: { in: ["ACTIVE", "TRAINING", "PAYMENT_SETUP", "CONTRACTING"] } },
    });
    const check = canChangeStatus(gig, to, {
      activePeople,
      reason: opts.reason,
      floorCentsPerHour: env().PAY_FLOOR_CENTS_PER_HOUR,
      acknowledgeLowPay: opts.acknowledgeLowPay,
    });
    if (!check.ok) {
      return formFail(
        check.code === "NOT_ALLOWED" ? 409 : 400,
        { status: [check.message, ...(check.problems ?? [])] },
        { code: check.code },
      );
    }
    const updated = await tx.gig.update({
      where: { id: gigId },
      data: {
        status: to,
        closedReason: to === "CLOSED" ? opts.reason?.trim() || null : gig.closedReason,
        publishedAt: to === "OPEN" && !gig.publishedAt ? new Date() : gig.publishedAt,
      },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "gig.status_changed",
        entityType: "Gig",
        entityId: gigId,
        before: { status: gig.status },
        after: { status: to, reason: opts.reason ?? null },
        ip: actor.ip,
      },
      tx,
    );
    if (gig.status !== to)
      await emitLabEvent(tx, { type: "gig.status_changed", labId: gig.labId, gigId, fromStatus: gig.status, toStatus: to });
    // Closing a gig people work on before its end date ends it early: recorded against the notice promised.
    const now = new Date();
    if (to === "CLOSED" && activePeople > 0 && gig.publishedAt && gig.endDate && daysBetween(now, gig.endDate) > 0) {
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const today = day(now);
      const within = gig.noticeDays == null || gig.noticeDays === 0;
      await recordTermChanges(
        tx,
        gig,
        [
          {
            kind: "END_EARLY",
            before: { value: day(gig.endDate), text: day(gig.endDate) },
            after: { value: today, text: today },
            promisedNoticeDays: gig.noticeDays,
            actualNoticeDays: 0,
            effectiveAt: now,
            withinPromise: within,
            summary: `The lab closed the gig today instead of on ${day(gig.endDate)}: no notice${gig.noticeDays ? ` (promised: ${gig.noticeDays} days)` : ""}.`,
          },
        ],
        opts.reason ?? "",
        actor,
      );
    }
    await enqueue(tx, "gigs", gigId);
    if (to === "CLOSED") {
      const affected = await tx.application.findMany({
        where: { gigId, stage: { notIn: ["WITHDRAWN", "DECLINED", "OFFBOARDED"] } },
        select: { profile: { select: { userId: true } } },
      });
      await notifyUsers(
        tx,
        affected.map((a) => a.profile.userId),
        {
          kind: "gig.closed",
          title: `"${gig.title}" has closed`,
          body: opts.reason?.trim() ? `The lab closed this gig: ${opts.reason.trim()}` : "The lab closed this gig.",
          link: `/gigs/${gigId}`,
        },
      );
    }
    return { ok: true as const, gig: updated };
  });
  invalidateGigPage(gigId); // after the commit: see app/page-cache.server.ts
  return result;
}

// ---------------------------------------------------------------- JSON API helpers

/**
 * Creates a DRAFT gig inside a transaction the caller owns, so the JSON API can store its
 * idempotency record atomically with the gig. `input` must already be parsed by gigInputSchema.
 */
export async function createGigInTx(tx: import("~/db.server").Tx, labId: string, input: GigInput, actor: Actor): Promise<Gig> {
  const gig = await tx.gig.create({ data: { ...toData(input), labId, createdById: actor.id, status: "DRAFT" } });
  await audit(
    {
      actorId: actor.id,
      actorRole: actor.role,
      action: "gig.created",
      entityType: "Gig",
      entityId: gig.id,
      after: { title: gig.title },
      ip: actor.ip,
    },
    tx,
  );
  await enqueue(tx, "gigs", gig.id);
  return gig;
}

/** Recorded term changes as the UI shows them (app/components/terms.tsx). */
export async function termChangeViews(gigId: string, since?: Date) {
  return (await listTermChanges(gigId, since)).map((c) => termChangeView({ ...c, createdAt: c.createdAt.toISOString() }));
}

/** One recorded change as the pages show it (`createdAt` as ISO text). */
export function termChangeView(c: {
  id: string;
  kind: string;
  before: unknown;
  after: unknown;
  promisedNoticeDays: number | null;
  actualNoticeDays: number;
  withinPromise: boolean;
  reason: string;
  createdAt: string;
}) {
  const text = (v: unknown) => (v && typeof v === "object" && "text" in v ? String((v as { text: unknown }).text) : "");
  return {
    id: c.id,
    label: TERM_CHANGE_LABELS[c.kind as keyof typeof TERM_CHANGE_LABELS] ?? c.kind,
    before: text(c.before),
    after: text(c.after),
    promisedNoticeDays: c.promisedNoticeDays,
    actualNoticeDays: c.actualNoticeDays,
    withinPromise: c.withinPromise,
    reason: c.reason,
    createdAt: c.createdAt,
  };
}

export type TermChangeView = ReturnType<typeof termChangeView>;

/** The gig row, or null. */
export function getGig(id: string) {
  return db().gig.findUnique({ where: { id } });
}

/**
 * The same gig row as `getGig`, read on the bare pg pool (decision 0032): the apply action reads
 * it on every application (tests/integration/apply-writes.test.ts compares the two).
 */
export function getGigRow(id: string): Promise<Gig | null> {
  return row<Gig>(sql`SELECT g.* FROM "Gig" g WHERE g.id = ${id}`);
}

/** A gig with its lab (every Lab column) and the lab's logo hash: the shape Prisma's `include` gave. */
export type GigWithLab = Gig & { lab: Lab & { logo: { sha256: string } | null } };

export type GigLabRow = Gig & {
  __labSlug: string;
  __labName: string;
  __labDescription: string;
  __labWebsite: string;
  __labCreatedAt: Date;
  __labUpdatedAt: Date;
  __logoSha256: string | null;
};

export function withLab(row: GigLabRow): GigWithLab {
  const { __labSlug, __labName, __labDescription, __labWebsite, __labCreatedAt, __labUpdatedAt, __logoSha256, ...gig } = row;
  return {
    ...gig,
    lab: {
      id: gig.labId,
      slug: __labSlug,
      name: __labName,
      description: __labDescription,
      website: __labWebsite,
      createdAt: __labCreatedAt,
      updatedAt: __labUpdatedAt,
      logo: __logoSha256 == null ? null : { sha256: __logoSha256 },
    },
  };
}

/**
 * Gig + Lab + LabLogo hash in ONE statement (Prisma's `include` sent three; decision 0029), on the
 * bare pg pool (app/sql.server.ts, decision 0032). The gig's columns come from `g.*`, so a new Gig
 * column needs no change here; the same value as
 * `db().gig.findUnique({ include: { lab: { include: { logo: { select: { sha256: true } } } } } })`
 * (tests/integration/hot-reads.test.ts).
 */
const GIG_LAB_SELECT = `
    SELECT g.*, l.slug AS "__labSlug", l.name AS "__labName", l.description AS "__labDescription", l.website AS "__labWebsite",
           l."createdAt" AS "__labCreatedAt", l."updatedAt" AS "__labUpdatedAt", lo.sha256 AS "__logoSha256"
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "LabLogo" lo ON lo."labId" = l.id
    WHERE `;

/** The gig with its lab and the lab's logo hash (the gig page), or null. */
export async function gigWithLab(id: string): Promise<GigWithLab | null> {
  const [row] = await rows<GigLabRow>({ text: `${GIG_LAB_SELECT}g.id = $1`, values: [id] });
  return row ? withLab(row) : null;
}

/** The gigs among `ids` with their labs and logo hashes, in no particular order. */
export async function gigsWithLab(ids: string[], opts: { openOnly?: boolean } = {}): Promise<GigWithLab[]> {
  if (ids.length === 0) return [];
  const where = opts.openOnly ? `g.id = ANY($1::text[]) AND g.status = 'OPEN'` : "g.id = ANY($1::text[])";
  return (await rows<GigLabRow>({ text: GIG_LAB_SELECT + where, values: [ids] })).map(withLab);
}

/** The open gigs among `ids` with their labs and logo hashes (a search results page), in no particular order. */
export function openGigsWithLab(ids: string[]): Promise<GigWithLab[]> {
  return gigsWithLab(ids, { openOnly: true });
}

/** What the board reads of its gig (the long texts and terms it does not show are left out). */
interface BoardGigRow {
  id: string;
  labId: string;
  title: string;
  status: Gig["status"];
  screeningRequired: boolean;
  ndaRequired: boolean;
  trainingModules: string[];
  coordinatorId: string | null;
  labName: string;
  labSlug: string;
  coordinatorName: string | null;
}

const BOARD_GIG_COLUMNS = `
    SELECT g.id, g."labId", g.title, g.status::text AS status, g."screeningRequired", g."ndaRequired", g."trainingModules",
           g."coordinatorId", l.name AS "labName", l.slug AS "labSlug", c.name AS "coordinatorName"`;

function boardGigOf(r: BoardGigRow) {
  return {
    id: r.id,
    labId: r.labId,
    title: r.title,
    status: r.status,
    screeningRequired: r.screeningRequired,
    ndaRequired: r.ndaRequired,
    trainingModules: r.trainingModules,
    coordinatorId: r.coordinatorId,
    lab: { name: r.labName, slug: r.labSlug },
    coordinator: r.coordinatorId != null && r.coordinatorName != null ? { id: r.coordinatorId, name: r.coordinatorName } : null,
  };
}

export type BoardGig = ReturnType<typeof boardGigOf>;

/**
 * The gig with its lab's name and slug and its responsible coordinator (the board), in one statement
 * on the bare pg pool (decision 0036): only the columns the board and its actions use. Equal to the
 * Prisma `select` it stands for (tests/integration/hot-reads.test.ts).
 */
export async function gigForBoard(id: string): Promise<BoardGig | null> {
  const r = await row<BoardGigRow>({
    text: `${BOARD_GIG_COLUMNS}
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "User" c ON c.id = g."coordinatorId"
    WHERE g.id = $1`,
    values: [id],
  });
  return r ? boardGigOf(r) : null;
}

/**
 * The board page's reads besides the session and the applications, in ONE statement (was three):
 * `gigForBoard`, the SLA table (`currentSlaTable`) and, when `staff` (only staff choose the
 * responsible coordinator), the enabled coordinators and admins by name (`assignableStaff`).
 * Null when there is no such gig. tests/integration/hot-reads.test.ts compares it with the three.
 */
export async function boardPageReads(
  id: string,
  opts: { staff: boolean },
): Promise<{ gig: BoardGig; sla: SlaTable; staff: StaffMember[] } | null> {
  const r = await row<BoardGigRow & { __sla: { stage: string; days: number | null }[]; __staff: StaffMember[] | null }>({
    text: `${BOARD_GIG_COLUMNS},
           (SELECT coalesce(json_agg(json_build_object('stage', s.stage::text, 'days', s.days)), '[]'::json)
              FROM "StageSla" s) AS "__sla",
           CASE WHEN $2::boolean THEN
             (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role::text) ORDER BY u.name ASC), '[]'::json)
                FROM "User" u WHERE u.role IN ('COORDINATOR', 'ADMIN') AND u."disabledAt" IS NULL)
           END AS "__staff"
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "User" c ON c.id = g."coordinatorId"
    WHERE g.id = $1`,
    values: [id, opts.staff],
  });
  if (!r) return null;
  return { gig: boardGigOf(r), sla: resolveSlaTable(r.__sla), staff: opts.staff ? (r.__staff ?? []) : [] };
}

export interface StaffMember {
  id: string;
  name: string;
  role: "COORDINATOR" | "ADMIN";
}

// ---- Reads for the JSON API (app/api/gigs.server.ts, app/api/work.server.ts): always scoped to the caller's lab.

/** The lab's gig with this id, or null (another lab's gig is indistinguishable from a missing one). */
export function labGigOrNull(labId: string, id: string): Promise<Gig | null> {
  return db().gig.findFirst({ where: { id, labId } });
}

/** One page of the lab's gigs, newest first; `cursorWhere` is the keyset fragment of the API's cursor. */
export function labGigsPage(labId: string, status: GigStatus | null, cursorWhere: Prisma.GigWhereInput, take: number) {
  return db().gig.findMany({
    where: { labId, ...(status ? { status } : {}), ...cursorWhere },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}

/** One page of a gig's applicants with only what labs may see: never rates, demographics, contact details or notes. */
export function gigApplicantsPage(gigId: string, cursorWhere: Prisma.ApplicationWhereInput, take: number) {
  return db().application.findMany({
    where: { gigId, ...cursorWhere },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      stage: true,
      origin: true,
      matchScore: true,
      matchReasons: true,
      createdAt: true,
      profile: { select: { id: true, displayName: true, headline: true } },
    },
  });
}

/** A gig's recorded term changes, newest first (at most 500). */
export function gigTermChanges(gigId: string) {
  return db().gigTermChange.findMany({ where: { gigId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
}
