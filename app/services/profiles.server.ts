/**
 * Professional profiles: the profile editor, credits (add / edit / remove / reorder / verify)
 * and what each kind of viewer may see. Every credit write runs in one transaction with the
 * transfer recompute, the people-index outbox row and the audit entry.
 */
import { db } from "~/db.server";
import type { Tx } from "~/db.server";
import type { Credit, Profile } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import { LEGAL_TEXTS } from "~/domain/legal";
import { toMinorUnits, fromMinorUnits, formatMoney } from "~/domain/pay";
import {
  type CreditInput,
  type ProfileInput,
  type Demographics,
  DEMOGRAPHICS_NOTICE,
  DEMOGRAPHIC_FIELDS,
  creditDepartment,
  creditInputSchema,
  currentUtcYear,
  profileCompleteness,
  profileFormToInput,
  profileInputSchema,
  workingLanguageCodes,
} from "~/domain/profile";
import { normaliseShowTitle } from "~/domain/transfer";
import type { FieldErrors } from "~/http.server";
import { profileAccess } from "~/permissions.server";
import { enqueue } from "~/search/outbox.server";
import type { SessionUser } from "~/session.server";
import { audit } from "./audit.server";
import { profileLanguages } from "./people.server";
import type { Actor } from "./actor";
import { type FormResult, formFail } from "./result";
import { getTransferProfile, lockProfile, recomputeProfileTransfer } from "./transfer.server";

export type { Actor } from "./actor";

export const CREDIT_ORDER = [
  { position: "asc" },
  { startYear: "desc" },
  { createdAt: "asc" },
  { id: "asc" },
] as const satisfies Prisma.CreditOrderByWithRelationInput[];

/** The one result shape, narrowed so `errors` is always there (see ./result.ts). */
type Result<T extends object = object> = FormResult<T>;

const TX = { timeout: 30_000, maxWait: 10_000 };

// ---------------------------------------------------------------------------
// Profile editor
// ---------------------------------------------------------------------------

export async function loadOwnProfile(profileId: string) {
  return db().profile.findUnique({
    where: { id: profileId },
    include: { credits: { orderBy: [...CREDIT_ORDER] }, user: { select: { email: true } } },
  });
}

export function completenessOf(p: Profile, creditCount: number) {
  return profileCompleteness({
    headline: p.headline,
    bio: p.bio,
    location: p.location,
    languages: profileLanguages(p),
    hoursPerWeek: p.hoursPerWeek,
    minRateCents: p.minRateCents,
    availableFrom: p.availableFrom,
    links: p.links,
    aiUseConsentAt: p.aiUseConsentVersion === LEGAL_TEXTS.AI_USE_TERMS.version ? p.aiUseConsentAt : null,
    creditCount,
  });
}

function storedDemographics(p: Profile): Demographics {
  const raw = p.demographics;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const out: Demographics = {};
  for (const f of DEMOGRAPHIC_FIELDS) {
    const v = (raw as Record<string, unknown>)[f.key];
    if (typeof v === "string") out[f.key] = v;
  }
  return out;
}

/** The owner's editor values (strings, as the form expects them). Only ever sent to the owner. */
export function profileFormValues(p: Profile): Record<string, unknown> {
  const langs = profileLanguages(p);
  const values: Record<string, unknown> = {
    headline: p.headline,
    bio: p.bio,
    location: p.location,
    timezone: p.timezone,
    hoursPerWeek: p.hoursPerWeek ?? "",
    minRate: p.minRateCents != null ? String(fromMinorUnits(p.minRateCents, p.rateCurrency)) : "",
    rateCurrency: p.rateCurrency,
    availableFrom: p.availableFrom ? p.availableFrom.toISOString().slice(0, 10) : "",
    links: p.links.join("\n"),
    aiUseConsent: p.aiUseConsentVersion === LEGAL_TEXTS.AI_USE_TERMS.version && p.aiUseConsentAt ? "on" : "",
    demographicsOptIn: p.demographicsOptIn ? "on" : "",
    visibility: p.visibility,
  };
  langs.forEach((l, i) => {
    values[`langCode${i}`] = l.code;
    values[`langLevel${i}`] = l.level;
  });
  const demo = storedDemographics(p);
  for (const f of DEMOGRAPHIC_FIELDS) values[`demo_${f.key}`] = demo[f.key] ?? "";
  return values;
}

