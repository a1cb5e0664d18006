/**
 * Credit-to-task transfer engine. Pure: no I/O, no clock (the caller passes
 * `currentYear`), no randomness.
 *
 * SCORING MODEL (TRANSFER_MODEL_VERSION = transfer-2.0.0; docs/decisions/0003-transfer-model-2.md)
 *
 * 1. Rule matching. A rule matches a credit when
 *      (rule.role === credit.role  OR  (rule.role === null AND rule.department === department of credit.role))
 *      AND (rule.format === null OR rule.format === credit.format)
 *      AND (rule.genre  === null OR credit.genres includes rule.genre).
 *    Rules that fail `validateRule` never match. For each credit and task type
 *    only the best matching rule counts (highest weight; ties → more specific,
 *    then lower id), so a format-specific rule can lift a department-wide one
 *    without the two being added together.
 *
 * 2. Experience of one credit (how much of the craft the credit proves, 0..1):
 *      e = BASE × seniority(role) × depth(E) × recency(c) × (c.verified ? 1.15 : 1)
 *    seniority = 0.7 + 0.3 × (rank − 1) / (maxRank − 1) within the role's
 *                department (1.0 in single-role departments — those roles are
 *                department heads);
 *    depth     = 1 − exp(−E / 16)  (a 10-episode season ≈ 0.46, 22 episodes ≈ 0.75, 50 ≈ 0.96);
 *    recency   = 0.5 ^ (yearsSinceEnd / 15) — craft fades slowly; ongoing credits end "now";
 *    BASE      = 0.85. Every credit counts as at least one episode.
 *
 * 3. Same show, no double counting. Per show, the episode count E is pooled from
 *    the credits by spreading each credit's episodes evenly over its years and
 *    taking, for every year, the maximum across credits — so consecutive seasons
 *    add up but duplicate or overlapping credits do not. The show's experience is
 *      show = 1 − (1 − best) × Π over the show's other distinct roles (1 − 0.15 × thatRole'sBest)
 *    Across shows: Experience(S) = 1 − Π over shows (1 − show), for a set S of credits.
 *
 * 4. Weight is a ceiling (new in 2.0.0). A rule's weight w says how directly the
 *    craft transfers; evidence under it can reach at most ceiling(w) = w² of the
 *    scale. For a task type, with S(λ) = the matching credits whose best rule has
 *    ceiling ≥ λ,
 *      value = ∫₀¹ Experience(S(λ)) dλ
 *            = Σ over the distinct weights w₁ > w₂ > … (ceiling(wᵢ) − ceiling(wᵢ₊₁)) × Experience(S(wᵢ))
 *    With a single weight this is w² × Experience; a deep career on 0.95-weight
 *    evidence ends near 90 while one on 0.7-weight evidence ends near 49, instead
 *    of both saturating near 100 as the 1.x model's 1 − Π(1 − w × e) did.
 *    score = round(100 × value), integers 0..100; only task types scoring > 0 are returned.
 *
 * Every step is monotone in its inputs (adding a credit grows every S(λ) and
 * Experience never shrinks when a set grows; raising a weight moves a credit into
 * more sets), so adding a credit never lowers any score; credits are put in a
 * canonical order first, so input order never changes the output.
 */

import {
  type DepartmentKey,
  type FormatKey,
  type GenreKey,
  type RoleKey,
  type TaskTypeKey,
  departmentOfRole,
  formatPlural,
  isDepartmentKey,
  isFormatKey,
  isGenreKey,
  isRoleKey,
  isTaskTypeKey,
  maxRankInDepartment,
  roleByKey,
  roleLabel,
  DEPARTMENTS,
  FORMATS,
  ROLES,
  taskTypeName,
} from "./taxonomy";

export const TRANSFER_MODEL_VERSION = "transfer-2.0.0";

export const TRANSFER_MODEL_PARAMS = {
  base: 0.85,
  verifiedBoost: 1.15,
  seniorityFloor: 0.7,
  depthEpisodes: 16,
  recencyHalfLifeYears: 15,
  additionalRoleBonus: 0.15,
  weightExponent: 2,
} as const;

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

