/**
 * The transfer engine's persistence half: loading active rules, recomputing a profile's
 * stored transfer scores inside the transaction that changed its credits, recomputing
 * everyone after rule changes, seeding the default rules, and the coordinators' rule editor
 * (every change versioned with a snapshot and audited).
 */
import type { z } from "zod";
import type { Db, Tx } from "~/db.server";
import { db } from "~/db.server";
import { DEFAULT_TRANSFER_RULES } from "~/domain/default-rules";
import { currentUtcYear } from "~/domain/profile";
import {
  type DepartmentKey,
  type FormatKey,
  type GenreKey,
  ROLES,
  type RoleKey,
  type TaskTypeKey,
  isDepartmentKey,
  isRoleKey,
  isTaskTypeKey,
} from "~/domain/taxonomy";
import { ruleInputSchema, ruleKeySchema } from "~/domain/coord-forms";
import { TRANSFER_MODEL_VERSION, type TransferProfile, type TransferRuleInput, scoreTransfer, validateRule } from "~/domain/transfer";
import type { FieldErrors } from "~/http.server";
import { type FormResult, formFail } from "./result";
import type { Prisma, TransferRule } from "~/generated/prisma/client";
import { enqueue } from "~/search/outbox.server";
import { audit } from "./audit.server";
import { toScoringCredit } from "./people.server";

import type { Actor } from "./actor";

export type { Actor } from "./actor";

type Client = Db | Tx;

// ---------------------------------------------------------------------------
// Rules → engine input
// ---------------------------------------------------------------------------

export function toRuleInput(
  r: Pick<TransferRule, "id" | "role" | "department" | "format" | "genre" | "taskType" | "weight" | "rationale">,
): TransferRuleInput {
  return {
    id: r.id,
    role: (r.role ?? null) as RoleKey | null,
    department: (r.department ?? null) as DepartmentKey | null,
    format: (r.format ?? null) as FormatKey | null,
    genre: (r.genre ?? null) as GenreKey | null,
    taskType: r.taskType as TaskTypeKey,
    weight: r.weight,
    rationale: r.rationale,
  };
}

/** Active rules in the engine's shape. Rows that fail validation are skipped by the engine anyway. */
export async function activeRules(tx?: Client): Promise<TransferRuleInput[]> {
  const rows = await (tx ?? db()).transferRule.findMany({ where: { active: true }, orderBy: { key: "asc" } });
  return rows.map(toRuleInput);
}

function scoresMap(profile: TransferProfile): Record<string, number> {
  return Object.fromEntries(profile.scores.map((s) => [s.taskType, s.score]));
}

/**
 * Row-locks a profile for the rest of the transaction. Every credit write takes it first, so
 * concurrent writes to one profile queue up and each recompute sees the others' credits.
 */
export async function lockProfile(tx: Tx, profileId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Profile" WHERE "id" = ${profileId} FOR UPDATE`;
  return rows.length === 1;
}

/**
 * Recomputes and stores a profile's transfer scores ({taskType: score}) and enqueues the
 * people-index update. Call it inside every transaction that writes credits.
 */
export async function recomputeProfileTransfer(tx: Tx, profileId: string, rules?: TransferRuleInput[]): Promise<Record<string, number>> {
  await lockProfile(tx, profileId);
  const [credits, ruleList] = await Promise.all([
    tx.credit.findMany({ where: { profileId } }),
    rules ? Promise.resolve(rules) : activeRules(tx),
  ]);
  const result = scoreTransfer(credits.map(toScoringCredit), ruleList, { currentYear: currentUtcYear() });
  const scores = scoresMap(result);
  await tx.profile.update({
    where: { id: profileId },
    data: { transferScores: scores, transferComputedAt: new Date(), transferModelVersion: TRANSFER_MODEL_VERSION },
  });
  await enqueue(tx, "people", profileId);
  return scores;
}

export interface TransferView {
  result: TransferProfile;
  computedAt: Date | null;
  credits: {
    id: string;
    showTitle: string;
    role: string;
    format: string;
    startYear: number;
    endYear: number | null;
    episodes: number;
    verified: boolean;
  }[];
}