/** Schema paths → the editor's field names (languages.2.code → langCode2). */
function editorFieldErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    let field = key;
    const lang = /^languages\.(\d+)\.(code|level)$/.exec(key);
    if (lang) field = `${lang[2] === "code" ? "langCode" : "langLevel"}${lang[1]}`;
    else if (key === "languages") field = "langCode0";
    else if (key.startsWith("links")) field = "links";
    else if (key.startsWith("demographics.")) field = `demo_${key.slice("demographics.".length)}`;
    addError(out, field, ...messages);
  }
  return out;
}

function toFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    addError(out, key, issue.message);
  }
  return out;
}

export async function updateProfile(profileId: string, form: Record<string, unknown>, actor: Actor & { id: string }): Promise<Result> {
  const parsed = profileInputSchema.safeParse(profileFormToInput(form));
  if (!parsed.success) return formFail(400, editorFieldErrors(toFieldErrors(parsed.error.issues)));
  return saveProfile(profileId, parsed.data, actor);
}

/** Saves an already validated profile (the editor parses with `profileEditorSchema`). */
export async function saveProfile(profileId: string, input: ProfileInput, actor: Actor & { id: string }): Promise<Result> {
  const consentVersion = LEGAL_TEXTS.AI_USE_TERMS.version;
  await db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    const before = await tx.profile.findUniqueOrThrow({ where: { id: profileId } });
    const now = new Date();
    const hadConsent = Boolean(before.aiUseConsentAt) && before.aiUseConsentVersion === consentVersion;
    const consent: Partial<Pick<Profile, "aiUseConsentAt" | "aiUseConsentVersion">> = {};
    if (input.aiUseConsent && !hadConsent) {
      consent.aiUseConsentAt = now;
      consent.aiUseConsentVersion = consentVersion;
      await tx.consentRecord.create({ data: { userId: actor.id, kind: "AI_USE_TERMS", textVersion: consentVersion, acceptedAt: now } });
    } else if (!input.aiUseConsent && before.aiUseConsentAt) {
      consent.aiUseConsentAt = null;
      consent.aiUseConsentVersion = null;
    }
    if (input.demographicsOptIn && !before.demographicsOptIn) {
      await tx.consentRecord.create({
        data: { userId: actor.id, kind: "DEMOGRAPHICS", textVersion: DEMOGRAPHICS_NOTICE.version, acceptedAt: now },
      });
    }
    const data = {
      headline: input.headline,
      bio: input.bio,
      location: input.location,
      timezone: input.timezone,
      languages: input.languages,
      languageCodes: workingLanguageCodes(input.languages),
      hoursPerWeek: input.hoursPerWeek ?? null,
      minRateCents: input.minRate != null ? toMinorUnits(input.minRate, input.rateCurrency) : null,
      rateCurrency: input.rateCurrency,
      availableFrom: input.availableFrom ? new Date(`${input.availableFrom}T00:00:00Z`) : null,
      links: input.links,
      demographicsOptIn: input.demographicsOptIn,
      demographics: input.demographics && Object.keys(input.demographics).length > 0 ? input.demographics : Prisma.DbNull,
      visibility: input.visibility,
      ...consent,
    };
    const after = await tx.profile.update({ where: { id: profileId }, data });
    await enqueue(tx, "people", profileId);
    // The audit log names changed fields but never records demographic answers or the rate.
    const changed = (Object.keys(data) as (keyof typeof data)[]).filter(
      (k) =>
        JSON.stringify((before as Record<string, unknown>)[k] ?? null) !== JSON.stringify((after as Record<string, unknown>)[k] ?? null),
    );
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "profile.updated",
        entityType: "Profile",
        entityId: profileId,
        after: {
          changed,
          ...(consent.aiUseConsentAt ? { aiUseConsent: "accepted", version: consentVersion } : {}),
          ...(consent.aiUseConsentAt === null ? { aiUseConsent: "withdrawn" } : {}),
        },
        ip: actor.ip,
      },
      tx,
    );
  }, TX);
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Credits
// ---------------------------------------------------------------------------

export const CREDIT_FORM_ARRAYS = ["genres"] as const;

function creditData(input: CreditInput) {
  return {
    showTitle: input.showTitle,
    showTitleNorm: normaliseShowTitle(input.showTitle),
    network: input.network,
    format: input.format,
    genres: input.genres,
    role: input.role,
    department: creditDepartment(input.role),
    startYear: input.startYear,
    endYear: input.endYear,
    episodes: input.episodes,
  };
}