export interface CreditForScoring {
  id: string;
  showTitle: string;
  format: FormatKey;
  genres: GenreKey[];
  role: RoleKey;
  startYear: number;
  /** null = ongoing */
  endYear: number | null;
  episodes: number;
  verified: boolean;
}

export interface TransferRuleInput {
  id: string;
  role: RoleKey | null;
  department: DepartmentKey | null;
  format: FormatKey | null;
  genre: GenreKey | null;
  taskType: TaskTypeKey;
  /** 0..1 */
  weight: number;
  rationale: string;
}

export interface TaskEvidence {
  creditId: string;
  showTitle: string;
  ruleId: string;
  rationale: string;
  /** Strength 0..1 of this credit on its own for this task type (before show merging and aggregation). */
  contribution: number;
}

export interface TaskScore {
  taskType: TaskTypeKey;
  /** Integer 0..100 */
  score: number;
  /** Sorted by contribution desc. */
  evidence: TaskEvidence[];
  /** Summary sentence: "<Task>: 72/100, because 6 years as ... (112 episodes across 2 shows), most recent 2024." */
  explanation: string;
  /**
   * Why this craft transfers to this task, specific to the task type: the rationale of the rule
   * behind the strongest evidence, then the (up to two) shows that drive the score.
   */
  reason: string;
}

export interface TransferProfile {
  /** Sorted by score desc, then task key asc; only scores > 0. */
  scores: TaskScore[];
  /** Non-null when there are no credits or nothing transfers. */
  guidance: string | null;
}

export interface ScoreOptions {
  currentYear: number;
}

// ---------------------------------------------------------------------------
// Rule validation & matching
// ---------------------------------------------------------------------------

type RuleLike = Omit<TransferRuleInput, "id"> & { id?: string };

/** Returns human-readable problems with a rule; an empty array means valid. */
export function validateRule(rule: RuleLike): string[] {
  const errors: string[] = [];
  const role = rule.role ?? null;
  const department = rule.department ?? null;
  if (role === null && department === null) {
    errors.push("A rule must target a role or a department.");
  }
  if (role !== null && !isRoleKey(role)) errors.push(`Unknown role "${String(role)}".`);
  if (department !== null && !isDepartmentKey(department)) {
    errors.push(`Unknown department "${String(department)}".`);
  }
  if (role !== null && department !== null && isRoleKey(role) && isDepartmentKey(department)) {
    const actual = departmentOfRole(role);
    if (actual !== department) {
      errors.push(`Role ${role} belongs to department ${actual}, not ${department}.`);
    }
  }
  if (rule.format != null && !isFormatKey(rule.format)) errors.push(`Unknown format "${String(rule.format)}".`);
  if (rule.genre != null && !isGenreKey(rule.genre)) errors.push(`Unknown genre "${String(rule.genre)}".`);
  if (!isTaskTypeKey(rule.taskType)) errors.push(`Unknown task type "${String(rule.taskType)}".`);
  if (typeof rule.weight !== "number" || !Number.isFinite(rule.weight) || rule.weight < 0 || rule.weight > 1) {
    errors.push("Weight must be a number between 0 and 1.");
  }
  if (typeof rule.rationale !== "string" || rule.rationale.trim() === "") {
    errors.push("A rule needs a rationale.");
  }
  return errors;
}

/** Whether a (valid) rule applies to a credit. Invalid rules never match. */
export function ruleMatches(rule: TransferRuleInput, credit: Pick<CreditForScoring, "role" | "format" | "genres">): boolean {
  if (validateRule(rule).length > 0) return false;
  return matchesUnchecked(rule, credit);
}

function matchesUnchecked(rule: TransferRuleInput, credit: Pick<CreditForScoring, "role" | "format" | "genres">): boolean {
  if (!isRoleKey(credit.role)) return false;
  if (rule.role !== null) {
    if (rule.role !== credit.role) return false;
  } else if (rule.department !== departmentOfRole(credit.role)) {
    return false;
  }
  return matchesFormatAndGenre(rule, credit);
}