/** The full engine output (scores with evidence, explanation, guidance) for display. */
export async function getTransferProfile(profileId: string): Promise<TransferView | null> {
  const profile = await db().profile.findUnique({
    where: { id: profileId },
    select: { transferComputedAt: true, credits: { orderBy: [{ position: "asc" }, { startYear: "desc" }, { id: "asc" }] } },
  });
  if (!profile) return null;
  const rules = await activeRules();
  const result = scoreTransfer(profile.credits.map(toScoringCredit), rules, { currentYear: currentUtcYear() });
  return {
    result,
    computedAt: profile.transferComputedAt,
    credits: profile.credits.map((c) => ({
      id: c.id,
      showTitle: c.showTitle,
      role: c.role,
      format: c.format,
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      verified: Boolean(c.verifiedAt),
    })),
  };
}

function stableJson(scores: unknown): string {
  if (!scores || typeof scores !== "object" || Array.isArray(scores)) return "{}";
  const entries = Object.entries(scores as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/**
 * Recomputes every profile's stored scores with the current active rules, 500 profiles per
 * transaction. Only profiles whose scores changed get a people-index outbox row.
 */
export async function recomputeAll(
  onProgress?: (done: number, total: number) => void,
  opts: { batchSize?: number } = {},
): Promise<{ profiles: number; changed: number }> {
  const batchSize = opts.batchSize ?? 500;
  const rules = await activeRules();
  const currentYear = currentUtcYear();
  const total = await db().profile.count();
  let cursor: string | undefined;
  let done = 0;
  let changed = 0;
  for (;;) {
    const page = await db().profile.findMany({
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1].id;
    const ids = page.map((p) => p.id);
    // Lock the batch, then read credits and scores inside the transaction, so a credit write
    // running at the same time is either fully before or fully after this recompute.
    const changedIds = await db().$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ id: string; transferScores: unknown }[]>`
          SELECT "id", "transferScores" FROM "Profile" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
        const credits = await tx.credit.findMany({ where: { profileId: { in: ids } } });
        const byProfile = new Map<string, typeof credits>();
        for (const c of credits) {
          const list = byProfile.get(c.profileId);
          if (list) list.push(c);
          else byProfile.set(c.profileId, [c]);
        }
        const json: string[] = [];
        const lockedIds: string[] = [];
        const changedInBatch: string[] = [];
        for (const p of locked) {
          const result = scoreTransfer((byProfile.get(p.id) ?? []).map(toScoringCredit), rules, { currentYear });
          const next = stableJson(scoresMap(result));
          lockedIds.push(p.id);
          json.push(next);
          if (next !== stableJson(p.transferScores)) changedInBatch.push(p.id);
        }
        await tx.$executeRaw`
          UPDATE "Profile" AS p
          SET "transferScores" = v.scores::jsonb, "transferComputedAt" = ${new Date()},
              "transferModelVersion" = ${TRANSFER_MODEL_VERSION}
          FROM unnest(${lockedIds}::text[], ${json}::text[]) AS v(id, scores)
          WHERE p."id" = v.id`;
        await enqueue(tx, "people", changedInBatch);
        return changedInBatch;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    done += page.length;
    changed += changedIds.length;
    onProgress?.(done, total);
  }
  return { profiles: done, changed };
}

/**
 * Profiles whose stored scores are out of date: computed before the latest rule change, by another
 * transfer model (TRANSFER_MODEL_VERSION), or never although they have credits.
 */
export async function staleProfileCount(): Promise<number> {
  const latest = await db().transferRule.aggregate({ _max: { updatedAt: true } });
  const at = latest._max.updatedAt;
  return db().profile.count({
    where: {
      OR: [
        ...(at ? [{ transferComputedAt: { lt: at } }] : []),
        { transferComputedAt: null, credits: { some: {} } },
        {
          transferComputedAt: { not: null },
          OR: [{ transferModelVersion: null }, { transferModelVersion: { not: TRANSFER_MODEL_VERSION } }],
        },
      ],
    },
  });
}

/** How many profiles were scored by a transfer model other than the current one. */
export async function profilesOnOtherModel(): Promise<number> {
  return db().profile.count({
    where: {
      transferComputedAt: { not: null },
      OR: [{ transferModelVersion: null }, { transferModelVersion: { not: TRANSFER_MODEL_VERSION } }],
    },
  });
}

// ---------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------

function snapshotOf(
  r: Pick<TransferRule, "key" | "role" | "department" | "format" | "genre" | "taskType" | "weight" | "rationale" | "active">,
) {
  return {
    key: r.key,
    role: r.role,
    department: r.department,
    format: r.format,
    genre: r.genre,
    taskType: r.taskType,
    weight: r.weight,
    rationale: r.rationale,
    active: r.active,
  };
}
export type RuleSnapshot = ReturnType<typeof snapshotOf>;

/**
 * Inserts the default rules that are missing (matched by key) with a version-1 history row.
 * Existing rules are left alone so coordinators' edits survive re-seeding. Idempotent, also when two
 * seeders run at once: each rule is inserted once (ON CONFLICT DO NOTHING on its key) and only the
 * seeder that inserted it writes its history row. Two statements whatever the number of rules; run it
 * in a transaction (seedTransferRules, or the demo loader's). One upsert per rule and per history row
 * used to cost about 200 statements, each through Prisma's query compiler, in every test file that
 * seeds (docs/testing.md round 9).
 */
export async function insertMissingDefaultRules(client: Db | Tx): Promise<{ created: number }> {
  const rules = await client.transferRule.createManyAndReturn({
    data: DEFAULT_TRANSFER_RULES.map((def) => ({
      key: def.key,
      role: def.role,
      department: def.department,
      format: def.format,
      genre: def.genre,
      taskType: def.taskType,
      weight: def.weight,
      rationale: def.rationale,
      version: 1,
    })),
    skipDuplicates: true,
  });
  if (rules.length > 0)
    await client.transferRuleVersion.createMany({
      data: rules.map((rule) => ({ ruleId: rule.id, version: 1, change: "CREATED", snapshot: snapshotOf(rule) })),
    });
  return { created: rules.length };
}

/** insertMissingDefaultRules in a transaction of its own (all rules and their history, or nothing). */
export async function seedTransferRules(client: Db): Promise<{ created: number }> {
  return client.$transaction((tx) => insertMissingDefaultRules(tx), { timeout: 60_000 });
}

// ---------------------------------------------------------------------------
// Rule editing
// ---------------------------------------------------------------------------

// The rule form's schema lives in the domain so the browser validates with the same one.
export { ruleInputSchema };
export type RuleInput = z.output<typeof ruleInputSchema>;
const keySchema = ruleKeySchema;

/** A rule use case's answer: the one result shape, narrowed so `errors` is always there (see ./result.ts). */
export type RuleResult = FormResult<{ rule: TransferRule }>;

function checkRule(input: RuleInput): FieldErrors | null {
  const problems = validateRule(input);
  if (problems.length === 0) return null;
  const errors: FieldErrors = {};
  for (const p of problems) {
    const field = /role/i.test(p) && !/department/i.test(p) ? "role" : /department/i.test(p) ? "department" : "_form";
    addError(errors, field, p);
  }
  return errors;
}

function suggestedKey(input: RuleInput): string {
  const scope = (input.role ?? input.department ?? "any").toLowerCase();
  const extras = [input.format && `+${input.format.toLowerCase()}`, input.genre && `+genre_${input.genre.toLowerCase()}`]
    .filter(Boolean)
    .join("");
  return `${scope}${extras}->${input.taskType.toLowerCase()}`;
}

function ruleData(input: RuleInput) {
  return {
    role: input.role,
    // A role-scoped rule matches by role alone; keep the department only for department-wide rules.
    department: input.role ? null : input.department,
    format: input.format,
    genre: input.genre,
    taskType: input.taskType,
    weight: input.weight,
    rationale: input.rationale,
  };
}

export async function createRule(raw: unknown, actor: Actor, rawKey?: unknown): Promise<RuleResult> {
  const parsed = ruleInputSchema.safeParse(raw);
  if (!parsed.success) return formFail(400, zodErrors(parsed.error));
  const keyParsed = keySchema.safeParse(typeof rawKey === "string" ? rawKey : "");
  if (!keyParsed.success) return formFail(400, { key: keyParsed.error.issues.map((i) => i.message) });
  const input = parsed.data;
  const ruleErrors = checkRule(input);
  if (ruleErrors) return formFail(400, ruleErrors);
  const rule = await db().$transaction(async (tx) => {
    let key = keyParsed.data || suggestedKey(input);
    if (await tx.transferRule.findUnique({ where: { key } })) {
      if (keyParsed.data) return null;
      let n = 2;
      while (await tx.transferRule.findUnique({ where: { key: `${key}-${n}` } })) n++;
      key = `${key}-${n}`;
    }
    const created = await tx.transferRule.create({ data: { key, ...ruleData(input), version: 1, updatedById: actor.id } });
    await tx.transferRuleVersion.create({
      data: { ruleId: created.id, version: 1, change: "CREATED", snapshot: snapshotOf(created), changedById: actor.id },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: "transfer_rule.created",
        entityType: "TransferRule",
        entityId: created.id,
        after: snapshotOf(created),
        ip: actor.ip,
      },
      tx,
    );
    return created;
  });
  if (!rule) return formFail(400, { key: ["A rule with this key already exists."] });
  return { ok: true, rule };
}

type VersionedChange = "UPDATED" | "RETIRED" | "RESTORED";

async function changeRule(
  id: string,
  actor: Actor,
  change: VersionedChange,
  data: Prisma.TransferRuleUpdateInput,
  expectedVersion?: number,
): Promise<RuleResult> {
  const result = await db().$transaction(async (tx) => {
    const before = await tx.transferRule.findUnique({ where: { id } });
    if (!before) return formFail(404, { _form: ["This rule does not exist."] });
    if (expectedVersion !== undefined && before.version !== expectedVersion) {
      return formFail(409, {
        _form: [
          `Someone else changed this rule (now version ${before.version}) while you were editing. Reload and apply your change again.`,
        ],
      });
    }
    if (change === "RETIRED" && !before.active) return formFail(409, { _form: ["This rule is already retired."] });
    if (change === "RESTORED" && before.active) return formFail(409, { _form: ["This rule is already active."] });
    // Conditional on the version we read, so two concurrent editors cannot both win.
    const updated = await tx.transferRule.updateMany({
      where: { id, version: before.version },
      data: { ...(data as Prisma.TransferRuleUpdateManyMutationInput), version: { increment: 1 }, updatedById: actor.id },
    });
    if (updated.count !== 1) {
      return formFail(409, { _form: ["Someone else changed this rule at the same time. Reload and try again."] });
    }
    const after = await tx.transferRule.findUniqueOrThrow({ where: { id } });
    await tx.transferRuleVersion.create({
      data: { ruleId: id, version: after.version, change, snapshot: snapshotOf(after), changedById: actor.id },
    });
    await audit(
      {
        actorId: actor.id,
        actorRole: actor.role,
        action: `transfer_rule.${change.toLowerCase()}`,
        entityType: "TransferRule",
        entityId: id,
        before: snapshotOf(before),
        after: snapshotOf(after),
        ip: actor.ip,
      },
      tx,
    );
    return { ok: true as const, rule: after };
  });
  return result;
}

export async function updateRule(id: string, raw: unknown, actor: Actor, expectedVersion?: number): Promise<RuleResult> {
  const parsed = ruleInputSchema.safeParse(raw);
  if (!parsed.success) return formFail(400, zodErrors(parsed.error));
  const ruleErrors = checkRule(parsed.data);
  if (ruleErrors) return formFail(400, ruleErrors);
  return changeRule(id, actor, "UPDATED", ruleData(parsed.data), expectedVersion);
}

export function retireRule(id: string, actor: Actor, expectedVersion?: number): Promise<RuleResult> {
  return changeRule(id, actor, "RETIRED", { active: false }, expectedVersion);
}

export function restoreRule(id: string, actor: Actor, expectedVersion?: number): Promise<RuleResult> {
  return changeRule(id, actor, "RESTORED", { active: true }, expectedVersion);
}

function zodErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    addError(out, key, issue.message);
  }
  return out;
}

/** Field-by-field differences between two snapshots, for the history table. */
export function snapshotDiff(
  before: Partial<RuleSnapshot> | null,
  after: Partial<RuleSnapshot>,
): { field: string; from: unknown; to: unknown }[] {
  if (!before) return [];
  const fields: (keyof RuleSnapshot)[] = ["role", "department", "format", "genre", "taskType", "weight", "rationale", "active"];
  return fields
    .filter((f) => (before[f] ?? null) !== (after[f] ?? null))
    .map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
}

/** A rule with its version history and who made each change. */
export async function ruleWithHistory(id: string) {
  const rule = await db().transferRule.findUnique({ where: { id }, include: { versions: { orderBy: { version: "asc" } } } });
  if (!rule) return null;
  const actorIds = [...new Set(rule.versions.map((v) => v.changedById).filter((x): x is string => Boolean(x)))];
  const users = actorIds.length ? await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  let prev: Partial<RuleSnapshot> | null = null;
  const history = rule.versions.map((v) => {
    const snap = (v.snapshot ?? {}) as Partial<RuleSnapshot>;
    const entry = {
      version: v.version,
      change: v.change,
      at: v.changedAt,
      by: v.changedById ? (names.get(v.changedById) ?? "A deleted user") : "System (seed)",
      diff: snapshotDiff(prev, snap),
    };
    prev = snap;
    return entry;
  });
  return { rule, history: history.reverse() };
}

function addError(errors: FieldErrors, key: string, ...messages: string[]) {
  const list = errors[key] ?? [];
  list.push(...messages);
  errors[key] = list;
}

/** The coordinators' rule list: filtered by task type, role or department scope, text; retired rules only when asked. */
export async function listTransferRules(filters: { task: string; scope: string; q: string; retired: boolean }) {
  const { task, scope, q, retired } = filters;
  const where: Prisma.TransferRuleWhereInput = {};
  if (!retired) where.active = true;
  if (isTaskTypeKey(task)) where.taskType = task;
  if (isRoleKey(scope)) where.role = scope;
  else if (isDepartmentKey(scope))
    where.OR = [{ department: scope, role: null }, { role: { in: ROLES.filter((r) => r.department === scope).map((r) => r.key) } }];
  if (q) {
    const text: Prisma.TransferRuleWhereInput = {
      OR: [{ key: { contains: q, mode: "insensitive" } }, { rationale: { contains: q, mode: "insensitive" } }],
    };
    where.AND = [text];
  }
  const [rules, counts] = await Promise.all([
    db().transferRule.findMany({ where, orderBy: [{ taskType: "asc" }, { weight: "desc" }, { key: "asc" }] }),
    db().transferRule.groupBy({ by: ["active"], _count: { _all: true } }),
  ]);
  return {
    rules,
    activeCount: counts.find((c) => c.active)?._count._all ?? 0,
    retiredCount: counts.find((c) => !c.active)?._count._all ?? 0,
  };
}

/** "Recompute all scores" from the rules page, with its audit entry. */
export async function recomputeAllFor(actor: Actor) {
  const started = Date.now();
  const result = await recomputeAll();
  await audit({
    actorId: actor.id,
    actorRole: actor.role,
    action: "transfer.recomputed_all",
    entityType: "TransferRule",
    after: { profiles: result.profiles, changed: result.changed, ms: Date.now() - started },
    ip: actor.ip,
  });
  return result;
}