function creditSnapshot(c: Credit) {
  return {
    showTitle: c.showTitle,
    network: c.network,
    format: c.format,
    genres: c.genres,
    role: c.role,
    startYear: c.startYear,
    endYear: c.endYear,
    episodes: c.episodes,
    verified: Boolean(c.verifiedAt),
  };
}

export function parseCredit(raw: Record<string, unknown>): Result<{ credit: CreditInput }> {
  const parsed = creditInputSchema(currentUtcYear()).safeParse(raw);
  if (!parsed.success) return formFail(400, toFieldErrors(parsed.error.issues));
  return { ok: true, credit: parsed.data };
}

export async function addCredit(profileId: string, raw: Record<string, unknown>, actor: Actor): Promise<Result<{ creditId: string }>> {
  const parsed = parseCredit(raw);
  if (!parsed.ok) return parsed;
  const credit = await db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    const last = await tx.credit.aggregate({ where: { profileId }, _max: { position: true } });
    const created = await tx.credit.create({
      data: { profileId, ...creditData(parsed.credit), position: (last._max.position ?? -1) + 1 },
    });
    await recomputeProfileTransfer(tx, profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "credit.created",
        entityType: "Credit",
        entityId: created.id,
        after: creditSnapshot(created),
        ip: actor.ip,
      },
      tx,
    );
    return created;
  }, TX);
  return { ok: true, creditId: credit.id };
}

const notFoundResult = formFail(404, { _form: ["This credit does not exist or is not yours."] });

export async function updateCredit(
  profileId: string,
  creditId: string,
  raw: Record<string, unknown>,
  actor: Actor,
): Promise<Result<{ unverified: boolean }>> {
  const parsed = parseCredit(raw);
  if (!parsed.ok) return parsed;
  return db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    const before = await tx.credit.findFirst({ where: { id: creditId, profileId } });
    if (!before) return notFoundResult;
    const data = creditData(parsed.credit);
    const substantive =
      before.showTitleNorm !== data.showTitleNorm ||
      before.role !== data.role ||
      before.format !== data.format ||
      before.startYear !== data.startYear ||
      before.endYear !== data.endYear ||
      before.episodes !== data.episodes;
    // A verification vouches for the facts as they were; changing them clears it.
    const unverified = Boolean(before.verifiedAt) && substantive;
    const after = await tx.credit.update({
      where: { id: creditId },
      data: { ...data, ...(unverified ? { verifiedAt: null, verifiedById: null, verificationNote: null } : {}) },
    });
    await recomputeProfileTransfer(tx, profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "credit.updated",
        entityType: "Credit",
        entityId: creditId,
        before: creditSnapshot(before),
        after: creditSnapshot(after),
        ip: actor.ip,
      },
      tx,
    );
    return { ok: true as const, unverified };
  }, TX);
}

export async function deleteCredit(profileId: string, creditId: string, actor: Actor): Promise<Result> {
  return db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    const before = await tx.credit.findFirst({ where: { id: creditId, profileId } });
    if (!before) return notFoundResult;
    await tx.credit.delete({ where: { id: creditId } });
    await renumber(tx, profileId);
    await recomputeProfileTransfer(tx, profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "credit.deleted",
        entityType: "Credit",
        entityId: creditId,
        before: creditSnapshot(before),
        ip: actor.ip,
      },
      tx,
    );
    return { ok: true as const };
  }, TX);
}

/** Positions 0..n-1 in display order, optionally moving one credit by one place. */
async function renumber(tx: Tx, profileId: string, move?: { creditId: string; direction: "up" | "down" }): Promise<boolean> {
  const credits = await tx.credit.findMany({ where: { profileId }, orderBy: [...CREDIT_ORDER], select: { id: true, position: true } });
  const order = credits.map((c) => c.id);
  let moved = false;
  if (move) {
    const i = order.indexOf(move.creditId);
    const j = move.direction === "up" ? i - 1 : i + 1;
    if (i >= 0 && j >= 0 && j < order.length) {
      [order[i], order[j]] = [order[j], order[i]];
      moved = true;
    }
  }
  const current = new Map(credits.map((c) => [c.id, c.position]));
  for (let k = 0; k < order.length; k++) {
    if (current.get(order[k]) !== k) await tx.credit.update({ where: { id: order[k] }, data: { position: k } });
  }
  return moved;
}