function matchesFormatAndGenre(rule: TransferRuleInput, credit: Pick<CreditForScoring, "format" | "genres">): boolean {
  if (rule.format !== null && rule.format !== credit.format) return false;
  if (rule.genre !== null && !credit.genres.includes(rule.genre)) return false;
  return true;
}

function specificity(rule: TransferRuleInput): number {
  return (rule.role !== null ? 2 : 0) + (rule.format !== null ? 1 : 0) + (rule.genre !== null ? 1 : 0);
}

interface RuleIndex {
  byRole: Map<RoleKey, TransferRuleInput[]>;
  byDepartment: Map<DepartmentKey, TransferRuleInput[]>;
}

function buildRuleIndex(rules: readonly TransferRuleInput[]): RuleIndex {
  const byRole = new Map<RoleKey, TransferRuleInput[]>();
  const byDepartment = new Map<DepartmentKey, TransferRuleInput[]>();
  for (const rule of rules) {
    if (validateRule(rule).length > 0) continue;
    if (rule.role !== null) {
      const list = byRole.get(rule.role);
      if (list) list.push(rule);
      else byRole.set(rule.role, [rule]);
    } else if (rule.department !== null) {
      const list = byDepartment.get(rule.department);
      if (list) list.push(rule);
      else byDepartment.set(rule.department, [rule]);
    }
  }
  return { byRole, byDepartment };
}

/** True when `a` should be preferred over `b` for the same credit and task type. */
function betterRule(a: TransferRuleInput, b: TransferRuleInput): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  const sa = specificity(a);
  const sb = specificity(b);
  if (sa !== sb) return sa > sb;
  return a.id < b.id;
}

/**
 * Best matching rule per task type for one credit (whose role is known valid).
 * The index already guarantees the role / department half of the match.
 */
