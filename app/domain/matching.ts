/**
 * Person × gig matching: hard filters, a 0–100 score with per-component
 * breakdown, and human-readable reasons. Pure and deterministic (no clock,
 * no randomness, no locale-dependent sorting).
 *
 * Money amounts are integers in minor units (cents), as in pay.ts.
 * Task type, genre and format keys are opaque strings; pass `labels` to show
 * nice names, otherwise keys are humanised ("comedic_timing" -> "Comedic timing").
 */

import { DAY_MS } from "./dates";
import { languageName } from "./languages";
import { formatHourly, type Money, normalizeCurrency } from "./pay";
import { FORMATS, GENRES, TASK_TYPES } from "./taxonomy";

export type LanguageLevel = "native" | "fluent" | "conversational";

export interface MatchPerson {
  id: string;
  /** taskType key -> transfer score 0..100 */
  transferScores: Record<string, number>;
  formats: string[];
  genres: string[];
  languages: { code: string; level: LanguageLevel }[];
  hoursPerWeek: number | null;
  /** Minimum acceptable hourly rate, minor units. */
  minRate: Money | null;
  timezoneOffsetMinutes: number | null;
  verifiedCreditCount: number;
  /** ISO date (YYYY-MM-DD or full ISO timestamp). */
  availableFrom: string | null;
}

export interface MatchGig {
  id: string;
  taskTypes: string[];
  genres: string[];
  formats?: string[];
  /** Required language codes; each needs fluent or native. */
  languages: string[];
  hoursPerWeek: number | null;
  /** Hourly pay (or hourly equivalent of per-task pay), minor units. */
  payHourlyEquivalent: Money | null;
  timezoneWindow: { minOffsetMinutes: number; maxOffsetMinutes: number } | null;
  /** ISO date. */
  startDate: string | null;
}

export interface MatchLabels {
  taskTypes?: Record<string, string>;
  genres?: Record<string, string>;
  formats?: Record<string, string>;
}

/**
 * Who sees the score. "person": the professional's own view, every component. "lab": what labs
 * (and anything stored where labs read it) see: computed WITHOUT the components that read private
 * fields (PRIVATE_COMPONENTS: the minimum rate), the remaining weights rescaled to sum to 1, so
 * no edit a lab can make (re-pricing a gig) reveals anything about a private field.
 */
export type MatchAudience = "person" | "lab";

export interface MatchOptions {
  labels?: MatchLabels;
  /** Which score `rankCandidates` sorts by and returns as `score` (default "person"). */
  audience?: MatchAudience;
}

export type ComponentKey = "transfer" | "genreFormat" | "availability" | "rate" | "timezone" | "credits";

export interface MatchComponent {
  key: ComponentKey;
  label: string;
  /** Share of the total score; weights sum to 1. */
  weight: number;
  /** 0..1 */
  value: number;
  reason: string;
}

export interface MatchResult {
  /** Integer 0..100: the professional's own view (every component, the rate included). */
  score: number;
  /** Integer 0..100 without the private components: what labs see and what applications store. */
  labScore: number;
  components: MatchComponent[];
  /** Human sentences, strongest positive first. Never empty. */
  reasons: string[];
  /** `reasons` without those that reveal private fields: what labs and the stored application show. */
  sharedReasons: string[];
}

/** Human labels for the keys that reasons mention ("comedy", "multi-cam sitcom"). */
export const MATCH_LABELS: MatchOptions = {
  labels: {
    taskTypes: Object.fromEntries(TASK_TYPES.map((t) => [t.key, t.name])),
    genres: Object.fromEntries(GENRES.map((g) => [g.key, g.label])),
    formats: Object.fromEntries(FORMATS.map((f) => [f.key, f.label.toLowerCase()])),
  },
};

export const MATCH_WEIGHTS: Readonly<Record<ComponentKey, number>> = {
  transfer: 0.55,
  genreFormat: 0.15,
  availability: 0.1,
  rate: 0.1,
  timezone: 0.05,
  credits: 0.05,
};

const COMPONENT_LABELS: Record<ComponentKey, string> = {
  transfer: "Skill transfer",
  genreFormat: "Genre & format",
  availability: "Availability",
  rate: "Rate",
  timezone: "Timezone",
  credits: "Verified credits",
};

