/**
 * Saved screeners (app/domain/screeners.ts holds the rules): list, create, save a new version,
 * read with the eligible count, and invite the people it finds to a gig.
 *
 * Who sees what: a lab's screeners are seen and edited by that lab's members (in the UI and with
 * the lab's API tokens); the coordinators' screeners by coordinators and admins. Anyone else gets
 * "not found". The eligible count is the talent search's own total for the screener's filters
 * (`countTalent`, the same query builder as the talent page), searched as the owner's audience: a
 * lab's screener only ever sees profiles shared with labs and never filters on a private field.
 */
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  type ScreenerCriteria,
  type ScreenerInput,
  type ScreenerOwner,
  criteriaToQuery,
  decideVersion,
  normalizeCriteria,
  ownerErrors,
  readCriteria,
} from "~/domain/screeners";
import { type ActingUser, inviteToGig } from "./applications.server";
import { audit } from "./audit.server";
import { type Result, fail } from "./result";
import { SearchUnavailable, countTalent, paramsToObject, searchTalent, talentSearchSchema } from "./search.server";

/** Who is acting: a lab (a member in the browser, or the lab's API token) or the coordinators. */
export type ScreenerViewer =
  | { owner: "LAB"; labId: string; userId: string | null; ip?: string }
  | { owner: "COORDINATORS"; userId: string; role: "COORDINATOR" | "ADMIN"; ip?: string };

/** The screener viewer for a signed-in user, or null when their role has no screeners. */
export function screenerViewerOf(user: Pick<ActingUser, "id" | "role" | "labId">, ip?: string): ScreenerViewer | null {
  if (user.role === "COORDINATOR" || user.role === "ADMIN") return { owner: "COORDINATORS", userId: user.id, role: user.role, ip };
  if (user.role === "LAB_MEMBER" && user.labId) return { owner: "LAB", labId: user.labId, userId: user.id, ip };
  return null;
}

const visibleTo = (v: ScreenerViewer): Prisma.ScreenerWhereInput =>
  v.owner === "LAB" ? { owner: "LAB", labId: v.labId } : { owner: "COORDINATORS" };

/** The one result shape (app/services/result.ts); every refusal here sets `code`. */
export type ServiceResult<T extends object = object> = Result<T>;

export interface ScreenerView {
  id: string;
  owner: ScreenerOwner;
  labId: string | null;
  name: string;
  version: number;
  criteria: ScreenerCriteria;
  createdAt: Date;
  updatedAt: Date;
  /** The talent search query (/talent?...) that shows exactly the eligible people. */
  query: string;
}

type Row = {
  id: string;
  owner: ScreenerOwner;
  labId: string | null;
  name: string;
  version: number;
  criteria: unknown;
  createdAt: Date;
  updatedAt: Date;
};

function toView(r: Row): ScreenerView {
  const criteria = readCriteria(r.criteria);
  return {
    id: r.id,
    owner: r.owner,
    labId: r.labId,
    name: r.name,
    version: r.version,
    criteria,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    query: criteriaToQuery(criteria, r.owner).toString(),
  };
}

/** The talent search parameters of a screener, parsed by the talent page's own schema. */
export function screenerSearchParams(s: Pick<ScreenerView, "criteria" | "owner">, page = 1) {
  const q = criteriaToQuery(s.criteria, s.owner);
  q.set("page", String(page));
  return talentSearchSchema.parse(paramsToObject(q));
}

/** The audience a screener searches as (its owner's: labs see LABS profiles and no private field). */
const audienceOf = (owner: ScreenerOwner) => ({ role: owner === "LAB" ? ("LAB_MEMBER" as const) : ("COORDINATOR" as const) });

/** How many people the screener finds right now; null when search is unavailable. */
export async function eligibleCount(s: Pick<ScreenerView, "criteria" | "owner">): Promise<number | null> {
  try {
    return await countTalent(screenerSearchParams(s), audienceOf(s.owner));
  } catch (e) {
    if (e instanceof SearchUnavailable) return null;
    throw e;
  }
}

/** One page of the eligible people, through the talent search itself (its `total` is the count). */
export async function eligiblePage(s: Pick<ScreenerView, "criteria" | "owner">, viewer: ActingUser, page: number) {
  return searchTalent(screenerSearchParams(s, page), {
    ...viewer,
    role: audienceOf(s.owner).role === "LAB_MEMBER" ? "LAB_MEMBER" : viewer.role,
  });
}

export async function listScreeners(viewer: ScreenerViewer): Promise<(ScreenerView & { eligible: number | null })[]> {
  const rows = await db().screener.findMany({ where: visibleTo(viewer), orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 200 });
  const views = rows.map(toView);
  const counts = await Promise.all(views.map((v) => eligibleCount(v)));
  return views.map((v, i) => ({ ...v, eligible: counts[i] }));
}

export async function getScreener(id: string, viewer: ScreenerViewer): Promise<ScreenerView | null> {
  const row = await db().screener.findFirst({ where: { id, ...visibleTo(viewer) } });
  return row ? toView(row) : null;
}

export interface VersionView {
  version: number;
  name: string;
  criteria: ScreenerCriteria;
  changes: string[];
  by: string;
  at: Date;
}

/** Every version, newest first, with who saved it and when. */
export async function screenerVersions(id: string): Promise<VersionView[]> {
  const rows = await db().screenerVersion.findMany({ where: { screenerId: id }, orderBy: { version: "desc" } });
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => Boolean(x)))];
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    version: r.version,
    name: r.name,
    criteria: readCriteria(r.criteria),
    changes: r.changes,
    by: r.createdById ? (users.get(r.createdById) ?? "a former user") : "an API token",
    at: r.createdAt,
  }));
}