export async function moveCredit(
  profileId: string,
  creditId: string,
  direction: "up" | "down",
  actor: Actor,
): Promise<Result<{ moved: boolean }>> {
  return db().$transaction(async (tx) => {
    await lockProfile(tx, profileId);
    const credit = await tx.credit.findFirst({ where: { id: creditId, profileId }, select: { id: true } });
    if (!credit) return notFoundResult;
    const moved = await renumber(tx, profileId, { creditId, direction });
    if (moved) {
      await recomputeProfileTransfer(tx, profileId);
      await audit(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: "credit.moved",
          entityType: "Credit",
          entityId: creditId,
          after: { direction },
          ip: actor.ip,
        },
        tx,
      );
    }
    return { ok: true as const, moved };
  }, TX);
}

/** Staff vouch for a credit (checked against a source); verified credits weigh more. */
export async function verifyCredit(creditId: string, note: string, actor: Actor & { id: string }): Promise<Result> {
  const trimmedNote = note.trim();
  if (trimmedNote.length > 500) return formFail(400, { note: ["Use at most 500 characters."] });
  return db().$transaction(async (tx) => {
    const before = await tx.credit.findUnique({ where: { id: creditId } });
    if (!before) return notFoundResult;
    await lockProfile(tx, before.profileId);
    await tx.credit.update({
      where: { id: creditId },
      data: { verifiedAt: new Date(), verifiedById: actor.id, verificationNote: trimmedNote || null },
    });
    await recomputeProfileTransfer(tx, before.profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "credit.verified",
        entityType: "Credit",
        entityId: creditId,
        before: { verified: Boolean(before.verifiedAt) },
        after: { verified: true, note: trimmedNote || null },
        ip: actor.ip,
      },
      tx,
    );
    return { ok: true as const };
  }, TX);
}

export async function unverifyCredit(creditId: string, actor: Actor & { id: string }): Promise<Result> {
  return db().$transaction(async (tx) => {
    const before = await tx.credit.findUnique({ where: { id: creditId } });
    if (!before) return notFoundResult;
    await lockProfile(tx, before.profileId);
    await tx.credit.update({ where: { id: creditId }, data: { verifiedAt: null, verifiedById: null, verificationNote: null } });
    await recomputeProfileTransfer(tx, before.profileId);
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "credit.unverified",
        entityType: "Credit",
        entityId: creditId,
        before: { verified: Boolean(before.verifiedAt), note: before.verificationNote },
        after: { verified: false },
        ip: actor.ip,
      },
      tx,
    );
    return { ok: true as const };
  }, TX);
}

/** A credit as the form wants it back (strings). */
export function creditFormValues(c: Credit): Record<string, unknown> {
  return {
    showTitle: c.showTitle,
    network: c.network,
    format: c.format,
    genres: c.genres,
    role: c.role,
    startYear: String(c.startYear),
    endYear: c.endYear == null ? "" : String(c.endYear),
    episodes: String(c.episodes),
  };
}

// ---------------------------------------------------------------------------
// Show-title type-ahead
// ---------------------------------------------------------------------------

/** Distinct show titles starting with (then containing) `q`, for a <datalist>. Titles only, never who. */
export async function searchShowTitles(q: string, limit = 10): Promise<string[]> {
  const norm = normaliseShowTitle(q).slice(0, 100);
  if (norm.length < 2) return [];
  const first = await db().credit.findMany({
    where: { showTitleNorm: { startsWith: norm } },
    distinct: ["showTitleNorm"],
    orderBy: { showTitleNorm: "asc" },
    select: { showTitle: true, showTitleNorm: true },
    take: limit,
  });
  const seen = new Set(first.map((r) => r.showTitleNorm));
  let rows = first;
  if (rows.length < limit) {
    const more = await db().credit.findMany({
      where: { showTitleNorm: { contains: norm }, NOT: { showTitleNorm: { startsWith: norm } } },
      distinct: ["showTitleNorm"],
      orderBy: { showTitleNorm: "asc" },
      select: { showTitle: true, showTitleNorm: true },
      take: limit - rows.length,
    });
    rows = [...rows, ...more.filter((r) => !seen.has(r.showTitleNorm))];
  }
  return rows.map((r) => r.showTitle);
}

// ---------------------------------------------------------------------------
// What a viewer may see
// ---------------------------------------------------------------------------

export interface PublicCredit {
  id: string;
  showTitle: string;
  network: string;
  format: string;
  genres: string[];
  role: string;
  department: string;
  startYear: number;
  endYear: number | null;
  episodes: number;
  verified: boolean;
}

/**
 * The profile shaped for one viewer, or null when they may not see it. Private fields are
 * only *added* for the owner and staff, so nothing private is ever serialised to others.
 * Demographics are never included: they exist only for aggregate fairness reports.
 */