/** Value used when we can't tell (missing data on the person's side). */
export const UNKNOWN_VALUE = 0.5;
/** A person starting more than this many days after the gig's start date fails the hard filter. */
export const MAX_START_DELAY_DAYS = 60;
/** Start delay at which the start-date part of availability reaches 0. */
const START_DELAY_ZERO_DAYS = 30;
/** Distance outside the timezone window (minutes) at which the timezone value reaches 0. */
const TIMEZONE_ZERO_MINUTES = 6 * 60;
/** Verified credits at which the credits value saturates. */
export const CREDITS_FOR_FULL_VALUE = 5;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function clamp01(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return Math.min(1, Math.max(0, n));
}

function clampScore(n: unknown): number {
  if (typeof n !== "number" || !Number.isFinite(n)) return 0;
  return Math.min(100, Math.max(0, n));
}

function norm(key: string): string {
  return key.trim().toLowerCase();
}

function uniqueNormalized(keys: readonly string[] | undefined): string[] {
  if (!keys) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keys) {
    if (typeof k !== "string") continue;
    const n = norm(k);
    if (n && !seen.has(n)) {
      seen.add(n);
      out.push(k.trim());
    }
  }
  return out;
}

/** "comedic_timing" / "COMEDIC-TIMING" / "comedicTiming" -> "Comedic timing" */
export function humanizeKey(key: string): string {
  const words = key
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function labelFor(key: string, table: Record<string, string> | undefined): string {
  if (table) {
    if (Object.hasOwn(table, key) && typeof table[key] === "string") return table[key];
    const lower = norm(key);
    for (const [k, v] of Object.entries(table)) if (norm(k) === lower && typeof v === "string") return v;
  }
  return humanizeKey(key);
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** "UTC", "UTC-5", "UTC+5:30" */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
}

function parseDay(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? null : t;
}

// ---------------------------------------------------------------------------
// Languages & hard filter
// ---------------------------------------------------------------------------

const LEVEL_RANK: Record<LanguageLevel, number> = { conversational: 1, fluent: 2, native: 3 };

function languageMatches(required: string, personCode: string): boolean {
  const r = norm(required);
  const p = norm(personCode);
  if (r === p) return true;
  const [rPrimary, rRegion] = r.split(/[-_]/);
  const [pPrimary, pRegion] = p.split(/[-_]/);
  if (rPrimary !== pPrimary) return false;
  // "en" is satisfied by any English; "pt-BR" is satisfied by "pt-BR" or a region-less "pt".
  return !rRegion || !pRegion;
}

function bestLevel(person: MatchPerson, required: string): LanguageLevel | null {
  let best: LanguageLevel | null = null;
  for (const l of person.languages ?? []) {
    if (!languageMatches(required, l.code)) continue;
    if (LEVEL_RANK[l.level] && (best === null || LEVEL_RANK[l.level] > LEVEL_RANK[best])) best = l.level;
  }
  return best;
}

/**
 * Things that make a match impossible, regardless of score:
 * - every required language at fluent or native;
 * - not 0 hours a week;
 * - available no later than MAX_START_DELAY_DAYS after the gig starts.
 */
export function hardFilter(person: MatchPerson, gig: MatchGig): { pass: boolean; failures: string[] } {
  const failures: string[] = [];
  for (const code of uniqueNormalized(gig.languages)) {
    const level = bestLevel(person, code);
    const name = languageName(code);
    if (level === null) failures.push(`Needs fluent ${name} (not on your profile)`);
    else if (LEVEL_RANK[level] < LEVEL_RANK.fluent) failures.push(`Needs fluent ${name} (you listed ${level})`);
  }
  if (person.hoursPerWeek === 0) failures.push("You've set your availability to 0 hours a week");
  const start = parseDay(gig.startDate);
  const from = parseDay(person.availableFrom);
  if (start !== null && from !== null) {
    const delay = Math.floor((from - start) / DAY_MS);
    if (delay > MAX_START_DELAY_DAYS) {
      failures.push(`You're available from ${person.availableFrom}, more than ${MAX_START_DELAY_DAYS} days after the gig starts`);
    }
  }
  return { pass: failures.length === 0, failures };
}

/**
 * `hardFilter(person, gig).pass` without building the failure sentences (no language display
 * names, no strings): what ranking hundreds of candidates needs. Same rules, same order.
 */
export function passesHardFilter(person: MatchPerson, gig: MatchGig): boolean {
  for (const code of uniqueNormalized(gig.languages)) {
    const level = bestLevel(person, code);
    if (level === null || LEVEL_RANK[level] < LEVEL_RANK.fluent) return false;
  }
  if (person.hoursPerWeek === 0) return false;
  const start = parseDay(gig.startDate);
  const from = parseDay(person.availableFrom);
  return !(start !== null && from !== null && Math.floor((from - start) / DAY_MS) > MAX_START_DELAY_DAYS);
}

// ---------------------------------------------------------------------------
// Components
// ---------------------------------------------------------------------------

/** A reason with its contribution to the score (used to sort reasons best-first). */
interface RankedReason {
  text: string;
  contribution: number;
  /** The sentence reveals a private profile field (the available-from date): the professional's eyes only. */
  private?: true;
}

interface ComponentOutput {
  value: number;
  reason: string;
  details: RankedReason[];
}

function transferComponent(person: MatchPerson, gig: MatchGig, labels: MatchLabels | undefined): ComponentOutput {
  const w = MATCH_WEIGHTS.transfer;
  const types = uniqueNormalized(gig.taskTypes);
  if (types.length === 0) {
    const text = "This gig doesn't list specific task types";
    return { value: UNKNOWN_VALUE, reason: text, details: [{ text, contribution: w * UNKNOWN_VALUE }] };
  }
  const scores = person.transferScores ?? {};
  const lookup = (t: string) => transferLookup(scores, t);
  const details: RankedReason[] = [];
  let sum = 0;
  for (const t of types) {
    const s = lookup(t);
    const label = labelFor(t, labels?.taskTypes);
    sum += s ?? 0;
    const contribution = (w * (s ?? 0)) / 100 / types.length;
    details.push({
      text:
        s === null
          ? `No transfer score for ${lowerFirst(label)} yet (needed for this gig)`
          : `${label}: transfer score ${Math.round(s)} (needed for this gig)`,
      contribution,
    });
  }
  const value = clamp01(sum / types.length / 100);
  const reason =
    types.length === 1 ? details[0].text : `Average transfer score ${Math.round(value * 100)} across the gig's ${types.length} task types`;
  return { value, reason, details };
}

function genreFormatComponent(person: MatchPerson, gig: MatchGig, labels: MatchLabels | undefined): ComponentOutput {
  const w = MATCH_WEIGHTS.genreFormat;
  const gigGenres = uniqueNormalized(gig.genres);
  const gigFormats = uniqueNormalized(gig.formats);
  if (gigGenres.length === 0 && gigFormats.length === 0) {
    const text = "The gig is open to any genre or format";
    return { value: 1, reason: text, details: [{ text, contribution: w }] };
  }
  const parts: number[] = [];
  const sentences: string[] = [];
  const check = (gigKeys: string[], personKeys: string[], table: Record<string, string> | undefined, noun: string) => {
    if (gigKeys.length === 0) return;
    const mine = new Set(uniqueNormalized(personKeys).map(norm));
    const overlap = gigKeys.filter((k) => mine.has(norm(k)));
    parts.push(overlap.length / gigKeys.length);
    if (overlap.length > 0) {
      sentences.push(
        `You've worked in ${joinList(overlap.map((k) => lowerFirst(labelFor(k, table))))}, which this gig ${
          overlap.length === gigKeys.length ? "wants" : "lists"
        }`,
      );
    } else {
      sentences.push(`No experience listed in the gig's ${noun} (${joinList(gigKeys.map((k) => lowerFirst(labelFor(k, table))))})`);
    }
  };
  check(gigGenres, person.genres ?? [], labels?.genres, gigGenres.length === 1 ? "genre" : "genres");
  check(gigFormats, person.formats ?? [], labels?.formats, gigFormats.length === 1 ? "format" : "formats");
  const value = clamp01(parts.reduce((a, b) => a + b, 0) / parts.length);
  return {
    value,
    reason: sentences.join("; "),
    details: sentences.map((text, i) => ({ text, contribution: (w * parts[i]) / parts.length })),
  };
}

function availabilityComponent(person: MatchPerson, gig: MatchGig): ComponentOutput {
  const w = MATCH_WEIGHTS.availability;
  // Hours: 60% of the component; start date: 40%.
  const hoursValue = hoursValueOf(person, gig);
  let hoursText: string;
  const ph = personHours(person);
  const gh = gigHours(gig);
  if (gh === null) {
    hoursText = "The gig doesn't set weekly hours";
  } else if (ph === null) {
    hoursText = `The gig needs ${gh} h/week; you haven't said how many hours you can give`;
  } else if (ph >= gh) {
    hoursText = `You can give ${ph} h/week; the gig needs ${gh}`;
  } else {
    hoursText = `You can give ${ph} h/week, less than the ${gh} the gig needs`;
  }

  let startText: string | null;
  const start = parseDay(gig.startDate);
  const from = parseDay(person.availableFrom);
  const startValue = startValueOf(start, from);
  if (start === null || from === null) {
    startText = null; // No date on the profile means "available now".
  } else if (from <= start) {
    startText = `You're available from ${person.availableFrom}, before the gig starts on ${gig.startDate}`;
  } else {
    const late = Math.ceil((from - start) / DAY_MS);
    startText = `You're available ${late} day${late === 1 ? "" : "s"} after the gig starts (${gig.startDate})`;
  }
  const value = clamp01(0.6 * hoursValue + 0.4 * startValue);
  const details: RankedReason[] = [{ text: hoursText, contribution: w * 0.6 * hoursValue }];
  // The available-from date is private (shown to the person and staff only): labs never read it here.
  if (startText) details.push({ text: startText, contribution: w * 0.4 * startValue, private: true });
  return { value, reason: details.map((d) => d.text).join("; "), details };
}

function rateComponent(person: MatchPerson, gig: MatchGig): ComponentOutput {
  const w = MATCH_WEIGHTS.rate;
  const one = (value: number, text: string): ComponentOutput => ({
    value,
    reason: text,
    details: [{ text, contribution: w * value }],
  });
  const pay = gig.payHourlyEquivalent;
  const min = person.minRate;
  const valid = validMoney;
  if (!valid(pay)) return one(UNKNOWN_VALUE, "The gig hasn't published an hourly pay estimate");
  if (!valid(min)) return one(UNKNOWN_VALUE, `You haven't set a minimum rate; the gig pays ${formatHourly(pay)}`);
  if (normalizeCurrency(pay.currency) !== normalizeCurrency(min.currency)) {
    return one(
      UNKNOWN_VALUE,
      `Your rate is in ${normalizeCurrency(min.currency)} and the gig pays in ${normalizeCurrency(pay.currency)}, so we didn't compare them`,
    );
  }
  if (min.amount <= pay.amount) {
    return one(1, `Your rate ${formatHourly(min)} is within the gig's ${formatHourly(pay)}`);
  }
  const value = pay.amount === 0 ? 0 : clamp01(1 - (min.amount - pay.amount) / pay.amount);
  return one(value, `Your rate ${formatHourly(min)} is above the gig's ${formatHourly(pay)}`);
}

function timezoneComponent(person: MatchPerson, gig: MatchGig): ComponentOutput {
  const w = MATCH_WEIGHTS.timezone;
  const one = (value: number, text: string): ComponentOutput => ({
    value,
    reason: text,
    details: [{ text, contribution: w * value }],
  });
  const win = gig.timezoneWindow;
  if (!win) return one(1, "The gig works across all timezones");
  const range = `${formatUtcOffset(win.minOffsetMinutes)}..${formatUtcOffset(win.maxOffsetMinutes)}`;
  const tz = person.timezoneOffsetMinutes;
  if (typeof tz !== "number" || !Number.isFinite(tz)) {
    return one(UNKNOWN_VALUE, `Add your timezone; the gig works in ${range}`);
  }
  const distance = timezoneDistance(win, tz);
  if (distance === 0) return one(1, `Works in ${formatUtcOffset(tz)}, inside the gig's ${range} window`);
  const hours = Math.round((distance / 60) * 10) / 10;
  return one(
    clamp01(1 - distance / TIMEZONE_ZERO_MINUTES),
    `Works in ${formatUtcOffset(tz)}, ${hours} hour${hours === 1 ? "" : "s"} outside the gig's ${range} window`,
  );
}

function creditsComponent(person: MatchPerson): ComponentOutput {
  const w = MATCH_WEIGHTS.credits;
  const n = verifiedCount(person);
  const value = clamp01(n / CREDITS_FOR_FULL_VALUE);
  const text = n === 0 ? "No verified credits yet" : `${n} verified credit${n === 1 ? "" : "s"} on your profile`;
  return { value, reason: text, details: [{ text, contribution: w * value }] };
}

// ---------------------------------------------------------------------------
// Component values (shared by scoreMatch and the score-only path used for ranking)
// ---------------------------------------------------------------------------

function transferLookup(scores: Record<string, number>, t: string): number | null {
  if (Object.hasOwn(scores, t)) return clampScore(scores[t]);
  const n = norm(t);
  for (const [k, v] of Object.entries(scores)) if (norm(k) === n) return clampScore(v);
  return null;
}

/** `types`: uniqueNormalized(gig.taskTypes); `lookup`: the person's transfer score for a type (transferLookup). */
function transferValue(types: readonly string[], lookup: (t: string) => number | null): number {
  if (types.length === 0) return UNKNOWN_VALUE;
  let sum = 0;
  for (const t of types) sum += lookup(t) ?? 0;
  return clamp01(sum / types.length / 100);
}

/** Whether a person's keys contain a normalised key. */
type HasKey = (normalised: string) => boolean;

/** The person's keys as `HasKey`, compared normalised. */
function hasKeyIn(personKeys: readonly string[] | undefined): HasKey {
  return (n) => (personKeys ?? []).some((pk) => typeof pk === "string" && norm(pk) === n);
}

/** Share of `gigKeys` (uniqueNormalized) that the person has, compared normalised. */
function overlapShare(gigKeys: readonly string[], has: HasKey): number {
  let overlap = 0;
  for (const k of gigKeys) if (has(norm(k))) overlap++;
  return overlap / gigKeys.length;
}

function genreFormatValue(gigGenres: readonly string[], gigFormats: readonly string[], hasGenre: HasKey, hasFormat: HasKey): number {
  if (gigGenres.length === 0 && gigFormats.length === 0) return 1;
  let sum = 0;
  let parts = 0;
  if (gigGenres.length > 0) {
    sum += overlapShare(gigGenres, hasGenre);
    parts++;
  }
  if (gigFormats.length > 0) {
    sum += overlapShare(gigFormats, hasFormat);
    parts++;
  }
  return clamp01(sum / parts);
}

function personHours(person: MatchPerson): number | null {
  return typeof person.hoursPerWeek === "number" && Number.isFinite(person.hoursPerWeek) ? person.hoursPerWeek : null;
}

function gigHours(gig: MatchGig): number | null {
  return typeof gig.hoursPerWeek === "number" && Number.isFinite(gig.hoursPerWeek) && gig.hoursPerWeek > 0 ? gig.hoursPerWeek : null;
}

function hoursValueOf(person: MatchPerson, gig: MatchGig): number {
  const ph = personHours(person);
  const gh = gigHours(gig);
  if (gh === null) return 1;
  if (ph === null) return UNKNOWN_VALUE;
  if (ph >= gh) return 1;
  return clamp01(ph / gh);
}

function startValueOf(start: number | null, from: number | null): number {
  if (start === null || from === null || from <= start) return 1;
  const late = Math.ceil((from - start) / DAY_MS);
  return clamp01(1 - late / START_DELAY_ZERO_DAYS);
}

/** `from`: the person's available-from date, parsed (parseDay). */
function availabilityValue(person: MatchPerson, gig: MatchGig, from = parseDay(person.availableFrom)): number {
  return clamp01(0.6 * hoursValueOf(person, gig) + 0.4 * startValueOf(parseDay(gig.startDate), from));
}

function validMoney(m: Money | null): m is Money {
  return !!m && typeof m.amount === "number" && Number.isFinite(m.amount) && m.amount >= 0;
}

/** A person's minimum rate when it is usable, with its currency normalised. */
interface MinimumRate {
  amount: number;
  currency: string;
}

function minimumRateOf(person: MatchPerson): MinimumRate | null {
  const min = person.minRate;
  return validMoney(min) ? { amount: min.amount, currency: normalizeCurrency(min.currency) } : null;
}

function rateValue(min: MinimumRate | null, gig: MatchGig): number {
  const pay = gig.payHourlyEquivalent;
  if (!validMoney(pay) || !min) return UNKNOWN_VALUE;
  if (normalizeCurrency(pay.currency) !== min.currency) return UNKNOWN_VALUE;
  if (min.amount <= pay.amount) return 1;
  return pay.amount === 0 ? 0 : clamp01(1 - (min.amount - pay.amount) / pay.amount);
}

/** See meetsMinimumRate. */
function paysMinimum(min: MinimumRate | null, gig: MatchGig): boolean | null {
  const pay = gig.payHourlyEquivalent;
  if (!validMoney(pay) || !min) return null;
  if (normalizeCurrency(pay.currency) !== min.currency) return null;
  return pay.amount >= min.amount;
}

function timezoneDistance(win: { minOffsetMinutes: number; maxOffsetMinutes: number }, tz: number): number {
  if (win.minOffsetMinutes <= win.maxOffsetMinutes) {
    return tz < win.minOffsetMinutes ? win.minOffsetMinutes - tz : tz > win.maxOffsetMinutes ? tz - win.maxOffsetMinutes : 0;
  }
  // Window wraps around the date line, e.g. UTC+10..UTC-10.
  const inside = tz >= win.minOffsetMinutes || tz <= win.maxOffsetMinutes;
  return inside ? 0 : Math.min(win.minOffsetMinutes - tz, tz - win.maxOffsetMinutes);
}

function timezoneValue(person: MatchPerson, gig: MatchGig): number {
  const win = gig.timezoneWindow;
  if (!win) return 1;
  const tz = person.timezoneOffsetMinutes;
  if (typeof tz !== "number" || !Number.isFinite(tz)) return UNKNOWN_VALUE;
  const distance = timezoneDistance(win, tz);
  return distance === 0 ? 1 : clamp01(1 - distance / TIMEZONE_ZERO_MINUTES);
}

function verifiedCount(person: MatchPerson): number {
  return typeof person.verifiedCreditCount === "number" && Number.isFinite(person.verifiedCreditCount)
    ? Math.max(0, Math.floor(person.verifiedCreditCount))
    : 0;
}

/** Sum of the weights of the components labs may see (everything but PRIVATE_COMPONENTS). */
const LAB_WEIGHT_TOTAL = 1 - MATCH_WEIGHTS.rate;

/**
 * Weighted sum of component values (in ComponentKey order) -> the integer 0..100 score. For the
 * lab audience the rate value is not read at all and the other weights are rescaled.
 */
function totalScore(values: readonly [number, number, number, number, number, number], audience: MatchAudience = "person"): number {
  const shared =
    0 +
    MATCH_WEIGHTS.transfer * values[0] +
    MATCH_WEIGHTS.genreFormat * values[1] +
    MATCH_WEIGHTS.availability * values[2] +
    MATCH_WEIGHTS.timezone * values[4] +
    MATCH_WEIGHTS.credits * values[5];
  const raw = audience === "lab" ? shared / LAB_WEIGHT_TOTAL : shared + MATCH_WEIGHTS.rate * values[3];
  // Round to 9 decimals first so floating-point noise can't flip a .5 boundary.
  return Math.max(0, Math.min(100, Math.round(Math.round(raw * 100 * 1e9) / 1e9)));
}

/** The gig's keys, normalised once for scoring many people. */
interface GigKeys {
  taskTypes: string[];
  genres: string[];
  formats: string[];
}

function gigKeys(gig: MatchGig): GigKeys {
  return { taskTypes: uniqueNormalized(gig.taskTypes), genres: uniqueNormalized(gig.genres), formats: uniqueNormalized(gig.formats) };
}

function scoreWith(input: MatchPerson, gig: MatchGig, keys: GigKeys, audience: MatchAudience): number {
  // Labs never read private fields: not the minimum rate, not the available-from date.
  const person = audience === "lab" ? withoutPrivateFields(input) : input;
  return totalScore(
    [
      transferValue(keys.taskTypes, (t) => transferLookup(person.transferScores ?? {}, t)),
      genreFormatValue(keys.genres, keys.formats, hasKeyIn(person.genres), hasKeyIn(person.formats)),
      availabilityValue(person, gig),
      // The lab audience never reads the private rate.
      audience === "lab" ? 0 : rateValue(minimumRateOf(person), gig),
      timezoneValue(person, gig),
      clamp01(verifiedCount(person) / CREDITS_FOR_FULL_VALUE),
    ],
    audience,
  );
}

/**
 * `matchScore(person, gig)` and `meetsMinimumRate(person, gig)` for one person and many gigs: what depends
 * only on the person (their keys normalised, their transfer scores by normalised key, the parsed
 * available-from date, the minimum rate's currency) is worked out once instead of once per gig. The same
 * values and arithmetic as `matchScore` (tests/unit/matching.test.ts compares them).
 */
export function personScorer(person: MatchPerson): { score(gig: MatchGig): number; meetsMinimumRate(gig: MatchGig): boolean | null } {
  const scores = person.transferScores ?? {};
  // transferLookup: the exact key first, else the first key (in entry order) with the same normalised form.
  const byNorm = new Map<string, number>();
  for (const [k, v] of Object.entries(scores)) {
    const n = norm(k);
    if (!byNorm.has(n)) byNorm.set(n, clampScore(v));
  }
  const lookup = (t: string) => (Object.hasOwn(scores, t) ? clampScore(scores[t]) : (byNorm.get(norm(t)) ?? null));
  const keySet = (keys: readonly string[] | undefined): HasKey => {
    const set = new Set((keys ?? []).filter((k) => typeof k === "string").map(norm));
    return (n) => set.has(n);
  };
  const hasGenre = keySet(person.genres);
  const hasFormat = keySet(person.formats);
  const from = parseDay(person.availableFrom);
  const min = minimumRateOf(person);
  const credits = clamp01(verifiedCount(person) / CREDITS_FOR_FULL_VALUE);
  return {
    score(gig) {
      const keys = gigKeys(gig);
      return totalScore([
        transferValue(keys.taskTypes, lookup),
        genreFormatValue(keys.genres, keys.formats, hasGenre, hasFormat),
        availabilityValue(person, gig, from),
        rateValue(min, gig),
        timezoneValue(person, gig),
        credits,
      ]);
    },
    meetsMinimumRate: (gig) => paysMinimum(min, gig),
  };
}

/**
 * `scoreMatch(person, gig).score` without the reasons and components: the same component
 * values and arithmetic, no strings. Used to rank many candidates before building reasons for
 * the few that are shown.
 */
export function matchScore(person: MatchPerson, gig: MatchGig, audience: MatchAudience = "person"): number {
  return scoreWith(person, gig, gigKeys(gig), audience);
}

// ---------------------------------------------------------------------------
// Score & rank
// ---------------------------------------------------------------------------

/** Score a person for a gig (does not apply the hard filter; see rankCandidates). */
export function scoreMatch(person: MatchPerson, gig: MatchGig, options: MatchOptions = {}): MatchResult {
  const outputs: [ComponentKey, ComponentOutput][] = [
    ["transfer", transferComponent(person, gig, options.labels)],
    ["genreFormat", genreFormatComponent(person, gig, options.labels)],
    ["availability", availabilityComponent(person, gig)],
    ["rate", rateComponent(person, gig)],
    ["timezone", timezoneComponent(person, gig)],
    ["credits", creditsComponent(person)],
  ];
  const components: MatchComponent[] = outputs.map(([key, o]) => ({
    key,
    label: COMPONENT_LABELS[key],
    weight: MATCH_WEIGHTS[key],
    value: o.value,
    reason: o.reason,
  }));
  const values = [
    outputs[0][1].value,
    outputs[1][1].value,
    outputs[2][1].value,
    outputs[3][1].value,
    outputs[4][1].value,
    outputs[5][1].value,
  ] as const;
  const score = totalScore(values);
  // The lab score reads the availability without the private available-from date (hours only).
  const labValues = [values[0], values[1], availabilityValue(withoutPrivateFields(person), gig), values[3], values[4], values[5]] as const;
  const labScore = totalScore(labValues, "lab");

  const ranked = outputs.flatMap(([key, o], componentIndex) => o.details.map((d, i) => ({ ...d, key, order: componentIndex * 1000 + i })));
  ranked.sort((a, b) => b.contribution - a.contribution || a.order - b.order);
  const reasons = [...new Set(ranked.map((r) => r.text))];
  // The person's minimum rate is private: labs see every reason except the rate comparison.
  const sharedReasons = [...new Set(ranked.filter((r) => !PRIVATE_COMPONENTS.includes(r.key) && !r.private).map((r) => r.text))];
  return { score, labScore, components, reasons, sharedReasons };
}

/**
 * What a gig card shows of the professional's own match: `scoreMatch(person, gig, options).score` and
 * `.reasons[0]` (the strongest reason, earliest component first on ties), without the components,
 * the lab score or the shared reasons that a card never shows (decision 0041). The same component
 * functions and arithmetic; tests/unit/matching.test.ts compares it with scoreMatch.
 */
export function cardMatch(person: MatchPerson, gig: MatchGig, options: MatchOptions = {}): { score: number; reason: string } {
  const outputs = [
    transferComponent(person, gig, options.labels),
    genreFormatComponent(person, gig, options.labels),
    availabilityComponent(person, gig),
    rateComponent(person, gig),
    timezoneComponent(person, gig),
    creditsComponent(person),
  ];
  const score = totalScore([outputs[0].value, outputs[1].value, outputs[2].value, outputs[3].value, outputs[4].value, outputs[5].value]);
  // scoreMatch sorts every detail by contribution (desc), then by component and position: its first
  // reason is the first detail, in that order, whose contribution no later detail exceeds.
  let best: RankedReason | undefined;
  for (const o of outputs) for (const d of o.details) if (best === undefined || d.contribution > best.contribution) best = d;
  return { score, reason: (best as RankedReason).text };
}

/** Components whose reasons reveal private profile fields (shown to the professional only). */
export const PRIVATE_COMPONENTS: readonly ComponentKey[] = ["rate"];

export interface RankedCandidate<P extends MatchPerson = MatchPerson> {
  person: P;
  score: number;
  match: MatchResult;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hard-filter, score and sort: score desc, then id asc (code-unit order, not
 * locale). With `options.audience === "lab"` the score is the lab score (no private components). Deterministic for any input order as long as ids are unique.
 * `limit` <= 0 returns []; omit it for everyone.
 */
export function rankCandidates<P extends MatchPerson>(
  people: readonly P[],
  gig: MatchGig,
  limit?: number,
  options: MatchOptions = {},
): RankedCandidate<P>[] {
  // Rank on the score alone (no reasons, no strings), then build the full match only for the
  // people kept: with 400 recalled and 50 shown, most of the work is skipped.
  const keys = gigKeys(gig);
  const audience = options.audience ?? "person";
  const scored = people
    // The lab-side hard filter does not read private fields either (the start-date rule is the person's own).
    .filter((p) => passesHardFilter(audience === "lab" ? withoutPrivateFields(p) : p, gig))
    .map((person) => ({ person, score: scoreWith(person, gig, keys, audience) }))
    .sort((a, b) => b.score - a.score || compareIds(a.person.id, b.person.id));
  const kept =
    limit === undefined || (!Number.isFinite(limit) && limit > 0)
      ? scored
      : !Number.isFinite(limit)
        ? []
        : scored.slice(0, Math.max(0, Math.floor(limit)));
  return kept.map(({ person }) => {
    const match = scoreMatch(person, gig, options);
    return { person, score: audience === "lab" ? match.labScore : match.score, match };
  });
}

// ---------------------------------------------------------------------------
// The person's minimum rate, and gigs for a person
// ---------------------------------------------------------------------------

/**
 * The person as a lab may see them for matching: private fields (the minimum rate and the
 * available-from date) removed, so a lab-facing view cannot depend on them (the lab score, the
 * lab-side hard filter and the shared reasons read neither).
 */
export function withoutPrivateFields<P extends MatchPerson>(person: P): P {
  return { ...person, minRate: null, availableFrom: null };
}

/**
 * Whether the gig pays at least the person's minimum rate: true or false when both are known in
 * the same currency, null when that cannot be told (no minimum, no published pay, other currency).
 */
export function meetsMinimumRate(person: MatchPerson, gig: MatchGig): boolean | null {
  return paysMinimum(minimumRateOf(person), gig);
}

export interface GigForPerson<G extends MatchGig> {
  gig: G;
  match: MatchResult;
  /** The gig pays less than the person's minimum rate (only ever true with `belowMinimum: "last"`). */
  belowMinimum: boolean;
}

/**
 * Gigs for one person, best first (score desc, then id). The promise the profile makes ("your
 * minimum rate keeps you out of gigs that pay less") is kept here:
 *  - `belowMinimum: "exclude"` (recommendations, "Gigs for me"): gigs paying less are left out;
 *  - `belowMinimum: "last"` (search sorted by "Best match for me"): they come after every gig
 *    that meets the minimum (or cannot be compared) and are flagged.
 * Gigs whose id is in `exclude` (those the person already applied to) are left out.
 */
export function rankGigsForPerson<G extends MatchGig>(
  person: MatchPerson,
  gigs: readonly G[],
  opts: { belowMinimum: "exclude" | "last"; exclude?: ReadonlySet<string>; limit?: number } & MatchOptions,
): GigForPerson<G>[] {
  // Rank on the score alone (matchScore: the same number as scoreMatch(...).score, no strings),
  // then build the full match with its reasons only for the gigs kept (300 recalled, 6 shown).
  return rankGigsByScore(person, gigs, opts).map(({ gig, belowMinimum }) => ({ gig, belowMinimum, match: scoreMatch(person, gig, opts) }));
}

/**
 * `rankGigsForPerson` without building the matches: the same gigs in the same order, each with its
 * score (`scoreMatch(...).score`) and `belowMinimum`. For callers that show only some of them and build
 * what they show themselves (the search page sorted by "Best match for me", decision 0041).
 */
export function rankGigsByScore<G extends MatchGig>(
  person: MatchPerson,
  gigs: readonly G[],
  opts: { belowMinimum: "exclude" | "last"; exclude?: ReadonlySet<string>; limit?: number },
): { gig: G; belowMinimum: boolean; score: number }[] {
  const scorer = personScorer(person);
  const ranked: { gig: G; belowMinimum: boolean; score: number }[] = [];
  for (const gig of gigs) {
    if (opts.exclude?.has(gig.id)) continue;
    const belowMinimum = scorer.meetsMinimumRate(gig) === false;
    if (belowMinimum && opts.belowMinimum !== "last") continue;
    ranked.push({ gig, belowMinimum, score: scorer.score(gig) });
  }
  ranked.sort((a, b) => Number(a.belowMinimum) - Number(b.belowMinimum) || b.score - a.score || compareIds(a.gig.id, b.gig.id));
  const limit = opts.limit;
  return limit === undefined ? ranked : ranked.slice(0, Math.max(0, Math.floor(limit)));
}