function refuseOwner(owner: ScreenerOwner, criteria: ScreenerCriteria) {
  const errors = ownerErrors(owner, criteria);
  return Object.keys(errors).length ? fail(400, Object.values(errors).flat()[0], { code: "PRIVATE_FILTER", errors }) : null;
}

const json = (c: ScreenerCriteria) => normalizeCriteria(c) as unknown as Prisma.InputJsonValue;

export async function createScreener(input: ScreenerInput, viewer: ScreenerViewer): Promise<ServiceResult<{ screener: ScreenerView }>> {
  const refused = refuseOwner(viewer.owner, input.criteria);
  if (refused) return refused;
  const criteria = json(input.criteria);
  const row = await db().$transaction(async (tx) => {
    const s = await tx.screener.create({
      data: {
        owner: viewer.owner,
        labId: viewer.owner === "LAB" ? viewer.labId : null,
        name: input.name,
        version: 1,
        criteria,
        createdById: viewer.userId,
      },
    });
    await tx.screenerVersion.create({
      data: { screenerId: s.id, version: 1, name: input.name, criteria, changes: [], createdById: viewer.userId },
    });
    await audit(
      {
        actorId: viewer.userId,
        actorRole: viewer.owner === "LAB" ? "LAB_MEMBER" : viewer.role,
        action: "screener.created",
        entityType: "Screener",
        entityId: s.id,
        after: { name: input.name, criteria },
        ip: viewer.ip,
      },
      tx,
    );
    return s;
  });
  return { ok: true, screener: toView(row) };
}

/**
 * Saves an edit as a new version (old versions stay as they were). `baseVersion`, when given, must
 * be the current version (else 409). An edit that changes nothing saves nothing.
 */
export async function saveScreenerVersion(
  id: string,
  edit: ScreenerInput & { baseVersion?: number },
  viewer: ScreenerViewer,
): Promise<ServiceResult<{ screener: ScreenerView; changed: boolean }>> {
  const refused = refuseOwner(viewer.owner, edit.criteria);
  if (refused) return refused;
  return db().$transaction(async (tx) => {
    // Lock the row: of two concurrent edits of the same version, one wins and the other is told.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Screener" WHERE "id" = ${id} FOR UPDATE`;
    const row = locked.length ? await tx.screener.findFirst({ where: { id, ...visibleTo(viewer) } }) : null;
    if (!row) return fail(404, "No such screener.", { code: "NOT_FOUND" });
    const current = toView(row);
    const decision = decideVersion(current, edit);
    if (!decision.ok) return fail(decision.status, decision.message, { code: decision.code, errors: { _form: [decision.message] } });
    if (!decision.changed) return { ok: true as const, screener: current, changed: false };
    const criteria = json(edit.criteria);
    const updated = await tx.screener.update({ where: { id }, data: { name: edit.name, criteria, version: decision.version } });
    await tx.screenerVersion.create({
      data: { screenerId: id, version: decision.version, name: edit.name, criteria, changes: decision.changes, createdById: viewer.userId },
    });
    await audit(
      {
        actorId: viewer.userId,
        actorRole: viewer.owner === "LAB" ? "LAB_MEMBER" : viewer.role,
        action: "screener.versioned",
        entityType: "Screener",
        entityId: id,
        before: { version: current.version, name: current.name, criteria: current.criteria },
        after: { version: decision.version, name: edit.name, criteria },
        ip: viewer.ip,
      },
      tx,
    );
    return { ok: true as const, screener: toView(updated), changed: true };
  });
}

/** The version `n` of a screener the viewer sees (old versions are viewable). */
export async function screenerVersion(id: string, n: number, viewer: ScreenerViewer) {
  const s = await getScreener(id, viewer);
  if (!s) return null;
  const v = await db().screenerVersion.findUnique({ where: { screenerId_version: { screenerId: id, version: n } } });
  return v
    ? {
        screener: s,
        version: {
          version: v.version,
          name: v.name,
          criteria: readCriteria(v.criteria),
          changes: v.changes,
          createdById: v.createdById,
          at: v.createdAt,
        },
      }
    : null;
}

/** Open gigs the viewer may invite to from a screener. */
export async function screenerInviteGigs(viewer: ScreenerViewer) {
  const rows = await db().gig.findMany({
    where: { status: "OPEN", ...(viewer.owner === "LAB" ? { labId: viewer.labId } : {}) },
    select: { id: true, title: true, lab: { select: { name: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: 200,
  });
  return rows.map((g) => ({ id: g.id, title: g.title, labName: g.lab.name }));
}

/**
 * Invites one eligible person to a gig with the talent search's invitation service (which
 * re-checks that the viewer may invite to that gig and may see that person).
 */
export async function inviteFromScreener(id: string, profileId: string, gigId: string, viewer: ScreenerViewer) {
  const s = await getScreener(id, viewer);
  if (!s) return fail(404, "No such screener.", { code: "NOT_FOUND" });
  if (!viewer.userId) return fail(403, "The token's creator is no longer a member of the lab.", { code: "FORBIDDEN" });
  const actor: ActingUser =
    viewer.owner === "LAB"
      ? { id: viewer.userId, role: "LAB_MEMBER", labId: viewer.labId, ip: viewer.ip }
      : { id: viewer.userId, role: viewer.role, ip: viewer.ip };
  return inviteToGig(profileId, gigId, actor);
}