/**
 * `grantPublic`: the caller has established that this viewer may see the public profile even if
 * `profileAccess` alone would not allow it (a lab looking at someone who applied to its gig).
 */
export async function profileForViewer(profileId: string, viewer: SessionUser | null, opts: { grantPublic?: boolean } = {}) {
  const profile = await db().profile.findUnique({
    where: { id: profileId },
    include: { credits: { orderBy: [...CREDIT_ORDER] }, user: { select: { email: true, disabledAt: true } } },
  });
  if (!profile) return null;
  const allowed = profileAccess(viewer, profile);
  const access = allowed === "none" && opts.grantPublic && viewer ? "public" : allowed;
  if (access === "none") return null;
  if (profile.user.disabledAt && access !== "private") return null;
  const transfer = await getTransferProfile(profile.id);
  const isOwner = viewer?.profileId === profile.id;

  const credits: PublicCredit[] = profile.credits.map((c) => ({
    id: c.id,
    showTitle: c.showTitle,
    network: c.network,
    format: c.format,
    genres: c.genres,
    role: c.role,
    department: c.department,
    startYear: c.startYear,
    endYear: c.endYear,
    episodes: c.episodes,
    verified: Boolean(c.verifiedAt),
  }));

  const base = {
    access,
    isOwner,
    id: profile.id,
    displayName: profile.displayName,
    headline: profile.headline,
    bio: profile.bio,
    location: profile.location,
    timezone: profile.timezone,
    languages: profileLanguages(profile),
    hoursPerWeek: profile.hoursPerWeek,
    links: profile.links,
    credits,
    transfer: transfer
      ? {
          guidance: transfer.result.guidance,
          scores: transfer.result.scores.map((s) => ({
            taskType: s.taskType,
            score: s.score,
            explanation: s.explanation,
            evidence: s.evidence.map((e) => ({
              creditId: e.creditId,
              showTitle: e.showTitle,
              rationale: e.rationale,
              contribution: e.contribution,
            })),
          })),
        }
      : { guidance: null, scores: [] },
  };
  if (access !== "private") return { ...base, private: null };

  let verifierNames = new Map<string, string>();
  const verifierIds = [...new Set(profile.credits.map((c) => c.verifiedById).filter((x): x is string => Boolean(x)))];
  if (verifierIds.length) {
    const users = await db().user.findMany({ where: { id: { in: verifierIds } }, select: { id: true, name: true } });
    verifierNames = new Map(users.map((u) => [u.id, u.name]));
  }
  return {
    ...base,
    private: {
      email: profile.user.email,
      minRate: profile.minRateCents != null ? formatMoney(profile.minRateCents, profile.rateCurrency) : null,
      availableFrom: profile.availableFrom ? profile.availableFrom.toISOString().slice(0, 10) : null,
      visibility: profile.visibility,
      aiUseConsent: profile.aiUseConsentAt ? { at: profile.aiUseConsentAt.toISOString(), version: profile.aiUseConsentVersion } : null,
      verification: Object.fromEntries(
        profile.credits
          .filter((c) => c.verifiedAt)
          .map((c) => [
            c.id,
            {
              at: c.verifiedAt!.toISOString(),
              by: c.verifiedById ? (verifierNames.get(c.verifiedById) ?? "Staff") : "Staff",
              note: c.verificationNote,
            },
          ]),
      ),
    },
  };
}

function addError(errors: FieldErrors, key: string, ...messages: string[]) {
  const list = errors[key] ?? [];
  list.push(...messages);
  errors[key] = list;
}

/** The profile with its number of credits (the profile layout's completeness bar). */
export function profileWithCreditCount(profileId: string) {
  return db().profile.findUnique({ where: { id: profileId }, include: { _count: { select: { credits: true } } } });
}

/** What the JSON Resume download reads: the public fields and every credit in the person's order. */
export function resumeSource(profileId: string) {
  return db().profile.findUnique({
    where: { id: profileId },
    select: {
      displayName: true,
      headline: true,
      bio: true,
      location: true,
      links: true,
      updatedAt: true,
      credits: { orderBy: [{ position: "asc" }, { startYear: "desc" }, { id: "asc" }] },
    },
  });
}

/** The credit's id when the credit belongs to this profile, else null. */
export function creditOnProfile(creditId: string, profileId: string) {
  return db().credit.findFirst({ where: { id: creditId, profileId }, select: { id: true } });
}