function bestRulesForCredit(credit: CreditForScoring, index: RuleIndex): Map<TaskTypeKey, TransferRuleInput> {
  const best = new Map<TaskTypeKey, TransferRuleInput>();
  const lists = [index.byRole.get(credit.role), index.byDepartment.get(departmentOfRole(credit.role))];
  for (const list of lists) {
    if (!list) continue;
    for (const rule of list) {
      if (!(rule.weight > 0) || !matchesFormatAndGenre(rule, credit)) continue;
      const current = best.get(rule.taskType);
      if (!current || betterRule(rule, current)) best.set(rule.taskType, rule);
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Factors
// ---------------------------------------------------------------------------

/** 0.7..1 by rank within the role's department; 1 for single-role departments. */
export function seniorityFactor(role: RoleKey): number {
  const def = roleByKey(role);
  const max = maxRankInDepartment(def.department);
  if (max <= 1) return 1;
  const floor = TRANSFER_MODEL_PARAMS.seniorityFloor;
  return floor + ((1 - floor) * (def.rank - 1)) / (max - 1);
}

/** Saturating 0..1 in episodes: 1 − exp(−episodes / 16). */
export function depthFactor(episodes: number): number {
  const e = Math.max(0, Number.isFinite(episodes) ? episodes : 0);
  return 1 - Math.exp(-e / TRANSFER_MODEL_PARAMS.depthEpisodes);
}

/** Half-life decay by years since the credit ended; ongoing / future credits → 1. */
export function recencyFactor(endYear: number | null, currentYear: number): number {
  if (endYear === null) return 1;
  const years = Math.max(0, currentYear - endYear);
  return 0.5 ** (years / TRANSFER_MODEL_PARAMS.recencyHalfLifeYears);
}

// ---------------------------------------------------------------------------
// Credit normalisation
// ---------------------------------------------------------------------------

/** Case- and whitespace-insensitive show identity ("The  Office" ≡ "the office"). */
export function normaliseShowTitle(title: string): string {
  return title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

interface PreparedCredit {
  credit: CreditForScoring;
  showKey: string;
  /** Position of the show in canonical order (set by scoreTransfer; cheap equality). */
  showIndex: number;
  /** Inclusive calendar years worked (ongoing → currentYear). */
  from: number;
  to: number;
  episodes: number;
  /** null when ongoing. */
  endYear: number | null;
  ongoing: boolean;
  /** BASE × seniority × recency × verified boost: everything but rule weight and depth. */
  factor: number;
  /** depthFactor(episodes) for this credit alone. */
  ownDepth: number;
}

function toInt(n: number, fallback: number): number {
  return Number.isFinite(n) ? Math.floor(n) : fallback;
}

function prepareCredit(credit: CreditForScoring, currentYear: number): PreparedCredit {
  const start = toInt(credit.startYear, currentYear);
  const ongoing = credit.endYear === null || credit.endYear === undefined;
  const end = ongoing ? Math.max(start, currentYear) : toInt(credit.endYear as number, start);
  const from = Math.min(start, end);
  const to = Math.max(start, end);
  const episodes = Math.max(1, toInt(credit.episodes, 1));
  const endYear = ongoing ? null : to;
  const p = TRANSFER_MODEL_PARAMS;
  const factor =
    p.base * seniorityFactor(credit.role) * recencyFactor(endYear, currentYear) * (credit.verified === true ? p.verifiedBoost : 1);
  return {
    credit,
    showKey: normaliseShowTitle(credit.showTitle),
    showIndex: 0,
    from,
    to,
    episodes,
    endYear,
    ongoing,
    factor,
    ownDepth: depthFactor(episodes),
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order on credits, so output never depends on input order. */
function compareCredits(a: CreditForScoring, b: CreditForScoring): number {
  return (
    compareStrings(a.id, b.id) ||
    compareStrings(a.showTitle, b.showTitle) ||
    compareStrings(a.role, b.role) ||
    compareStrings(a.format, b.format) ||
    a.startYear - b.startYear ||
    (a.endYear ?? Number.POSITIVE_INFINITY) - (b.endYear ?? Number.POSITIVE_INFINITY) ||
    a.episodes - b.episodes ||
    Number(a.verified) - Number(b.verified) ||
    compareStrings([...a.genres].sort().join(","), [...b.genres].sort().join(","))
  );
}

/**
 * Episodes on one show without double counting: each credit's episodes are spread
 * evenly over its years; per year the maximum across credits counts.
 */
function pooledEpisodes(credits: readonly PreparedCredit[]): number {
  if (credits.length === 1) return credits[0].episodes;
  const points = new Set<number>();
  for (const c of credits) {
    points.add(c.from);
    points.add(c.to + 1);
  }
  const sorted = [...points].sort((a, b) => a - b);
  let total = 0;
  for (let i = 0; i < sorted.length - 1; i++) {
    const lo = sorted[i];
    const hi = sorted[i + 1];
    let rate = 0;
    for (const c of credits) {
      if (c.from <= lo && c.to + 1 >= hi) rate = Math.max(rate, c.episodes / (c.to - c.from + 1));
    }
    total += rate * (hi - lo);
  }
  return total;
}

/** Number of distinct calendar years covered by the credits. */
function distinctYears(credits: readonly PreparedCredit[]): number {
  const ranges = credits.map((c) => [c.from, c.to] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let count = 0;
  let curFrom = Number.NaN;
  let curTo = Number.NaN;
  for (const [from, to] of ranges) {
    if (Number.isNaN(curFrom) || from > curTo + 1) {
      if (!Number.isNaN(curFrom)) count += curTo - curFrom + 1;
      curFrom = from;
      curTo = to;
    } else {
      curTo = Math.max(curTo, to);
    }
  }
  if (!Number.isNaN(curFrom)) count += curTo - curFrom + 1;
  return count;
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

interface Match {
  prepared: PreparedCredit;
  rule: TransferRuleInput;
}

const NO_CREDITS_GUIDANCE =
  "Add your TV credits — show title, your role, the format and roughly how many episodes — to see which AI-training tasks your experience transfers to.";
const ONLY_OTHER_GUIDANCE =
  "Credits with the role \u201cOther\u201d don't map to AI-training tasks yet. Edit them to the closest role (for example Staff writer, Editor, Director or Script supervisor) and add the format and episode count.";
const NOTHING_TRANSFERS_GUIDANCE =
  "None of your credits matched a transfer rule yet. Check each credit's role, format and episode count, and add credits in writing, directing, post-production, producing, camera, script or casting roles.";

export function scoreTransfer(
  credits: readonly CreditForScoring[],
  rules: readonly TransferRuleInput[],
  opts: ScoreOptions,
): TransferProfile {
  const usable = credits.filter((c) => isRoleKey(c.role));
  if (credits.length === 0) return { scores: [], guidance: NO_CREDITS_GUIDANCE };

  const currentYear = Number.isFinite(opts.currentYear)
    ? Math.floor(opts.currentYear)
    : Math.max(...usable.map((c) => c.endYear ?? c.startYear), 0);

  const index = buildRuleIndex(rules);
  // Canonical order — by show, then by every field of the credit — so output never
  // depends on input order and each show's credits sit next to each other.
  const prepared = usable.map((c) => prepareCredit(c, currentYear));
  prepared.sort((a, b) => compareStrings(a.showKey, b.showKey) || compareCredits(a.credit, b.credit));
  for (let i = 1; i < prepared.length; i++) {
    const prev = prepared[i - 1];
    prepared[i].showIndex = prepared[i].showKey === prev.showKey ? prev.showIndex : prev.showIndex + 1;
  }

  const matchesByTask = new Map<TaskTypeKey, Match[]>();
  for (const p of prepared) {
    for (const [taskType, rule] of bestRulesForCredit(p.credit, index)) {
      const list = matchesByTask.get(taskType);
      if (list) list.push({ prepared: p, rule });
      else matchesByTask.set(taskType, [{ prepared: p, rule }]);
    }
  }

  const scores: TaskScore[] = [];
  for (const [taskType, matches] of matchesByTask) {
    const pooledByShow = showEpisodes(matches);
    const score = clampScore(100 * layeredValue(matches));
    if (score <= 0) continue;

    const contributions = matches.map((m) => ceiling(m.rule.weight) * m.prepared.factor * m.prepared.ownDepth);
    const order = matches.map((_, i) => i);
    order.sort(
      (i, j) =>
        contributions[j] - contributions[i] ||
        compareStrings(matches[i].prepared.credit.id, matches[j].prepared.credit.id) ||
        compareStrings(matches[i].rule.id, matches[j].rule.id) ||
        i - j,
    );
    scores.push({
      taskType,
      score,
      evidence: order.map((i) => ({
        creditId: matches[i].prepared.credit.id,
        showTitle: matches[i].prepared.credit.showTitle,
        ruleId: matches[i].rule.id,
        rationale: matches[i].rule.rationale,
        contribution: contributions[i],
      })),
      explanation: explain(
        taskType,
        score,
        order.map((i) => matches[i]),
        pooledByShow,
      ),
      reason: reasonFor(order.map((i) => matches[i])),
    });
  }

  scores.sort((a, b) => b.score - a.score || compareStrings(a.taskType, b.taskType));

  let guidance: string | null = null;
  if (scores.length === 0) {
    guidance = usable.length > 0 && usable.every((c) => c.role === "OTHER") ? ONLY_OTHER_GUIDANCE : NOTHING_TRANSFERS_GUIDANCE;
  }
  return { scores, guidance };
}

/** Pooled episode count per show (for the explanation), shows in canonical order. */
function showEpisodes(matches: readonly Match[]): number[] {
  const out: number[] = [];
  for (let start = 0; start < matches.length; ) {
    const show = matches[start].prepared.showIndex;
    let end = start + 1;
    while (end < matches.length && matches[end].prepared.showIndex === show) end++;
    out.push(end - start === 1 ? matches[start].prepared.episodes : pooledEpisodes(matches.slice(start, end).map((m) => m.prepared)));
    start = end;
  }
  return out;
}

/**
 * Experience behind a set of matches (0..1), ignoring rule weights: shows combine as
 * 1 − Π(1 − show), a show being its best credit plus a small bonus per other role held there,
 * every credit scored with the show's pooled episodes. `matches` is in canonical show order.
 */
function experience(matches: readonly Match[]): number {
  let remaining = 1;
  for (let start = 0; start < matches.length; ) {
    const show = matches[start].prepared.showIndex;
    let end = start + 1;
    while (end < matches.length && matches[end].prepared.showIndex === show) end++;
    const pooled = end - start === 1 ? matches[start].prepared.episodes : pooledEpisodes(matches.slice(start, end).map((m) => m.prepared));
    remaining *= showRemainder(matches, start, end, depthFactor(pooled));
    start = end;
  }
  return 1 - remaining;
}

/**
 * The task type's value 0..1: the integral over λ in (0, 1] of the experience behind the
 * credits whose best rule weighs at least λ. With one weight w it is w × experience, so a
 * rule's weight is the ceiling its evidence can reach; mixed weights stack like a layer cake
 * (see the model comment at the top of this file).
 */
function layeredValue(matches: readonly Match[]): number {
  const levels = [...new Set(matches.map((m) => m.rule.weight))].sort((a, b) => b - a);
  let value = 0;
  for (let i = 0; i < levels.length; i++) {
    const w = levels[i];
    const below = i + 1 < levels.length ? levels[i + 1] : 0;
    const subset = i + 1 < levels.length ? matches.filter((m) => m.rule.weight >= w) : matches;
    value += (ceiling(w) - ceiling(below)) * experience(subset);
  }
  return value;
}

/** The highest value evidence under a rule of weight w can reach: w ^ weightExponent. */
export function ceiling(weight: number): number {
  return weight <= 0 ? 0 : weight ** TRANSFER_MODEL_PARAMS.weightExponent;
}

/**
 * 1 − (experience on one show) for matches[start, end), all on the same show: the best
 * credit counts in full, the best credit of each other role adds a small bonus.
 */
function showRemainder(matches: readonly Match[], start: number, end: number, pooledDepth: number): number {
  const roles: RoleKey[] = [];
  const values: number[] = [];
  for (let i = start; i < end; i++) {
    const m = matches[i];
    const v = m.prepared.factor * pooledDepth;
    const at = roles.indexOf(m.prepared.credit.role);
    if (at === -1) {
      roles.push(m.prepared.credit.role);
      values.push(v);
    } else if (v > values[at]) {
      values[at] = v;
    }
  }
  values.sort((a, b) => b - a);
  let remainder = 1 - values[0];
  for (let i = 1; i < values.length; i++) remainder *= 1 - TRANSFER_MODEL_PARAMS.additionalRoleBonus * values[i];
  return remainder;
}

function clampScore(raw: number): number {
  // Trim floating-point noise before rounding so x.4999999999 from a product
  // of factors doesn't flip a boundary.
  const v = Math.round(Math.round(raw * 1e6) / 1e6);
  if (!Number.isFinite(v)) return 0;
  return Math.min(100, Math.max(0, v));
}

// ---------------------------------------------------------------------------
// Explanation
// ---------------------------------------------------------------------------

/** "a", "a and b", "a, b and c" */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function explain(
  taskType: TaskTypeKey,
  score: number,
  /** Contributing credits, strongest first. */
  matches: readonly Match[],
  pooledByShow: readonly number[],
): string {
  // Roles and formats in order of their strongest evidence.
  const roles: string[] = [];
  const formats: string[] = [];
  for (const m of matches) {
    const role = roleLabel(m.prepared.credit.role);
    if (!roles.includes(role)) roles.push(role);
    const format = formatPlural(m.prepared.credit.format);
    if (!formats.includes(format)) formats.push(format);
  }
  const rolesText =
    roles.length > 3 ? `${roles.slice(0, 3).join(", ")} and ${plural(roles.length - 3, "other role", "other roles")}` : joinWithAnd(roles);
  const formatsText = formats.length > 3 ? `${formats.slice(0, 3).join(", ")} and other formats` : joinWithAnd(formats);

  const prepared = matches.map((m) => m.prepared);
  const years = distinctYears(prepared);
  const episodes = Math.round(pooledByShow.reduce((a, b) => a + b, 0));
  const shows = pooledByShow.length;
  const ongoing = prepared.some((p) => p.ongoing);
  const mostRecent = Math.max(...prepared.map((p) => p.to));

  const episodesText =
    shows > 1 ? `${plural(episodes, "episode", "episodes")} across ${shows} shows` : plural(episodes, "episode", "episodes");
  const recentText = ongoing ? "still ongoing" : `most recent ${mostRecent}`;
  return `${taskTypeName(taskType)}: ${score}/100, because ${plural(years, "year", "years")} as ${rolesText} on ${formatsText} (${episodesText}), ${recentText}.`;
}

/** "A credit line": "The Landlords (Story editor, 66 episodes)". */
function driverText(m: Match): string {
  const c = m.prepared.credit;
  return `${c.showTitle} (${roleLabel(c.role)}, ${plural(m.prepared.episodes, "episode", "episodes")}${c.verified ? ", verified" : ""})`;
}

function reasonFor(matches: readonly Match[]): string {
  const rationale = matches[0].rule.rationale.trim().replace(/([^.!?])$/, "$1.");
  const drivers: Match[] = [];
  const shows = new Set<number>();
  for (const m of matches) {
    if (shows.has(m.prepared.showIndex)) continue;
    shows.add(m.prepared.showIndex);
    drivers.push(m);
    if (drivers.length === 2) break;
  }
  const more = shows.size < new Set(matches.map((m) => m.prepared.showIndex)).size;
  const list = more ? `${drivers.map(driverText).join(", ")} and more` : joinWithAnd(drivers.map(driverText));
  return `${rationale} Driven by ${list}.`;
}

// ---------------------------------------------------------------------------
// Career summary
// ---------------------------------------------------------------------------

export interface CareerSummary {
  firstYear: number | null;
  /** Latest year worked (the current year when a credit is ongoing). */
  lastYear: number | null;
  ongoing: boolean;
  /** Distinct calendar years with at least one credit. */
  yearsActive: number;
  /** Episodes pooled per show, so overlapping credits on one show count once. */
  totalEpisodes: number;
  distinctShows: number;
  departments: DepartmentKey[];
  roles: RoleKey[];
  formats: FormatKey[];
}

/**
 * Headline numbers for a career. `currentYear` is needed to place ongoing
 * credits; without it they end at the latest year mentioned in any credit.
 */
export function summariseCareer(credits: readonly CreditForScoring[], opts: { currentYear?: number } = {}): CareerSummary {
  const usable = [...credits.filter((c) => isRoleKey(c.role))].sort(compareCredits);
  if (usable.length === 0) {
    return {
      firstYear: null,
      lastYear: null,
      ongoing: false,
      yearsActive: 0,
      totalEpisodes: 0,
      distinctShows: 0,
      departments: [],
      roles: [],
      formats: [],
    };
  }
  const currentYear =
    opts.currentYear !== undefined && Number.isFinite(opts.currentYear)
      ? Math.floor(opts.currentYear)
      : Math.max(...usable.map((c) => Math.max(c.startYear, c.endYear ?? c.startYear)));
  const prepared = usable.map((c) => prepareCredit(c, currentYear));
  const byShow = new Map<string, PreparedCredit[]>();
  for (const p of prepared) {
    const list = byShow.get(p.showKey);
    if (list) list.push(p);
    else byShow.set(p.showKey, [p]);
  }
  let totalEpisodes = 0;
  for (const list of byShow.values()) totalEpisodes += pooledEpisodes(list);

  const deptSet = new Set(usable.map((c) => departmentOfRole(c.role)));
  const roleSet = new Set<string>(usable.map((c) => c.role));
  const formatSet = new Set<string>(usable.map((c) => c.format));
  return {
    firstYear: Math.min(...prepared.map((p) => p.from)),
    lastYear: Math.max(...prepared.map((p) => p.to)),
    ongoing: prepared.some((p) => p.ongoing),
    yearsActive: distinctYears(prepared),
    totalEpisodes: Math.round(totalEpisodes),
    distinctShows: byShow.size,
    departments: DEPARTMENTS.map((d) => d.key).filter((k) => deptSet.has(k)),
    roles: ROLES.map((r) => r.key).filter((k) => roleSet.has(k)),
    formats: FORMATS.map((f) => f.key).filter((k) => formatSet.has(k)),
  };
}
