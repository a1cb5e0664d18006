/**
 * Deterministic synthetic data for Second Act: professionals with plausible TV careers,
 * labs, gigs and applications spread over the whole onboarding pipeline.
 *
 * PURE: no I/O, no clock, no Math.random. Everything derives from `seed`, `size` and the
 * `now` passed in, so the same inputs give byte-identical output (see
 * tests/unit/demo-data.test.ts). Ids are deterministic strings ("usr_000001"), which never
 * collide with the cuids the app creates.
 *
 * Sizes
 * - demo:  200 professionals, 10 labs, 60 gigs, ~450 applications (the app's first-run data).
 * - bench: 100,000 professionals, 400 labs, 10,000 gigs, ~30,000 applications.
 *
 * Careers: each professional gets a department, a "lane" format and a starting rank, then
 * 1–12 credits in chronological order on shows from a shared pool (so colleagues share
 * shows). Ranks never go down within a department (no exceptions are generated); ~6 % of
 * careers switch into directing part-way. Episode counts follow each format's season
 * length (EPISODES_PER_SEASON); directors, editors and DPs work part of each season
 * (PARTIAL_SEASON_ROLES).
 */
import { defaultRulesAsInputs } from "~/domain/default-rules";
import { hourlyPay, toMatchGig } from "~/domain/gigs";
import { LEGAL_TEXTS } from "~/domain/legal";
import { MATCH_LABELS, type MatchPerson, scoreMatch } from "~/domain/matching";
import { type Checklist, DEFAULT_SLA_DAYS, type Stage, emptyChecklist, stageLabel } from "~/domain/onboarding";
import { DEMOGRAPHICS_NOTICE, type Demographics, workingLanguageCodes } from "~/domain/profile";
import {
  type DepartmentKey,
  type FormatKey,
  type GenreKey,
  type RoleKey,
  TASK_TYPES,
  type TaskTypeKey,
  formatLabel,
  formatPlural,
  genreLabel,
  rolesInDepartment,
  roleByKey,
  roleLabel,
  taskTypeByKey,
  taskTypeName,
} from "~/domain/taxonomy";
import { type CreditForScoring, type TransferRuleInput, normaliseShowTitle, scoreTransfer } from "~/domain/transfer";
import { DEMO_ACCOUNTS } from "./accounts";
import {
  APPEAL_MESSAGES,
  APPEAL_OUTCOMES,
  APPLICATION_NOTES,
  CLOSED_REASONS,
  DECLINE_REASONS,
  DISCLOSURE_RETENTION,
  DISCLOSURE_TRAINS,
  GIG_TEMPLATES,
  LOW_SCREENING_FEEDBACK,
  OFFBOARD_REASONS,
  SCREENING_FEEDBACK,
  WITHDRAW_REASONS,
} from "./gig-templates";
import { Rng, type Weighted, weights } from "./rng";
import {
  EPISODES_PER_SEASON,
  FIRST_NAMES,
  DEMO_FORMATS,
  type DemoFormat,
  FORMAT_GENRES,
  LAB_FOCUS,
  LAB_NAMES,
  LAB_NAME_PARTS,
  LOCATIONS,
  NETWORKS,
  PLACES,
  type Place,
  SECOND_LANGUAGES,
  SHOW_RUN_YEARS,
  SURNAMES,
  TITLE_PATTERNS,
  TITLE_WORDS,
  TRAINING_MODULES,
  VERIFICATION_NOTES,
} from "./vocabulary";

export { EPISODES_PER_SEASON, type DemoFormat } from "./vocabulary";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export type DatasetSize = "demo" | "bench";

export interface SizeSpec {
  professionals: number;
  labs: number;
  gigs: number;
  /** Target number of applications (the result is within a few percent). */
  applications: number;
  coordinators: number;
  /** Shows running per format and year in the show pool. */
  showsPerFormatYear: number;
  appeals: number;
}

export const SIZES: Record<DatasetSize, SizeSpec> = {
  demo: { professionals: 200, labs: 10, gigs: 60, applications: 450, coordinators: 3, showsPerFormatYear: 2, appeals: 6 },
  bench: {
    professionals: 100_000,
    labs: 400,
    gigs: 10_000,
    applications: 30_000,
    coordinators: 10,
    showsPerFormatYear: 50,
    appeals: 300,
  },
};

export const DEFAULT_SEED = 20_261_124;
export const FIRST_CREDIT_YEAR = 1990;
/** Applications (and their whole history) happen within this many days before `now`. */
export const HISTORY_DAYS = 120;

/** Roles that work only part of a season (a block of episodes), not all of it. */
export const PARTIAL_SEASON_ROLES: ReadonlySet<RoleKey> = new Set<RoleKey>(["DIRECTOR", "EDITOR", "DIRECTOR_OF_PHOTOGRAPHY"]);

export type UserRole = "PROFESSIONAL" | "LAB_MEMBER" | "COORDINATOR" | "ADMIN";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LanguageEntry {
  code: string;
  level: "native" | "fluent" | "conversational";
}

export interface ProfileRow {
  id: string;
  userId: string;
  displayName: string;
  headline: string;
  bio: string;
  location: string;
  timezone: string;
  languages: LanguageEntry[];
  languageCodes: string[];
  hoursPerWeek: number;
  minRateCents: number;
  rateCurrency: string;
  availableFrom: Date;
  links: string[];
  aiUseConsentAt: Date | null;
  aiUseConsentVersion: string | null;
  demographicsOptIn: boolean;
  demographics: Demographics | null;
  visibility: "LABS" | "COORDINATORS";
  transferScores: Record<string, number>;
  transferComputedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreditRow {
  id: string;
  profileId: string;
  showTitle: string;
  showTitleNorm: string;
  network: string;
  format: FormatKey;
  genres: GenreKey[];
  role: RoleKey;
  department: DepartmentKey;
  startYear: number;
  endYear: number | null;
  episodes: number;
  position: number;
  verifiedAt: Date | null;
  verifiedById: string | null;
  verificationNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface LabRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  website: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface LabMemberRow {
  id: string;
  labId: string;
  userId: string;
  role: "OWNER" | "MEMBER";
  createdAt: Date;
}

export type GigStatus = "DRAFT" | "OPEN" | "PAUSED" | "CLOSED";

export interface GigRow {
  id: string;
  labId: string;
  title: string;
  description: string;
  taskTypes: TaskTypeKey[];
  modality: string;
  genres: GenreKey[];
  formats: FormatKey[];
  languages: string[];
  hoursPerWeek: number;
  weeklyCapHours: number;
  payAmountCents: number | null;
  payUnit: "HOUR" | "TASK";
  payCurrency: string;
  minutesPerTask: number | null;
  screeningPaid: boolean;
  screeningRateCents: number | null;
  onboardingPaid: boolean;
  slots: number;
  startDate: Date | null;
  endDate: Date | null;
  timezoneMinOffset: number | null;
  timezoneMaxOffset: number | null;
  screeningRequired: boolean;
  screeningInstructions: string;
  ndaRequired: boolean;
  trainingModules: string[];
  disclosureTrains: string;
  disclosureCreativeUse: string;
  disclosureRetention: string;
  noticeDays: number | null;
  rateLockDays: number | null;
  minimumPaidHoursPerWeek: number | null;
  killFeeCents: number | null;
  assessmentMinutes: number | null;
  trainingMinutes: number | null;
  assessmentPaidWhen: string;
  trainingPaidWhen: string;
  status: GigStatus;
  closedReason: string | null;
  createdById: string;
  /** The responsible coordinator (SLA reminders go to them); the showcase gig names the demo coordinator. */
  coordinatorId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type Origin = "APPLIED" | "INVITED" | "RECOMMENDED";

export interface ApplicationRow {
  id: string;
  profileId: string;
  gigId: string;
  origin: Origin;
  note: string;
  stage: Stage;
  stageEnteredAt: Date;
  checklist: Checklist;
  matchScore: number;
  matchReasons: string[];
  lastReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionRow {
  id: string;
  applicationId: string;
  fromStage: Stage | null;
  toStage: Stage;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  at: Date;
}

/** A change against a gig's engagement terms (GigTermChange). */
export interface TermChangeRow {
  id: string;
  gigId: string;
  labId: string;
  kind: string;
  before: { value: number | string | null; text: string };
  after: { value: number | string | null; text: string };
  promisedNoticeDays: number | null;
  actualNoticeDays: number;
  effectiveAt: Date;
  withinPromise: boolean;
  reason: string;
  actorId: string | null;
  actorRole: string;
  createdAt: Date;
}

export interface AppealRow {
  id: string;
  applicationId: string;
  message: string;
  status: "OPEN" | "ANSWERED";
  outcome: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  createdAt: Date;
}

export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface ConsentRow {
  id: string;
  userId: string;
  kind: "AI_USE_TERMS" | "NDA" | "CONTRACT" | "DEMOGRAPHICS";
  textVersion: string;
  applicationId: string | null;
  acceptedAt: Date;
}

export interface Dataset {
  size: DatasetSize;
  seed: number;
  now: Date;
  currentYear: number;
  users: UserRow[];
  profiles: ProfileRow[];
  credits: CreditRow[];
  labs: LabRow[];
  labMembers: LabMemberRow[];
  gigs: GigRow[];
  applications: ApplicationRow[];
  transitions: TransitionRow[];
  appeals: AppealRow[];
  termChanges: TermChangeRow[];
  notifications: NotificationRow[];
  consents: ConsentRow[];
  /** Handy ids for tests, logs and the demo journey. */
  meta: {
    adminUserId: string;
    coordinatorUserId: string;
    labOwnerUserId: string;
    proUserId: string;
    proProfileId: string;
    /** The gig with 24 applicants the coordinator demo journey starts from. */
    showcaseGigId: string;
  };
}

export interface GenerateOptions {
  size: DatasetSize;
  /** The moment the data is generated "at": every timestamp is before it. */
  now: Date;
  seed?: number;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rounds to whole seconds so timestamps look like real ones. */
function ts(ms: number): Date {
  return new Date(Math.round(ms / 1000) * 1000);
}
function midnight(ms: number): Date {
  return new Date(Math.floor(ms / DAY) * DAY);
}
function iso(ms: number): string {
  return ts(ms).toISOString();
}
function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
function shortRole(key: RoleKey): string {
  return roleLabel(key)
    .replace(/ \(.*\)$/, "")
    .replace(" / showrunner", "");
}
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function article(s: string): string {
  return /^[aeiou]/i.test(s) ? `an ${s}` : `a ${s}`;
}
function dollars(cents: number): string {
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

class Ids {
  private counters = new Map<string, number>();
  next(prefix: string, width = 6): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}_${pad(n, width)}`;
  }
}

// ---------------------------------------------------------------------------
// Careers
// ---------------------------------------------------------------------------

/** Departments the demo careers are drawn from (performers, composers and designers are not generated). */
type DemoDepartment = Exclude<DepartmentKey, "PERFORMANCE" | "MUSIC_SOUND" | "ART">;
/** Roles added to the taxonomy after the generator was written; demo careers climb the original ladders. */
const ROLES_NOT_GENERATED: ReadonlySet<string> = new Set([
  "WRITER",
  "CONSULTING_PRODUCER",
  "HEAD_WRITER",
  "ASSOCIATE_PRODUCER",
  "POST_PRODUCER",
  "CAMERA_OPERATOR",
  "CASTING_ASSOCIATE",
]);
function demoRoles(department: DepartmentKey) {
  return rolesInDepartment(department).filter((r) => !ROLES_NOT_GENERATED.has(r.key));
}

const DEPARTMENT_WEIGHTS: Weighted<DemoDepartment>[] = weights<DemoDepartment>({
  WRITING: 40,
  PRODUCING: 15,
  POST_PRODUCTION: 15,
  DIRECTING: 9,
  CAMERA: 7,
  SCRIPT: 6,
  CASTING: 5,
  OTHER: 3,
});

const DEPARTMENT_FORMATS: Record<DemoDepartment, Weighted<DemoFormat>[]> = {
  WRITING: weights<DemoFormat>({
    MULTI_CAM_SITCOM: 12,
    SINGLE_CAM_COMEDY: 14,
    DRAMA: 18,
    PROCEDURAL: 14,
    LIMITED_SERIES: 6,
    ANIMATION: 10,
    LATE_NIGHT: 8,
    DAYTIME: 6,
    CHILDRENS: 7,
    UNSCRIPTED: 2,
    DOCUMENTARY: 3,
  }),
  DIRECTING: weights<DemoFormat>({
    MULTI_CAM_SITCOM: 10,
    SINGLE_CAM_COMEDY: 12,
    DRAMA: 20,
    PROCEDURAL: 18,
    LIMITED_SERIES: 8,
    LATE_NIGHT: 6,
    DAYTIME: 6,
    DOCUMENTARY: 10,
    UNSCRIPTED: 6,
    CHILDRENS: 4,
  }),
  PRODUCING: weights<DemoFormat>({
    UNSCRIPTED: 22,
    DOCUMENTARY: 16,
    DRAMA: 12,
    PROCEDURAL: 8,
    SINGLE_CAM_COMEDY: 8,
    MULTI_CAM_SITCOM: 6,
    LATE_NIGHT: 8,
    DAYTIME: 8,
    CHILDRENS: 6,
    ANIMATION: 4,
    LIMITED_SERIES: 4,
  }),
  POST_PRODUCTION: weights<DemoFormat>({
    UNSCRIPTED: 20,
    DOCUMENTARY: 16,
    DRAMA: 16,
    PROCEDURAL: 12,
    SINGLE_CAM_COMEDY: 10,
    MULTI_CAM_SITCOM: 6,
    LATE_NIGHT: 6,
    LIMITED_SERIES: 6,
    ANIMATION: 5,
    CHILDRENS: 3,
  }),
  CAMERA: weights<DemoFormat>({
    DRAMA: 25,
    PROCEDURAL: 18,
    LIMITED_SERIES: 10,
    SINGLE_CAM_COMEDY: 14,
    DOCUMENTARY: 18,
    UNSCRIPTED: 10,
    MULTI_CAM_SITCOM: 5,
  }),
  SCRIPT: weights<DemoFormat>({
    DRAMA: 25,
    PROCEDURAL: 22,
    LIMITED_SERIES: 10,
    SINGLE_CAM_COMEDY: 15,
    MULTI_CAM_SITCOM: 15,
    DAYTIME: 8,
    CHILDRENS: 5,
  }),
  CASTING: weights<DemoFormat>({
    DRAMA: 18,
    PROCEDURAL: 12,
    SINGLE_CAM_COMEDY: 12,
    MULTI_CAM_SITCOM: 10,
    ANIMATION: 18,
    LIMITED_SERIES: 8,
    UNSCRIPTED: 12,
    CHILDRENS: 10,
  }),
  OTHER: DEMO_FORMATS.map((value) => ({ value, weight: 1 })),
};

/** Weights for the starting rank (index 0 = rank 1). */
const START_RANK: Record<DemoDepartment, number[]> = {
  WRITING: [35, 20, 35, 7, 3],
  DIRECTING: [60, 40],
  PRODUCING: [35, 25, 35, 5],
  POST_PRODUCTION: [65, 35],
  CAMERA: [1],
  SCRIPT: [1],
  CASTING: [1],
  OTHER: [1],
};

/** Chance of going up one rank (and, for writers, two) with each new credit. */
const PROMOTION: Record<DemoDepartment, { one: number; two: number }> = {
  WRITING: { one: 0.5, two: 0.15 },
  DIRECTING: { one: 0.25, two: 0 },
  PRODUCING: { one: 0.3, two: 0.05 },
  POST_PRODUCTION: { one: 0.35, two: 0 },
  CAMERA: { one: 0, two: 0 },
  SCRIPT: { one: 0, two: 0 },
  CASTING: { one: 0, two: 0 },
  OTHER: { one: 0, two: 0 },
};

/** How many seasons one credit lasts, by format: weights for 1, 2, 3, ... seasons. */
const CREDIT_SEASONS: Record<DemoFormat, number[]> = {
  MULTI_CAM_SITCOM: [40, 30, 20, 10],
  SINGLE_CAM_COMEDY: [45, 30, 17, 8],
  DRAMA: [45, 30, 17, 8],
  PROCEDURAL: [35, 30, 20, 15],
  LIMITED_SERIES: [1],
  ANIMATION: [35, 30, 20, 15],
  UNSCRIPTED: [50, 30, 20],
  DOCUMENTARY: [85, 15],
  LATE_NIGHT: [20, 25, 20, 15, 10, 10],
  DAYTIME: [15, 20, 20, 15, 10, 10, 5, 5],
  CHILDRENS: [40, 30, 20, 10],
};

const DEPARTMENT_STRENGTHS: Record<DemoDepartment, readonly string[]> = {
  WRITING: [
    "Comfortable breaking story, punching up jokes and writing to a deadline.",
    "Known in rooms for clean first drafts and fast alts.",
    "Loves a whiteboard and a hard structural problem.",
  ],
  DIRECTING: [
    "Thinks in shots and coverage, and works fast with actors.",
    "Used to prepping an episode in a week and shooting it in eight days.",
  ],
  PRODUCING: [
    "Has run budgets, schedules and teams of forty-plus people.",
    "Good at knowing what an audience will sit through — and what they won't.",
  ],
  POST_PRODUCTION: ["Has spent thousands of hours finding the story in footage.", "Fast, organised and picky about pacing."],
  CAMERA: ["Has lit and framed everything from night exteriors to talking heads.", "Obsessive about lens choice and camera movement."],
  SCRIPT: ["Tracks continuity, timing and every line change, take by take.", "Catches the mismatched prop before anyone else does."],
  CASTING: [
    "Has watched tens of thousands of auditions and self-tapes.",
    "Hears the difference between a read and a performance instantly.",
  ],
  OTHER: ["Has worn many hats on set and in the office.", "Knows how a production really runs day to day."],
};

interface Show {
  title: string;
  network: string;
  format: DemoFormat;
  genres: GenreKey[];
  startYear: number;
  /** null = still running */
  endYear: number | null;
  seasonEpisodes: number;
}

interface ShowPool {
  shows: Show[];
  /** `${format}:${year}` -> indexes of shows running that year */
  running: Map<string, number[]>;
}

function buildShowPool(rng: Rng, currentYear: number, perFormatYear: number): ShowPool {
  const shows: Show[] = [];
  const running = new Map<string, number[]>();
  const titles = new Set<string>();
  const firstYear = FIRST_CREDIT_YEAR - 5;
  for (const format of DEMO_FORMATS) {
    const patterns = TITLE_PATTERNS[format];
    for (let year = firstYear; year <= currentYear; year++) {
      const key = `${format}:${year}`;
      while ((running.get(key)?.length ?? 0) < perFormatYear) {
        const [minRun, maxRun] = SHOW_RUN_YEARS[format];
        const run = rng.chance(0.5) ? rng.int(minRun, Math.max(minRun, Math.ceil((minRun + maxRun) / 3))) : rng.int(minRun, maxRun);
        const end = year + run - 1;
        const ongoing = end >= currentYear;
        let title = "";
        for (let attempt = 0; attempt < 12 && (title === "" || titles.has(normaliseShowTitle(title))); attempt++) {
          title = rng.pick(patterns)({
            first: rng.pick(FIRST_NAMES),
            surname: rng.pick(SURNAMES),
            place: rng.pick(PLACES),
            adjective: rng.pick(TITLE_WORDS.adjectives),
            noun: rng.pick(TITLE_WORDS.nouns),
            animal: rng.pick(TITLE_WORDS.animals),
            workplace: rng.pick(TITLE_WORDS.workplaces),
            topic: rng.pick(TITLE_WORDS.topics),
            n: rng.int(1, 9),
          });
        }
        for (let n = 2; titles.has(normaliseShowTitle(title)); n++) title = `${title.replace(/ \(\d+\)$/, "")} (${year + n - 2})`;
        titles.add(normaliseShowTitle(title));
        const g = FORMAT_GENRES[format];
        const genres = [...rng.pick(g.base)];
        if (g.extra.length > 0 && rng.chance(0.45)) {
          const extra = rng.pick(g.extra);
          if (!genres.includes(extra)) genres.push(extra);
        }
        const [lo, hi] = EPISODES_PER_SEASON[format];
        const idx = shows.length;
        shows.push({
          title,
          network: rng.pick(NETWORKS),
          format,
          genres,
          startYear: year,
          endYear: ongoing ? null : end,
          seasonEpisodes: rng.int(lo, hi),
        });
        for (let y = year; y <= Math.min(end, currentYear); y++) {
          const k = `${format}:${y}`;
          const list = running.get(k);
          if (list) list.push(idx);
          else running.set(k, [idx]);
        }
      }
    }
  }
  return { shows, running };
}

interface PlannedCredit {
  show: Show;
  role: RoleKey;
  startYear: number;
  endYear: number | null;
  episodes: number;
}

interface Career {
  department: DemoDepartment;
  switchedTo: DemoDepartment | null;
  switchYear: number | null;
  laneFormat: DemoFormat;
  credits: PlannedCredit[];
  firstYear: number;
  lastYear: number;
  retired: boolean;
  /** 0..1 seniority of the latest credit within its department. */
  seniority: number;
}

function seasonsOf(startYear: number, endYear: number | null, currentYear: number): number {
  return (endYear ?? currentYear) - startYear + 1;
}

/** Episodes for a role on a show over some seasons, within the format's season length. */
function episodesFor(rng: Rng, show: Show, role: RoleKey, seasons: number): number {
  const [lo, hi] = EPISODES_PER_SEASON[show.format];
  let total = 0;
  for (let s = 0; s < seasons; s++) {
    const season = clamp(Math.round(show.seasonEpisodes * rng.range(0.85, 1.15)), lo, hi);
    total += PARTIAL_SEASON_ROLES.has(role) ? Math.max(1, Math.round(season * rng.range(0.1, 0.5))) : season;
  }
  return clamp(total, 1, 2000);
}

function pickRank(rng: Rng, department: DemoDepartment): number {
  const w = START_RANK[department];
  return rng.weighted(w.map((weight, i) => ({ value: i + 1, weight })));
}

function generateCareer(rng: Rng, pool: ShowPool, currentYear: number): Career {
  const department = rng.weighted(DEPARTMENT_WEIGHTS);
  const laneFormat = rng.weighted(DEPARTMENT_FORMATS[department]);
  const maxCareer = currentYear - FIRST_CREDIT_YEAR;
  const careerYears = Math.round(rng.bell(1, maxCareer));
  const firstYear = currentYear - careerYears;
  const retired = careerYears > 3 && rng.chance(0.35);
  const lastActive = retired ? currentYear - rng.int(1, Math.min(8, careerYears - 2)) : currentYear;
  const target = clamp(Math.round((lastActive - firstYear + 1) / rng.range(2.2, 4.2)), 1, 12);
  const canSwitch = department === "WRITING" || department === "SCRIPT" || department === "POST_PRODUCTION" || department === "CAMERA";
  const switchAfter = canSwitch && target >= 4 && rng.chance(0.12) ? rng.int(2, target - 2) : -1;

  let dept: DepartmentKey = department;
  let roles = demoRoles(dept);
  let rank = pickRank(rng, dept);
  let year = firstYear;
  let switchYear: number | null = null;
  const credits: PlannedCredit[] = [];
  /** Set when a promotion keeps someone on the same show for the next season(s). */
  let stayOn: Show | null = null;

  for (let guard = 0; credits.length < target && year <= lastActive && guard < 60; guard++) {
    if (credits.length === switchAfter && dept !== "DIRECTING") {
      dept = "DIRECTING";
      roles = demoRoles(dept);
      rank = 2; // writers, editors, DPs and script supervisors move up to directing episodes
      switchYear = year;
      stayOn = null;
    }
    let show: Show | null = stayOn;
    stayOn = null;
    if (!show) {
      const format = rng.chance(0.65) ? laneFormat : rng.weighted(DEPARTMENT_FORMATS[dept]);
      const candidates = pool.running.get(`${format}:${year}`) ?? pool.running.get(`${laneFormat}:${year}`);
      if (!candidates || candidates.length === 0) {
        year++;
        continue;
      }
      show = pool.shows[rng.pick(candidates)];
    }
    const w = CREDIT_SEASONS[show.format];
    const seasonsWanted = rng.weighted(w.map((weight, i) => ({ value: i + 1, weight })));
    let end = Math.min(year + seasonsWanted - 1, show.endYear ?? currentYear, lastActive, currentYear);
    if (end < year) end = year;
    const ongoing = end === currentYear && show.endYear === null && !retired && rng.chance(0.75);
    const role = roles[clamp(rank, 1, roles.length) - 1].key as RoleKey;
    const credit: PlannedCredit = {
      show,
      role,
      startYear: year,
      endYear: ongoing ? null : end,
      episodes: episodesFor(rng, show, role, seasonsOf(year, ongoing ? null : end, currentYear)),
    };
    credits.push(credit);
    if (ongoing) break;
    const p = PROMOTION[dept];
    const r = rng.float();
    const nextRank = Math.min(roles.length, rank + (r < p.two ? 2 : r < p.two + p.one ? 1 : 0));
    const promoted = nextRank > rank;
    rank = nextRank;
    if (promoted && (show.endYear === null || show.endYear > end) && end < lastActive && rng.chance(0.45)) {
      // Promoted on the same show: the next credit is the following season(s) there.
      stayOn = show;
      year = end + 1;
    } else {
      year = end + (rng.chance(0.25) ? 0 : 1) + (rng.chance(0.12) ? rng.int(1, 4) : 0);
      if (year === credit.startYear) year++;
    }
  }
  if (credits.length === 0) {
    // Short or unlucky career: one credit on any show of the lane format running in the first year.
    const list = pool.running.get(`${laneFormat}:${firstYear}`) ?? pool.running.get(`DRAMA:${firstYear}`)!;
    const show = pool.shows[rng.pick(list)];
    const role = roles[clamp(rank, 1, roles.length) - 1].key as RoleKey;
    credits.push({ show, role, startYear: firstYear, endYear: firstYear, episodes: episodesFor(rng, show, role, 1) });
  }
  const last = credits[credits.length - 1];
  const lastRole = roleByKey(last.role)!;
  const maxRank = demoRoles(lastRole.department).length;
  return {
    department,
    switchedTo: switchYear !== null ? "DIRECTING" : null,
    switchYear,
    laneFormat,
    credits,
    firstYear: credits[0].startYear,
    lastYear: last.endYear ?? currentYear,
    retired: last.endYear !== null && last.endYear < currentYear,
    seniority: maxRank <= 1 ? 0.6 : (lastRole.rank - 1) / (maxRank - 1),
  };
}

// ---------------------------------------------------------------------------
// Generation context
// ---------------------------------------------------------------------------

const RULES = defaultRulesAsInputs();

/**
 * The default rules that can match a credit in each department. scoreTransfer only ever
 * matches rules of a credit's own department (or role), so scoring with this subset gives
 * exactly the same result as scoring with every rule — it just skips validating ~90 rules
 * per person, which matters at 100,000 people.
 */
const RULES_BY_DEPARTMENT = new Map<DepartmentKey, TransferRuleInput[]>();
for (const r of RULES) {
  const dept = r.role ? roleByKey(r.role)!.department : r.department;
  if (!dept) continue;
  const list = RULES_BY_DEPARTMENT.get(dept);
  if (list) list.push(r);
  else RULES_BY_DEPARTMENT.set(dept, [r]);
}

function rulesFor(credits: readonly CreditRow[]): TransferRuleInput[] {
  const depts = [...new Set(credits.map((c) => c.department))];
  if (depts.length === 1) return RULES_BY_DEPARTMENT.get(depts[0]) ?? [];
  return RULES.filter((r) => depts.includes(r.role ? roleByKey(r.role)!.department : (r.department as DepartmentKey)));
}

interface Person {
  index: number;
  user: UserRow;
  profile: ProfileRow;
  credits: CreditRow[];
  /** Standard-time UTC offset of the person's time zone. */
  offset: number;
  /** Built on first use (most people never apply to anything). */
  match?: MatchPerson;
  consented: boolean;
  careerStart: number;
  topTask: TaskTypeKey | null;
}

interface LabInfo {
  row: LabRow;
  focus: (typeof LAB_FOCUS)[number]["key"];
  memberUserIds: string[];
}

interface Ctx {
  seed: number;
  now: number;
  currentYear: number;
  spec: SizeSpec;
  ids: Ids;
  ds: Dataset;
  coordinatorIds: string[];
  verifierIds: string[];
}

function nameFor(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(SURNAMES) };
}

function emailLocal(first: string, last: string): string {
  return `${slugify(first)}.${slugify(last)}`.replace(/-/g, "");
}

// ---------------------------------------------------------------------------
// Professionals
// ---------------------------------------------------------------------------

function languagesFor(rng: Rng, place: Place): LanguageEntry[] {
  const out: LanguageEntry[] = [{ code: place.language, level: "native" }];
  if (place.language !== "en") {
    out.push({ code: "en", level: rng.chance(0.8) ? "fluent" : "conversational" });
  } else if (rng.chance(0.28)) {
    const code =
      place.timezone === "America/Los_Angeles" && rng.chance(0.5)
        ? "es"
        : place.timezone === "America/Toronto" && rng.chance(0.5)
          ? "fr"
          : rng.pick(SECOND_LANGUAGES);
    out.push({ code, level: rng.chance(0.3) ? "fluent" : "conversational" });
  }
  return out;
}

function headlineFor(career: Career, currentYear: number): string {
  const last = career.credits[career.credits.length - 1];
  const formats = new Map<FormatKey, number>();
  for (const c of career.credits) formats.set(c.show.format, (formats.get(c.show.format) ?? 0) + 1);
  let main: FormatKey = last.show.format;
  let best = 0;
  for (const [f, n] of formats) {
    if (n > best) {
      best = n;
      main = f;
    }
  }
  const years = Math.max(1, (last.endYear ?? currentYear) - career.firstYear + 1);
  return `${shortRole(last.role)} on ${formatPlural(main)}, ${years} year${years === 1 ? "" : "s"}`;
}

function bioFor(rng: Rng, career: Career, place: Place, topTask: TaskTypeKey | null, currentYear: number): string {
  const first = career.credits[0];
  const last = career.credits[career.credits.length - 1];
  const shows = new Set(career.credits.map((c) => c.show.title)).size;
  const parts: string[] = [];
  const start = `Started as ${article(lowerFirst(shortRole(first.role)))} on ${first.show.title} (${first.show.network}, ${first.startYear})`;
  parts.push(
    shows > 1
      ? `${start} and has since worked on ${shows - 1} more show${shows === 2 ? "" : "s"}, most recently as ${lowerFirst(shortRole(last.role))} on ${last.show.title}.`
      : `${start}.`,
  );
  if (career.switchYear !== null) parts.push(`Moved into directing in ${career.switchYear}.`);
  parts.push(rng.pick(DEPARTMENT_STRENGTHS[career.department]));
  if (career.retired)
    parts.push(`Between shows since ${career.lastYear}${career.lastYear < currentYear - 2 ? " and looking for steady remote work" : ""}.`);
  if (topTask) parts.push(`Interested in ${lowerFirst(taskTypeName(topTask))} work.`);
  parts.push(`Based in ${place.city}.`);
  return parts.join(" ");
}

function hoursPick(rng: Rng): number {
  return rng.weighted([
    { value: 5, weight: 8 },
    { value: 10, weight: 22 },
    { value: 15, weight: 18 },
    { value: 20, weight: 22 },
    { value: 25, weight: 10 },
    { value: 30, weight: 10 },
    { value: 35, weight: 4 },
    { value: 40, weight: 6 },
  ]);
}

function toScoring(credits: readonly CreditRow[]): CreditForScoring[] {
  return credits.map((c) => ({
    id: c.id,
    showTitle: c.showTitle,
    format: c.format,
    genres: c.genres,
    role: c.role,
    startYear: c.startYear,
    endYear: c.endYear,
    episodes: c.episodes,
    verified: c.verifiedAt !== null,
  }));
}

function transferScoresFor(credits: readonly CreditRow[], currentYear: number): Record<string, number> {
  const result = scoreTransfer(toScoring(credits), rulesFor(credits), { currentYear });
  return Object.fromEntries(result.scores.map((s) => [s.taskType, s.score]));
}

function matchPersonFor(profile: ProfileRow, credits: readonly CreditRow[], offset: number): MatchPerson {
  return {
    id: profile.id,
    transferScores: profile.transferScores,
    formats: [...new Set(credits.map((c) => c.format))],
    genres: [...new Set(credits.flatMap((c) => c.genres))],
    languages: profile.languages,
    hoursPerWeek: profile.hoursPerWeek,
    minRate: { amount: profile.minRateCents, currency: profile.rateCurrency },
    timezoneOffsetMinutes: offset,
    verifiedCreditCount: credits.filter((c) => c.verifiedAt !== null).length,
    availableFrom: profile.availableFrom.toISOString().slice(0, 10),
  };
}

function matchOf(p: Person): MatchPerson {
  p.match ??= matchPersonFor(p.profile, p.credits, p.offset);
  return p.match;
}

function topTaskOf(scores: Record<string, number>): TaskTypeKey | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const [k, v] of Object.entries(scores)) {
    if (v > bestScore || (v === bestScore && best !== null && k < best)) {
      best = k;
      bestScore = v;
    }
  }
  return best as TaskTypeKey | null;
}

function creditRows(ctx: Ctx, rng: Rng, profileId: string, planned: readonly PlannedCredit[], createdAt: number): CreditRow[] {
  const rows: CreditRow[] = [];
  const n = planned.length;
  planned.forEach((c, i) => {
    const verified = rng.chance(0.3);
    const verifiedAt = verified ? ts(rng.range(createdAt + DAY, ctx.now - HOUR)) : null;
    const role = roleByKey(c.role)!;
    rows.push({
      id: ctx.ids.next("crd", 7),
      profileId,
      showTitle: c.show.title,
      showTitleNorm: normaliseShowTitle(c.show.title),
      network: c.show.network,
      format: c.show.format,
      genres: [...c.show.genres],
      role: c.role,
      department: role.department,
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      position: n - 1 - i,
      verifiedAt,
      verifiedById: verified ? rng.pick(ctx.verifierIds) : null,
      verificationNote: verified ? rng.pick(VERIFICATION_NOTES) : null,
      createdAt: ts(createdAt + (i + 1) * 60_000),
      updatedAt: verifiedAt ?? ts(createdAt + (i + 1) * 60_000),
    });
  });
  return rows;
}

function addProfessional(ctx: Ctx, pool: ShowPool, index: number): Person {
  const rng = Rng.of(ctx.seed, "person", index);
  const { first, last } = nameFor(rng);
  const name = `${first} ${last}`;
  const createdAt = ctx.now - rng.range(HISTORY_DAYS + 5, 700) * DAY;
  const career = generateCareer(rng, pool, ctx.currentYear);
  const place = rng.weighted(LOCATIONS.map((p) => ({ value: p, weight: p.weight })));
  const languages = languagesFor(rng, place);

  const userId = ctx.ids.next("usr");
  const profileId = ctx.ids.next("pro");
  const credits = creditRows(ctx, rng, profileId, career.credits, createdAt);
  const transferScores = transferScoresFor(credits, ctx.currentYear);
  const topTask = topTaskOf(transferScores);
  const consented = rng.chance(0.92);
  const optIn = rng.chance(0.6);
  const consentAt = consented ? ts(createdAt + rng.range(2, 90) * 60_000) : null;
  const rate = clamp(Math.round((2500 + career.seniority * 6500 + rng.range(-500, 3000)) / 500) * 500, 2500, 12_000);

  const user: UserRow = {
    id: userId,
    email: `${emailLocal(first, last)}.${index}@demo.secondact.test`,
    name,
    role: "PROFESSIONAL",
    emailVerifiedAt: ts(createdAt + rng.range(1, 120) * 60_000),
    createdAt: ts(createdAt),
    updatedAt: ts(createdAt + DAY),
  };
  const profile: ProfileRow = {
    id: profileId,
    userId,
    displayName: name,
    headline: headlineFor(career, ctx.currentYear),
    bio: bioFor(rng, career, place, topTask, ctx.currentYear),
    location: place.city,
    timezone: place.timezone,
    languages,
    languageCodes: workingLanguageCodes(languages),
    hoursPerWeek: hoursPick(rng),
    minRateCents: rate,
    rateCurrency: "USD",
    availableFrom: midnight(ctx.now + rng.int(-45, 45) * DAY),
    links: rng.chance(0.3) ? [`https://portfolio.example/${slugify(name)}-${index}`] : [],
    aiUseConsentAt: consentAt,
    aiUseConsentVersion: consented ? LEGAL_TEXTS.AI_USE_TERMS.version : null,
    demographicsOptIn: optIn,
    demographics: null, // filled in by assignDemographics (quotas need everyone first)
    visibility: rng.chance(0.85) ? "LABS" : "COORDINATORS",
    transferScores,
    transferComputedAt: ts(ctx.now),
    createdAt: ts(createdAt),
    updatedAt: ts(createdAt + DAY),
  };
  ctx.ds.users.push(user);
  ctx.ds.profiles.push(profile);
  for (const c of credits) ctx.ds.credits.push(c);
  if (consentAt) {
    ctx.ds.consents.push({
      id: ctx.ids.next("cns", 7),
      userId,
      kind: "AI_USE_TERMS",
      textVersion: LEGAL_TEXTS.AI_USE_TERMS.version,
      applicationId: null,
      acceptedAt: consentAt,
    });
  }
  return {
    index,
    user,
    profile,
    credits,
    offset: place.offset,
    consented,
    careerStart: career.firstYear,
    topTask,
  };
}

/** The named demo professional: a sitcom staff writer with six credits. */
function addDemoPro(ctx: Ctx, index: number): Person {
  const y = ctx.currentYear;
  const account = DEMO_ACCOUNTS[3];
  const createdAt = ctx.now - 200 * DAY;
  const userId = ctx.ids.next("usr");
  const profileId = ctx.ids.next("pro");
  const show = (title: string, network: string, format: DemoFormat, genres: GenreKey[]): Show => ({
    title,
    network,
    format,
    genres,
    startYear: y - 12,
    endYear: null,
    seasonEpisodes: 0,
  });
  const brenwicks = show("The Brenwicks", "Northwind", "MULTI_CAM_SITCOM", ["COMEDY", "FAMILY"]);
  const planned: PlannedCredit[] = [
    { show: brenwicks, role: "WRITERS_ASSISTANT", startYear: y - 10, endYear: y - 9, episodes: 44 },
    { show: brenwicks, role: "SCRIPT_COORDINATOR", startYear: y - 8, endYear: y - 8, episodes: 22 },
    {
      show: show("Calder Falls Dental", "Kestrel+", "SINGLE_CAM_COMEDY", ["COMEDY", "SATIRE"]),
      role: "STAFF_WRITER",
      startYear: y - 7,
      endYear: y - 6,
      episodes: 20,
    },
    {
      show: show("Meet the Talvanes", "Channel 9 Atlantic", "MULTI_CAM_SITCOM", ["COMEDY"]),
      role: "STAFF_WRITER",
      startYear: y - 5,
      endYear: y - 4,
      episodes: 38,
    },
    {
      show: show("Everybody Knows Mabel", "Cobalt Stream", "SINGLE_CAM_COMEDY", ["COMEDY", "ROMANCE"]),
      role: "STAFF_WRITER",
      startYear: y - 3,
      endYear: y - 2,
      episodes: 22,
    },
    {
      show: show("Halloway Bay Hardware", "Harborline", "MULTI_CAM_SITCOM", ["COMEDY", "FAMILY"]),
      role: "STAFF_WRITER",
      startYear: y - 1,
      endYear: y - 1,
      episodes: 18,
    },
  ];
  const credits: CreditRow[] = planned.map((c, i) => {
    const verified = i === 3 || i === 4;
    return {
      id: ctx.ids.next("crd", 7),
      profileId,
      showTitle: c.show.title,
      showTitleNorm: normaliseShowTitle(c.show.title),
      network: c.show.network,
      format: c.show.format,
      genres: [...c.show.genres],
      role: c.role,
      department: "WRITING",
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      position: planned.length - 1 - i,
      verifiedAt: verified ? ts(createdAt + (10 + i) * DAY) : null,
      verifiedById: verified ? ctx.ds.meta.coordinatorUserId : null,
      verificationNote: verified ? VERIFICATION_NOTES[0] : null,
      createdAt: ts(createdAt + (i + 1) * 60_000),
      updatedAt: ts(createdAt + (verified ? (10 + i) * DAY : (i + 1) * 60_000)),
    };
  });
  const transferScores = transferScoresFor(credits, y);
  const languages: LanguageEntry[] = [
    { code: "en", level: "native" },
    { code: "es", level: "conversational" },
  ];
  const consentAt = ts(createdAt + 5 * 60_000);
  const user: UserRow = {
    id: userId,
    email: account.email,
    name: account.name,
    role: "PROFESSIONAL",
    emailVerifiedAt: ts(createdAt + 10 * 60_000),
    createdAt: ts(createdAt),
    updatedAt: ts(createdAt + DAY),
  };
  const profile: ProfileRow = {
    id: profileId,
    userId,
    displayName: account.name,
    headline: `Staff writer on multi-camera sitcoms, 10 years`,
    bio:
      "Came up through the writers' assistant and script coordinator chairs on The Brenwicks, then staffed on four comedies across multi-cam and single-cam. " +
      "Known for fast alts and tight buttons; happiest in a punch-up pass. Between shows since last season and keen on comedic-timing and dialogue work. Based in Los Angeles, CA.",
    location: "Los Angeles, CA",
    timezone: "America/Los_Angeles",
    languages,
    languageCodes: workingLanguageCodes(languages),
    hoursPerWeek: 20,
    minRateCents: 5500,
    rateCurrency: "USD",
    availableFrom: midnight(ctx.now - 7 * DAY),
    links: ["https://portfolio.example/parker-pro"],
    aiUseConsentAt: consentAt,
    aiUseConsentVersion: LEGAL_TEXTS.AI_USE_TERMS.version,
    demographicsOptIn: false,
    demographics: null,
    visibility: "LABS",
    transferScores,
    transferComputedAt: ts(ctx.now),
    createdAt: ts(createdAt),
    updatedAt: ts(createdAt + 20 * DAY),
  };
  ctx.ds.users.push(user);
  ctx.ds.profiles.push(profile);
  for (const c of credits) ctx.ds.credits.push(c);
  ctx.ds.consents.push({
    id: ctx.ids.next("cns", 7),
    userId,
    kind: "AI_USE_TERMS",
    textVersion: LEGAL_TEXTS.AI_USE_TERMS.version,
    applicationId: null,
    acceptedAt: consentAt,
  });
  ctx.ds.meta.proUserId = userId;
  ctx.ds.meta.proProfileId = profileId;
  return {
    index,
    user,
    profile,
    credits,
    offset: -480,
    consented: true,
    careerStart: y - 10,
    topTask: topTaskOf(transferScores),
  };
}

// ---------------------------------------------------------------------------
// Demographics (opt-in only; quotas keep every reported group at >= 12 people when possible)
// ---------------------------------------------------------------------------

const GENDER: Weighted<string>[] = [
  { value: "Woman", weight: 46 },
  { value: "Man", weight: 42 },
  { value: "Non-binary", weight: 7 },
  { value: "Prefer not to say", weight: 5 },
];
const ETHNICITY: Weighted<string>[] = [
  { value: "Asian", weight: 12 },
  { value: "Black", weight: 14 },
  { value: "Hispanic or Latino/a/e", weight: 16 },
  { value: "White", weight: 46 },
  { value: "Multiple ethnicities", weight: 6 },
  { value: "Prefer not to say", weight: 6 },
];
const DISABILITY: Weighted<string>[] = [
  { value: "Yes, I identify as disabled", weight: 11 },
  { value: "No", weight: 80 },
  { value: "Prefer not to say", weight: 9 },
];
/** Oldest first: assigned along careers sorted by start year. */
const AGE_BANDS: Weighted<string>[] = [
  { value: "55–64", weight: 14 },
  { value: "45–54", weight: 25 },
  { value: "35–44", weight: 30 },
  { value: "25–34", weight: 25 },
];
const AGE_PREFER_NOT = 0.06;
export const MIN_GROUP_SIZE = 12;

/** Group sizes summing to n, each at least `min` when n allows, otherwise proportional. */
function quotas(n: number, cats: readonly Weighted<string>[], min: number): number[] {
  const floor = n >= min * cats.length ? min : 0;
  const total = cats.reduce((a, c) => a + c.weight, 0);
  const rest = n - floor * cats.length;
  const counts = cats.map((c) => floor + Math.floor((rest * c.weight) / total));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = cats.map((_, i) => i).sort((a, b) => cats[b].weight - cats[a].weight || a - b);
  for (let i = 0; left > 0; i = (i + 1) % order.length, left--) counts[order[i]]++;
  return counts;
}

function assignByQuota(people: readonly Person[], cats: readonly Weighted<string>[], set: (p: Person, v: string) => void) {
  const counts = quotas(people.length, cats, MIN_GROUP_SIZE);
  let at = 0;
  cats.forEach((c, i) => {
    for (let k = 0; k < counts[i]; k++) set(people[at++], c.value);
  });
}

function assignDemographics(ctx: Ctx, people: readonly Person[]) {
  const rng = Rng.of(ctx.seed, "demographics");
  const optIns = people.filter((p) => p.profile.demographicsOptIn);
  const demo = new Map<Person, Demographics>(optIns.map((p) => [p, {}]));
  assignByQuota(rng.shuffle([...optIns]), GENDER, (p, v) => {
    demo.get(p)!.gender = v;
  });
  assignByQuota(rng.shuffle([...optIns]), ETHNICITY, (p, v) => {
    demo.get(p)!.ethnicity = v;
  });
  assignByQuota(rng.shuffle([...optIns]), DISABILITY, (p, v) => {
    demo.get(p)!.disability = v;
  });
  // Age follows the career: the longest careers get the oldest bands.
  const shuffled = rng.shuffle([...optIns]);
  const preferNot =
    optIns.length >= MIN_GROUP_SIZE * (AGE_BANDS.length + 1) ? Math.max(MIN_GROUP_SIZE, Math.round(optIns.length * AGE_PREFER_NOT)) : 0;
  for (const p of shuffled.slice(0, preferNot)) demo.get(p)!.ageBand = "Prefer not to say";
  const byCareer = shuffled.slice(preferNot).sort((a, b) => a.careerStart - b.careerStart || a.index - b.index);
  assignByQuota(byCareer, AGE_BANDS, (p, v) => {
    demo.get(p)!.ageBand = v;
  });
  for (const p of optIns) {
    const d = demo.get(p)!;
    p.profile.demographics = { gender: d.gender, ethnicity: d.ethnicity, ageBand: d.ageBand, disability: d.disability };
    ctx.ds.consents.push({
      id: ctx.ids.next("cns", 7),
      userId: p.user.id,
      kind: "DEMOGRAPHICS",
      textVersion: DEMOGRAPHICS_NOTICE.version,
      applicationId: null,
      acceptedAt: ts(p.profile.createdAt.getTime() + 30 * 60_000),
    });
  }
}

// ---------------------------------------------------------------------------
// Staff and labs
// ---------------------------------------------------------------------------

function addStaff(ctx: Ctx) {
  const rng = Rng.of(ctx.seed, "staff");
  const created = ctx.now - 400 * DAY;
  const add = (email: string, name: string, role: UserRole, offsetDays: number): UserRow => {
    const u: UserRow = {
      id: ctx.ids.next("usr"),
      email,
      name,
      role,
      emailVerifiedAt: ts(created + offsetDays * DAY + HOUR),
      createdAt: ts(created + offsetDays * DAY),
      updatedAt: ts(created + offsetDays * DAY + HOUR),
    };
    ctx.ds.users.push(u);
    return u;
  };
  const admin = add(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].name, "ADMIN", 0);
  const coordinator = add(DEMO_ACCOUNTS[1].email, DEMO_ACCOUNTS[1].name, "COORDINATOR", 1);
  ctx.ds.meta.adminUserId = admin.id;
  ctx.ds.meta.coordinatorUserId = coordinator.id;
  ctx.coordinatorIds.push(coordinator.id);
  for (let i = 1; i < ctx.spec.coordinators; i++) {
    const { first, last } = nameFor(rng);
    const u = add(`coord.${emailLocal(first, last)}.${i}@demo.secondact.test`, `${first} ${last}`, "COORDINATOR", 2 + i);
    ctx.coordinatorIds.push(u.id);
  }
  ctx.verifierIds.push(...ctx.coordinatorIds);
}

function labName(rng: Rng, i: number, used: Set<string>): string {
  if (i < LAB_NAMES.length) return LAB_NAMES[i];
  for (;;) {
    const name = `${rng.pick(LAB_NAME_PARTS.heads)} ${rng.pick(LAB_NAME_PARTS.mids)} ${rng.pick(LAB_NAME_PARTS.tails)}`;
    if (!used.has(name)) return name;
  }
}

const DEMO_LAB_FOCUS: LabInfo["focus"][] = [
  "text",
  "text",
  "video",
  "multimodal",
  "audio",
  "text",
  "safety",
  "video",
  "multimodal",
  "safety",
];

function addLabs(ctx: Ctx): LabInfo[] {
  const rng = Rng.of(ctx.seed, "labs");
  const used = new Set<string>();
  const labs: LabInfo[] = [];
  for (let i = 0; i < ctx.spec.labs; i++) {
    const name = labName(rng, i, used);
    used.add(name);
    const focusKey = i < DEMO_LAB_FOCUS.length ? DEMO_LAB_FOCUS[i] : rng.pick(LAB_FOCUS).key;
    const focus = LAB_FOCUS.find((f) => f.key === focusKey)!;
    const slug = slugify(name);
    const createdAt = ctx.now - rng.range(150, 380) * DAY;
    const row: LabRow = {
      id: ctx.ids.next("lab"),
      slug,
      name,
      description: `${name} ${focus.blurb}. ${focus.detail} Founded ${ctx.currentYear - rng.int(1, 6)}, team in ${rng.pick(LOCATIONS).city}.`,
      website: `https://${slug}.example`,
      createdAt: ts(createdAt),
      updatedAt: ts(createdAt + DAY),
    };
    ctx.ds.labs.push(row);
    const members = rng.int(2, 3);
    const memberUserIds: string[] = [];
    for (let m = 0; m < members; m++) {
      const owner = m === 0;
      const isDemoOwner = i === 0 && owner;
      const { first, last } = nameFor(rng);
      const joined = createdAt + (owner ? 0 : rng.range(1, 60)) * DAY;
      const user: UserRow = {
        id: ctx.ids.next("usr"),
        email: isDemoOwner ? DEMO_ACCOUNTS[2].email : `${emailLocal(first, last)}.${i}.${m}@${slug}.example`,
        name: isDemoOwner ? DEMO_ACCOUNTS[2].name : `${first} ${last}`,
        role: "LAB_MEMBER",
        emailVerifiedAt: ts(joined + HOUR),
        createdAt: ts(joined),
        updatedAt: ts(joined + HOUR),
      };
      ctx.ds.users.push(user);
      ctx.ds.labMembers.push({
        id: ctx.ids.next("lmb"),
        labId: row.id,
        userId: user.id,
        role: owner ? "OWNER" : "MEMBER",
        createdAt: ts(joined),
      });
      memberUserIds.push(user.id);
      if (isDemoOwner) ctx.ds.meta.labOwnerUserId = user.id;
    }
    labs.push({ row, focus: focusKey, memberUserIds });
  }
  return labs;
}

// ---------------------------------------------------------------------------
// Gigs
// ---------------------------------------------------------------------------

function focusFits(focus: LabInfo["focus"], task: TaskTypeKey): boolean {
  const t = taskTypeByKey(task);
  switch (focus) {
    case "text":
      return t.modality === "TEXT" || task === "PROJECT_QA_LEAD";
    case "video":
      return t.modality === "VIDEO" || task === "AUDIENCE_ENGAGEMENT_PREDICTION" || task === "PROJECT_QA_LEAD";
    case "audio":
      return t.modality === "AUDIO" || task === "EMOTION_SARCASM_TENSION_LABELLING" || task === "CASTING_PERFORMANCE_ANNOTATION";
    case "safety":
      return t.family === "RED_TEAMING" || task === "PROJECT_QA_LEAD" || task === "SCRIPT_RUBRIC_GRADING";
    case "multimodal":
      return true;
  }
}

const TASKS_BY_FOCUS = new Map<LabInfo["focus"], TaskTypeKey[]>(
  LAB_FOCUS.map((f) => [f.key, TASK_TYPES.map((t) => t.key as TaskTypeKey).filter((k) => focusFits(f.key, k))]),
);

interface GigSpec {
  primary: TaskTypeKey;
  status: GigStatus;
  lab: LabInfo;
  /** Hand-set overrides (the showcase gig and the demo pro's gigs). */
  override?: Partial<GigRow>;
}

function statusFor(rng: Rng): GigStatus {
  return rng.weighted(weights<GigStatus>({ OPEN: 70, DRAFT: 10, PAUSED: 8, CLOSED: 12 }));
}

function planGigs(ctx: Ctx, labs: LabInfo[]): GigSpec[] {
  const rng = Rng.of(ctx.seed, "gig-plan");
  const specs: GigSpec[] = [];
  if (ctx.spec.gigs < TASK_TYPES.length + 3) throw new Error("Too few gigs to cover every task type");
  // Fixed opening: the showcase gig and two gigs the demo professional is in, all at the first lab.
  specs.push({
    primary: "COMEDIC_TIMING_EVAL",
    status: "OPEN",
    lab: labs[0],
    override: {
      title: "Rank AI-written sitcom dialogue for comedic timing",
      taskTypes: ["COMEDIC_TIMING_EVAL", "DIALOGUE_PREFERENCE_RANKING"],
      formats: ["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY"],
      genres: ["COMEDY"],
      languages: ["en"],
      payUnit: "HOUR",
      payAmountCents: 6500,
      minutesPerTask: null,
      hoursPerWeek: 10,
      weeklyCapHours: 15,
      screeningRequired: true,
      screeningPaid: true,
      screeningRateCents: 4000,
      ndaRequired: true,
      slots: 5,
      timezoneMinOffset: null,
      timezoneMaxOffset: null,
    },
  });
  specs.push({
    primary: "DIALOGUE_DEMONSTRATION",
    status: "OPEN",
    lab: labs[0],
    override: {
      ndaRequired: true,
      languages: ["en"],
      formats: ["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY"],
      genres: ["COMEDY"],
      timezoneMinOffset: null,
      timezoneMaxOffset: null,
    },
  });
  specs.push({
    primary: "DIALOGUE_PREFERENCE_RANKING",
    status: "OPEN",
    lab: labs[1],
    override: {
      languages: ["en"],
      formats: ["SINGLE_CAM_COMEDY", "MULTI_CAM_SITCOM"],
      genres: ["COMEDY"],
      timezoneMinOffset: null,
      timezoneMaxOffset: null,
      payUnit: "TASK",
      minutesPerTask: 6,
      payAmountCents: 550,
    },
  });
  const fixed = new Set<TaskTypeKey>(specs.map((s) => s.primary));
  const labFor = (task: TaskTypeKey, i: number): LabInfo => {
    const fitting = labs.filter((l) => focusFits(l.focus, task));
    return fitting.length > 0 ? fitting[i % fitting.length] : labs[i % labs.length];
  };
  // Every other task type once, all OPEN.
  let i = 0;
  for (const t of TASK_TYPES) {
    const key = t.key as TaskTypeKey;
    if (fixed.has(key)) continue;
    specs.push({ primary: key, status: "OPEN", lab: labFor(key, i++) });
  }
  // The rest: random lab, a task its focus fits, a random status.
  const demo = ctx.spec.gigs <= 100;
  const demoStatuses: GigStatus[] = [...Array(6).fill("DRAFT"), ...Array(5).fill("PAUSED"), ...Array(7).fill("CLOSED")];
  while (specs.length < ctx.spec.gigs) {
    const lab = demo ? labs[specs.length % labs.length] : rng.pick(labs);
    const primary = rng.pick(TASKS_BY_FOCUS.get(lab.focus)!);
    const k = specs.length - (TASK_TYPES.length + 0);
    const status: GigStatus = demo ? (k >= 0 && k < demoStatuses.length ? demoStatuses[k] : "OPEN") : statusFor(rng);
    specs.push({ primary, status, lab });
  }
  return specs;
}

function fillTitle(template: string, format: FormatKey | undefined, genre: GenreKey | undefined): string {
  return template
    .replace("{format}", format ? formatPlural(format) : "TV scripts")
    .replace("{kind}", format ? formatLabel(format).toLowerCase() : "TV")
    .replace("{genre}", genre ? genreLabel(genre).toLowerCase() : "drama");
}

function gigDescription(g: GigRow, templateWhat: string, templateWho: string): string {
  const lines: string[] = [];
  lines.push(templateWhat, "", "## Who this is for", "", templateWho, "", "## The work", "");
  lines.push(`- **Task types:** ${g.taskTypes.map((t) => taskTypeName(t)).join(", ")}`);
  if (g.formats.length) lines.push(`- **Material:** ${g.formats.map((f) => formatPlural(f)).join(", ")}`);
  lines.push(`- **Time:** about ${g.hoursPerWeek} hours a week, capped at ${g.weeklyCapHours}`);
  if (g.payAmountCents != null) {
    if (g.payUnit === "HOUR") lines.push(`- **Pay:** ${dollars(g.payAmountCents)} per hour`);
    else {
      const hourly = hourlyPay(g);
      lines.push(
        `- **Pay:** ${dollars(g.payAmountCents)} per task (about ${g.minutesPerTask} minutes each${hourly ? `, roughly ${dollars(Math.round(hourly.amount))}/hour` : ""})`,
      );
    }
  }
  if (g.languages.length && !(g.languages.length === 1 && g.languages[0] === "en")) {
    lines.push(`- **Language:** fluent ${g.languages.join(", ")} required`);
  }
  if (g.screeningRequired) {
    lines.push(
      `- **Screening:** one short sample task${g.screeningPaid && g.screeningRateCents ? `, paid ${dollars(g.screeningRateCents)}` : " (unpaid)"}`,
    );
  }
  lines.push(
    `- **Onboarding:** ${g.trainingModules.length} short training module${g.trainingModules.length === 1 ? "" : "s"}${g.onboardingPaid ? ", paid at the hourly rate" : ""}`,
  );
  if (g.disclosureTrains) {
    const creative =
      g.disclosureCreativeUse === "NO"
        ? "Outputs will **not** be used to generate scripts or other creative work."
        : g.disclosureCreativeUse === "YES"
          ? "Outputs **may** be used to generate scripts or other creative work."
          : "Whether outputs may be used for creative work is **not decided yet**; we will tell you before it changes.";
    lines.push("", "## How your work is used", "", `${g.disclosureTrains} ${creative} ${g.disclosureRetention}`.trim());
  }
  return lines.join("\n");
}

function addGigs(ctx: Ctx, labs: LabInfo[]): GigRow[] {
  const specs = planGigs(ctx, labs);
  const gigs: GigRow[] = [];
  specs.forEach((spec, i) => {
    const rng = Rng.of(ctx.seed, "gig", i);
    const tpl = GIG_TEMPLATES[spec.primary];
    const related = rng.sample(tpl.related, rng.int(0, 2));
    const taskTypes = [spec.primary, ...related.filter((t) => t !== spec.primary)];
    const modalities = new Set(taskTypes.map((t) => taskTypeByKey(t).modality));
    const randomFormats = tpl.formats.length ? rng.sample(tpl.formats, rng.int(1, 2)) : [];
    const randomGenres = tpl.genres.length ? rng.sample(tpl.genres, rng.int(0, 2)) : [];
    const formats = spec.override?.formats ? [...spec.override.formats] : randomFormats;
    const genres = spec.override?.genres ? [...spec.override.genres] : randomGenres;
    const titleTpl = rng.pick(tpl.titles);
    if ((titleTpl.includes("{format}") || titleTpl.includes("{kind}")) && formats.length === 0 && tpl.formats.length)
      formats.push(tpl.formats[0]);
    if (titleTpl.includes("{genre}") && genres.length === 0 && tpl.genres.length) genres.push(tpl.genres[0]);
    const hourlyTarget = rng.int(5, 24) * 500;
    const perTask = !tpl.hourlyOnly && rng.chance(0.3);
    const minutes = rng.int(tpl.minutes[0], tpl.minutes[1]);
    const hours = rng.pick([5, 10, 10, 15, 20, 20, 25, 30]);
    const cap = Math.min(40, hours + rng.pick([0, 5, 5, 10]));
    const screening = rng.chance(0.6);
    const lang = rng.weighted(weights({ en: 86, es: 4, fr: 3, de: 2, none: 5 }));
    const tz = rng.weighted(weights({ none: 80, americas: 12, europe: 5, oceania: 3 }));
    const tzWindow = tz === "americas" ? [-600, -180] : tz === "europe" ? [-60, 180] : tz === "oceania" ? [480, 780] : [null, null];
    const status = spec.status;
    const fullDisclosure = status !== "DRAFT" || rng.chance(0.5);
    const hasPay = status !== "DRAFT" || rng.chance(0.7);

    let publishedAt: number | null = null;
    let createdAt: number;
    let updatedAt: number;
    let closedReason: string | null = null;
    if (status === "DRAFT") {
      createdAt = ctx.now - rng.range(1, 40) * DAY;
      updatedAt = createdAt + rng.range(0, 1) * DAY;
    } else {
      const ageDays = i === 0 ? 12 : status === "CLOSED" ? rng.range(30, 150) : rng.range(8, 150);
      publishedAt = ctx.now - ageDays * DAY;
      createdAt = publishedAt - rng.range(1, 10) * DAY;
      updatedAt = publishedAt;
      if (status === "CLOSED") {
        // Closed within the application history window, at least 10 days after publishing.
        updatedAt = ctx.now - rng.range(2, Math.min(100, ageDays - 10)) * DAY;
        closedReason = rng.pick(CLOSED_REASONS);
      } else if (status === "PAUSED") {
        updatedAt = publishedAt + (ctx.now - publishedAt) * rng.range(0.5, 0.95);
      }
    }
    // Open and paused gigs started recently (or start soon) and run for weeks yet; closed
    // ones ran until they closed; drafts start in the future.
    let start: Date;
    let end: Date;
    if (status === "DRAFT") {
      start = midnight(ctx.now + rng.int(7, 45) * DAY);
      end = midnight(start.getTime() + rng.int(4, 16) * 7 * DAY);
    } else if (status === "CLOSED") {
      start = midnight(publishedAt! + rng.int(3, 9) * DAY);
      end = midnight(Math.max(start.getTime() + DAY, updatedAt));
    } else {
      start = midnight(Math.max(publishedAt! + rng.int(3, 21) * DAY, ctx.now - rng.int(0, 14) * DAY));
      end = midnight(Math.max(start.getTime() + rng.int(4, 16) * 7 * DAY, ctx.now + rng.int(14, 60) * DAY));
    }
    const modules = [rng.pick(TRAINING_MODULES.general), ...rng.sample(TRAINING_MODULES[tpl.modules], rng.int(1, 2))];
    const creatorId = rng.pick(spec.lab.memberUserIds);

    const gig: GigRow = {
      id: ctx.ids.next("gig"),
      labId: spec.lab.row.id,
      title: fillTitle(titleTpl, formats[0], genres[0]),
      description: "",
      taskTypes,
      modality: modalities.size === 1 ? [...modalities][0] : "MULTIMODAL",
      genres,
      formats,
      languages: lang === "none" ? [] : [lang],
      hoursPerWeek: hours,
      weeklyCapHours: cap,
      payAmountCents: hasPay ? (perTask ? Math.max(100, Math.round((hourlyTarget * minutes) / 60 / 25) * 25) : hourlyTarget) : null,
      payUnit: perTask ? "TASK" : "HOUR",
      payCurrency: "USD",
      minutesPerTask: perTask ? minutes : null,
      screeningPaid: false,
      screeningRateCents: null,
      onboardingPaid: rng.chance(0.5),
      slots: rng.int(2, 25),
      startDate: start,
      endDate: end,
      timezoneMinOffset: tzWindow[0],
      timezoneMaxOffset: tzWindow[1],
      screeningRequired: screening,
      screeningInstructions: "",
      ndaRequired: rng.chance(0.65),
      trainingModules: [...new Set(modules)],
      disclosureTrains: fullDisclosure ? rng.pick(DISCLOSURE_TRAINS[tpl.modules]) : "",
      disclosureCreativeUse: fullDisclosure || rng.chance(0.5) ? rng.weighted(weights({ NO: 55, UNDECIDED: 25, YES: 20 })) : "",
      disclosureRetention: fullDisclosure ? rng.pick(DISCLOSURE_RETENTION) : "",
      noticeDays: null,
      rateLockDays: null,
      minimumPaidHoursPerWeek: null,
      killFeeCents: null,
      assessmentMinutes: null,
      trainingMinutes: null,
      assessmentPaidWhen: "",
      trainingPaidWhen: "",
      status,
      closedReason,
      createdById: creatorId,
      coordinatorId: null,
      publishedAt: publishedAt === null ? null : ts(publishedAt),
      createdAt: ts(createdAt),
      updatedAt: ts(updatedAt),
    };
    Object.assign(gig, spec.override ?? {});
    if (gig.screeningRequired) {
      const sampleMinutes = gig.minutesPerTask ?? minutes;
      gig.screeningInstructions = `One sample task, about ${Math.max(10, Math.min(45, sampleMinutes * 2))} minutes: ${tpl.sample}`;
      if (!spec.override?.screeningPaid && rng.chance(0.5)) {
        gig.screeningPaid = true;
        gig.screeningRateCents = Math.max(1500, Math.round(hourlyTarget / 2 / 500) * 500);
      }
    } else {
      gig.screeningPaid = false;
      gig.screeningRateCents = null;
    }
    setTerms(Rng.of(ctx.seed, "gig-terms", gig.id), gig, i === 0);
    gig.description = gigDescription(gig, tpl.what, tpl.who);
    ctx.ds.gigs.push(gig);
    gigs.push(gig);
  });
  ctx.ds.meta.showcaseGigId = gigs[0].id;
  gigs[0].coordinatorId = ctx.ds.meta.coordinatorUserId || null;
  return gigs;
}

/**
 * Engagement terms (issue 22), from their own random stream so the rest of the dataset is unchanged.
 * The showcase gig has paid screening and unpaid training, so its effective hourly rate is below its rate.
 */
function setTerms(rng: Rng, gig: GigRow, showcase: boolean): void {
  gig.noticeDays = showcase ? 14 : rng.pick([7, 14, 14, 21, 30]);
  gig.rateLockDays = showcase ? 60 : rng.pick([0, 30, 60, 90]);
  gig.minimumPaidHoursPerWeek = !showcase && rng.chance(0.3) ? Math.min(gig.hoursPerWeek, rng.pick([2, 4, 5])) : null;
  gig.killFeeCents = !showcase && rng.chance(0.2) ? rng.pick([10000, 25000, 50000]) : null;
  gig.assessmentMinutes = gig.screeningRequired ? (showcase ? 45 : rng.pick([30, 45, 60, 90])) : 0;
  gig.assessmentPaidWhen =
    gig.screeningRequired && gig.screeningPaid ? (showcase ? "ON_COMPLETION" : rng.pick(["ON_COMPLETION", "IF_ACCEPTED"])) : "";
  gig.trainingMinutes = showcase ? 120 : rng.pick([0, 60, 90, 120, 180, 240]);
  if (showcase) gig.onboardingPaid = false;
  gig.trainingPaidWhen = gig.onboardingPaid ? rng.pick(["ON_COMPLETION", "IF_ACCEPTED"]) : "";
}

/**
 * Two recorded changes against the terms: one lab (the second) cut weekly hours on an open gig with
 * 3 days' notice where it promised more (a broken promise, with the reason it gave), and another lab
 * moved an end date with enough notice (kept).
 */
function addTermChanges(ctx: Ctx, labs: LabInfo[]): void {
  const openGigAt = (lab: LabInfo) => ctx.ds.gigs.find((g) => g.labId === lab.row.id && g.status === "OPEN" && g.publishedAt && g.endDate);
  const broken = labs[1] ? openGigAt(labs[1]) : undefined;
  if (broken) {
    broken.noticeDays = Math.max(broken.noticeDays ?? 14, 14);
    const at = ctx.now - 5 * DAY;
    const before = broken.hoursPerWeek + 10;
    ctx.ds.termChanges.push({
      id: ctx.ids.next("gtc"),
      gigId: broken.id,
      labId: broken.labId,
      kind: "HOURS_CUT",
      before: { value: before, text: `${before} h/week` },
      after: { value: broken.hoursPerWeek, text: `${broken.hoursPerWeek} h/week` },
      promisedNoticeDays: broken.noticeDays,
      actualNoticeDays: 3,
      effectiveAt: midnight(at + 3 * DAY),
      withinPromise: false,
      reason: "Our client cut this month's batch at short notice. We are sorry; hours go back up when the next batch is confirmed.",
      actorId: broken.createdById,
      actorRole: "LAB_MEMBER",
      createdAt: ts(at),
    });
  }
  const kept = labs[2] ? openGigAt(labs[2]) : undefined;
  if (kept?.endDate) {
    const at = ctx.now - 9 * DAY;
    const newEnd = midnight(Math.max(at + ((kept.noticeDays ?? 14) + 7) * DAY, kept.endDate.getTime() - 14 * DAY));
    const oldEnd = kept.endDate;
    if (newEnd.getTime() < oldEnd.getTime()) {
      kept.endDate = newEnd;
      const day = (d: Date) => d.toISOString().slice(0, 10);
      ctx.ds.termChanges.push({
        id: ctx.ids.next("gtc"),
        gigId: kept.id,
        labId: kept.labId,
        kind: "END_EARLY",
        before: { value: day(oldEnd), text: day(oldEnd) },
        after: { value: day(newEnd), text: day(newEnd) },
        promisedNoticeDays: kept.noticeDays,
        actualNoticeDays: Math.round((newEnd.getTime() - midnight(at).getTime()) / DAY),
        effectiveAt: newEnd,
        withinPromise: true,
        reason: "The evaluation set is smaller than planned.",
        actorId: kept.createdById,
        actorRole: "LAB_MEMBER",
        createdAt: ts(at),
      });
    }
  }
}

// ---------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------

const FORWARD: readonly Stage[] = ["SHORTLISTED", "SCREENING", "OFFERED", "CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"];
const DECLINABLE = new Set<Stage>(["APPLIED", "INVITED", "SHORTLISTED", "SCREENING", "OFFERED"]);
const TERMINAL = new Set<Stage>(["WITHDRAWN", "DECLINED", "OFFBOARDED"]);
const ACTIVEISH = new Set<Stage>(["CONTRACTING", "PAYMENT_SETUP", "TRAINING", "ACTIVE"]);

/** Typical days spent in each stage before moving on. */
const MEDIAN_DAYS: Record<Stage, number> = {
  APPLIED: 2.5,
  INVITED: 2,
  SHORTLISTED: 1.5,
  SCREENING: 3.5,
  OFFERED: 1.2,
  CONTRACTING: 1.5,
  PAYMENT_SETUP: 1,
  TRAINING: 3,
  ACTIVE: 25,
  WITHDRAWN: 0,
  DECLINED: 0,
  OFFBOARDED: 0,
};

/** Orders stages by how far an application got (used to hand the best matches the furthest stages). */
const PROGRESS: Record<Stage, number> = {
  OFFBOARDED: 10,
  ACTIVE: 10,
  TRAINING: 9,
  PAYMENT_SETUP: 8,
  CONTRACTING: 7,
  OFFERED: 6,
  SCREENING: 5,
  SHORTLISTED: 4,
  INVITED: 3,
  APPLIED: 2.5,
  WITHDRAWN: 2,
  DECLINED: 1,
};

const OPEN_STAGE_WEIGHTS = weights<Stage>({
  APPLIED: 24,
  INVITED: 6,
  SHORTLISTED: 12,
  SCREENING: 8,
  OFFERED: 5,
  CONTRACTING: 5,
  PAYMENT_SETUP: 4,
  TRAINING: 5,
  ACTIVE: 15,
  WITHDRAWN: 5,
  DECLINED: 9,
  OFFBOARDED: 2,
});
const CLOSED_STAGE_WEIGHTS = weights<Stage>({ OFFBOARDED: 35, DECLINED: 45, WITHDRAWN: 20 });

function forwardPath(entry: Stage, screening: boolean): Stage[] {
  return [entry, ...FORWARD.filter((s) => s !== "SCREENING" || screening)];
}

function planPath(rng: Rng, target: Stage, entry: Stage, screening: boolean): Stage[] {
  const fwd = forwardPath(entry, screening);
  if (!TERMINAL.has(target)) return fwd.slice(0, fwd.indexOf(target) + 1);
  if (target === "OFFBOARDED") return [...fwd, "OFFBOARDED"];
  const choices = fwd.filter((s) => s !== "ACTIVE" && (target === "WITHDRAWN" || DECLINABLE.has(s)));
  const last = rng.weighted(choices.map((s, i) => ({ value: s, weight: choices.length - i })));
  return [...fwd.slice(0, fwd.indexOf(last) + 1), target];
}

interface AppActors {
  proUserId: string;
  labMemberIds: string[];
  coordinatorIds: string[];
}

function staffActor(rng: Rng, a: AppActors): { id: string; role: string } {
  return rng.chance(0.55) ? { id: rng.pick(a.coordinatorIds), role: "COORDINATOR" } : { id: rng.pick(a.labMemberIds), role: "LAB_MEMBER" };
}

interface BuildOptions {
  target: Stage;
  origin?: Origin;
  stale?: boolean;
  /** For the demo professional's hand-picked applications: no partial checklist randomness. */
  cleanCurrent?: boolean;
}

function buildApplication(ctx: Ctx, rng: Rng, gig: GigRow, person: Person, actors: AppActors, opts: BuildOptions): ApplicationRow {
  const target = opts.target;
  let origin: Origin;
  if (opts.origin) origin = opts.origin;
  else if (target === "INVITED") origin = "INVITED";
  else if (target === "APPLIED") origin = rng.chance(0.8) ? "APPLIED" : "RECOMMENDED";
  else origin = rng.weighted(weights<Origin>({ APPLIED: 65, INVITED: 20, RECOMMENDED: 15 }));
  const entry: Stage = origin === "INVITED" ? "INVITED" : "APPLIED";
  const path = planPath(rng, target, entry, gig.screeningRequired);
  const last = path[path.length - 1];

  // ---- timing
  const closed = gig.status === "CLOSED";
  const endAt = closed ? gig.updatedAt.getTime() : ctx.now;
  const startBound = Math.max(
    (gig.publishedAt ?? gig.createdAt).getTime() + HOUR,
    ctx.now - HISTORY_DAYS * DAY,
    person.profile.createdAt.getTime() + DAY,
  );
  const dwell = path.slice(0, -1).map((s) => MEDIAN_DAYS[s] * DAY * (0.3 + 1.4 * rng.bell(0, 1)));
  let current: number;
  const sla = DEFAULT_SLA_DAYS[last];
  if (TERMINAL.has(last)) current = (closed ? rng.range(0, 10) : rng.range(0.3, 30)) * DAY;
  else if (last === "ACTIVE") current = rng.range(1, 45) * DAY;
  else if (opts.stale && sla != null) current = (sla + rng.range(0.5, 9)) * DAY;
  else current = rng.range(0.05, 0.85) * (sla ?? 3) * DAY;
  const window = Math.max(HOUR, endAt - startBound);
  const dwellSum = dwell.reduce((a, b) => a + b, 0);
  if (dwellSum + current > window) {
    if (current < 0.6 * window) {
      const f = ((window - current) * 0.98) / Math.max(1, dwellSum);
      for (let i = 0; i < dwell.length; i++) dwell[i] *= f;
    } else {
      const f = (window * 0.98) / (dwellSum + current);
      for (let i = 0; i < dwell.length; i++) dwell[i] *= f;
      current *= f;
    }
  }
  const times: number[] = [];
  let t = endAt - current - dwell.reduce((a, b) => a + b, 0);
  for (let i = 0; i < path.length; i++) {
    times.push(Math.round(t / 1000) * 1000);
    if (i < dwell.length) t += dwell[i];
  }

  // ---- transitions and checklist
  const appId = ctx.ids.next("app");
  const checklist = emptyChecklist();
  let version = 0;
  let touched = times[times.length - 1];
  const touch = (ms: number) => {
    if (ms > touched) touched = ms;
  };
  const sign = (which: "nda" | "contract", ms: number) => {
    const text = which === "nda" ? LEGAL_TEXTS.NDA : LEGAL_TEXTS.CONTRACT;
    checklist[which] = { acceptedAt: iso(ms), acceptedBy: actors.proUserId, textVersion: text.version };
    ctx.ds.consents.push({
      id: ctx.ids.next("cns", 7),
      userId: actors.proUserId,
      kind: which === "nda" ? "NDA" : "CONTRACT",
      textVersion: text.version,
      applicationId: appId,
      acceptedAt: ts(ms),
    });
    version++;
    touch(ms);
  };
  let lastReason: string | null = null;

  for (let i = 0; i < path.length; i++) {
    const stage = path[i];
    const enter = times[i];
    const next = path[i + 1] as Stage | undefined;
    const leave = i + 1 < path.length ? times[i + 1] : null;
    // The transition into this stage.
    let actor: { id: string | null; role: string };
    let reason: string | null = null;
    const from = i === 0 ? null : path[i - 1];
    switch (stage) {
      case "APPLIED":
        actor = { id: actors.proUserId, role: "PROFESSIONAL" };
        break;
      case "INVITED":
        actor = staffActor(rng, actors);
        break;
      case "SHORTLISTED":
        actor = from === "INVITED" ? { id: actors.proUserId, role: "PROFESSIONAL" } : staffActor(rng, actors);
        break;
      case "SCREENING":
      case "OFFERED":
        actor = staffActor(rng, actors);
        break;
      case "CONTRACTING":
        actor = { id: actors.proUserId, role: "PROFESSIONAL" };
        break;
      case "PAYMENT_SETUP":
      case "TRAINING":
      case "ACTIVE":
        actor = { id: actors.proUserId, role: "SYSTEM" }; // auto-advanced when the paperwork was complete
        break;
      case "WITHDRAWN":
        actor = { id: actors.proUserId, role: "PROFESSIONAL" };
        reason = rng.chance(0.6) ? rng.pick(WITHDRAW_REASONS) : null;
        break;
      case "DECLINED":
        actor = staffActor(rng, actors);
        reason = closed && rng.chance(0.6) ? "The gig closed before we could move forward." : rng.pick(DECLINE_REASONS);
        break;
      case "OFFBOARDED":
        actor = staffActor(rng, actors);
        reason = closed ? `The gig closed: ${gig.closedReason ?? "project finished."}` : rng.pick(OFFBOARD_REASONS);
        break;
    }
    ctx.ds.transitions.push({
      id: ctx.ids.next("stt", 7),
      applicationId: appId,
      fromStage: from,
      toStage: stage,
      actorId: actor.id,
      actorRole: actor.role,
      reason,
      at: ts(enter),
    });
    if (i > 0) version++;
    if (i === path.length - 1) lastReason = i === 0 ? null : reason;

    // Checklist work done while in this stage.
    const until = leave ?? endAt;
    const partial = leave === null || (next !== undefined && TERMINAL.has(next));
    const mid = (f: number) => Math.round(enter + (until - enter) * f);
    if (stage === "SCREENING") {
      checklist.screening.sentAt = iso(enter);
      const r = opts.cleanCurrent ? 0 : rng.float();
      const submitAndScore = (low: boolean) => {
        checklist.screening.submittedAt = iso(mid(0.4));
        checklist.screening.score = low ? rng.int(20, 55) : rng.int(62, 97);
        checklist.screening.feedback = low ? rng.pick(LOW_SCREENING_FEEDBACK) : rng.pick(SCREENING_FEEDBACK);
        version += 2;
        touch(mid(0.8));
      };
      if (next === "OFFERED") submitAndScore(false);
      else if (next === "DECLINED") {
        if (r < 0.7) submitAndScore(true);
      } else if (partial) {
        if (r >= 0.35 && r < 0.65) {
          checklist.screening.submittedAt = iso(mid(0.5));
          version++;
          touch(mid(0.5));
        } else if (r >= 0.65 && next === undefined) submitAndScore(false);
      }
    } else if (stage === "CONTRACTING") {
      if (!partial) {
        if (gig.ndaRequired) sign("nda", mid(0.5));
        sign("contract", leave!);
      } else if (!opts.cleanCurrent && gig.ndaRequired && rng.chance(0.5)) sign("nda", mid(0.5));
    } else if (stage === "PAYMENT_SETUP") {
      if (!partial) {
        checklist.payment = { taxFormConfirmed: true, payoutConfirmed: true };
        version += 2;
      } else if (!opts.cleanCurrent && rng.chance(0.5)) {
        checklist.payment.taxFormConfirmed = true;
        version++;
        touch(mid(0.5));
      }
    } else if (stage === "TRAINING") {
      const modules = gig.trainingModules;
      const k = partial ? (opts.cleanCurrent ? 0 : rng.int(0, Math.max(0, modules.length - 1))) : modules.length;
      checklist.training.modulesAcknowledged = modules.slice(0, k);
      version += k;
      if (k > 0) touch(partial ? mid(0.5) : (leave ?? enter));
    }
  }

  const noteTpl = origin === "INVITED" ? "" : rng.pick(APPLICATION_NOTES);
  const credits = matchOf(person).formats;
  const note = noteTpl
    .replace("{years}", String(Math.max(1, ctx.currentYear - person.careerStart)))
    .replace("{format}", credits.length ? formatPlural(credits[0]) : "TV")
    .replace("{task}", lowerFirst(taskTypeName(gig.taskTypes[0])));
  const match = scoreMatch(matchOf(person), toMatchGig(gig), MATCH_LABELS);
  const row: ApplicationRow = {
    id: appId,
    profileId: person.profile.id,
    gigId: gig.id,
    origin,
    note,
    stage: last,
    stageEnteredAt: ts(times[times.length - 1]),
    checklist,
    // What the app stores (and labs read): the lab score and the reasons without private fields.
    matchScore: match.labScore,
    matchReasons: match.sharedReasons,
    lastReason,
    version,
    createdAt: ts(times[0]),
    updatedAt: ts(Math.min(touched, endAt)),
  };
  ctx.ds.applications.push(row);
  return row;
}

/** Stages for a gig's applicants, furthest first, capped so the active-ish ones fit the slots. */
function stagesForGig(rng: Rng, gig: GigRow, n: number): Stage[] {
  const table = gig.status === "CLOSED" ? CLOSED_STAGE_WEIGHTS : OPEN_STAGE_WEIGHTS;
  const out: Stage[] = [];
  let activeish = 0;
  for (let i = 0; i < n; i++) {
    let s = rng.weighted(table);
    if (s === "SCREENING" && !gig.screeningRequired) s = "SHORTLISTED";
    if (ACTIVEISH.has(s)) {
      if (activeish >= gig.slots) s = "APPLIED";
      else activeish++;
    }
    out.push(s);
  }
  return out.sort((a, b) => PROGRESS[b] - PROGRESS[a]);
}

function addApplications(ctx: Ctx, people: Person[], gigs: GigRow[], labs: Map<string, LabInfo>, pro: Person) {
  const rng = Rng.of(ctx.seed, "applications");
  const eligible = people.filter((p) => p.consented && p !== pro);
  // Pools of people whose transfer scores fit each task type, strongest first (bucketed by
  // score, people in index order within a score: a stable order without a comparator sort).
  const taskIndex = new Map<string, number>(TASK_TYPES.map((t, i) => [t.key, i]));
  const buckets = TASK_TYPES.map(() => Array.from({ length: 101 }, () => [] as Person[]));
  for (const p of eligible) {
    for (const [task, score] of Object.entries(p.profile.transferScores)) {
      if (score >= 30) buckets[taskIndex.get(task)!][score].push(p);
    }
  }
  const byTask = new Map<TaskTypeKey, Person[]>();
  TASK_TYPES.forEach((t, i) => {
    const list: Person[] = [];
    for (let score = 100; score >= 30; score--) for (const p of buckets[i][score]) list.push(p);
    byTask.set(t.key as TaskTypeKey, list);
  });
  const byLanguage = new Map<string, Person[]>();
  for (const p of eligible)
    for (const code of p.profile.languageCodes) {
      const list = byLanguage.get(code);
      if (list) list.push(p);
      else byLanguage.set(code, [p]);
    }
  const actorsFor = (gig: GigRow, person: Person): AppActors => ({
    proUserId: person.user.id,
    labMemberIds: labs.get(gig.labId)!.memberUserIds,
    coordinatorIds: ctx.coordinatorIds,
  });

  const showcase = gigs[0];
  const live = gigs.filter((g) => g.status !== "DRAFT");
  // How many applicants each gig gets: popularity varies a lot; the showcase gig has exactly 24.
  const popularity = live.map((g) => (g === showcase ? 0 : rng.range(0.3, 1.6) ** 2));
  const budget = ctx.spec.applications - 24 - 2; // the showcase gig's 24 and the demo professional's other 2
  const total = popularity.reduce((a, b) => a + b, 0);
  const counts = popularity.map((p) => Math.round((p * budget) / total));

  const languagePools = new Map<string, Person[]>();
  const candidatesFor = (gig: GigRow, n: number): Person[] => {
    const primary = gig.taskTypes[0] as TaskTypeKey;
    const lang = gig.languages[0];
    let pool = byTask.get(primary) ?? [];
    if (lang && lang !== "en") {
      const key = `${lang}:${primary}`;
      let list = languagePools.get(key);
      if (!list) {
        list = (byLanguage.get(lang) ?? []).filter((p) => (p.profile.transferScores[primary] ?? 0) > 0);
        languagePools.set(key, list);
      }
      pool = list;
    }
    if (pool.length < n) pool = lang && lang !== "en" ? (byLanguage.get(lang) ?? eligible) : eligible;
    // Prefer stronger people but keep variety: sample from the top half of the pool (strongest first).
    const top = pool.length > n * 6 && pool.length > 60 ? Math.max(n * 6, Math.ceil(pool.length * 0.5)) : pool.length;
    const picked = new Set<number>();
    while (picked.size < Math.min(n, top)) picked.add(rng.int(0, top - 1));
    return [...picked].map((i) => pool[i]);
  };

  // The showcase gig: 24 applicants (23 + the demo professional), mostly APPLIED / SHORTLISTED,
  // nobody active yet: the coordinator demo journey takes it to 5 ACTIVE.
  {
    const stages: Stage[] = [
      ...Array<Stage>(6).fill("SHORTLISTED"),
      "SCREENING",
      "INVITED",
      "INVITED",
      ...Array<Stage>(12).fill("APPLIED"),
      "WITHDRAWN",
      "DECLINED",
    ];
    const chosen = candidatesFor(showcase, stages.length);
    const scored = chosen.map((p) => ({ p, s: scoreMatch(matchOf(p), toMatchGig(showcase), MATCH_LABELS).score }));
    scored.sort((a, b) => b.s - a.s || a.p.index - b.p.index);
    scored.forEach(({ p }, i) => {
      const stage = stages[i];
      buildApplication(ctx, Rng.of(ctx.seed, "showcase", i), showcase, p, actorsFor(showcase, p), {
        target: stage,
        stale: stage === "APPLIED" && i % 3 === 0,
        origin: stage === "INVITED" ? "INVITED" : stage === "DECLINED" || stage === "WITHDRAWN" ? "APPLIED" : undefined,
      });
    });
    // The demo professional: shortlisted here, contracting on gig 2, active on gig 3.
    buildApplication(ctx, Rng.of(ctx.seed, "pro", 0), showcase, pro, actorsFor(showcase, pro), {
      target: "SHORTLISTED",
      origin: "APPLIED",
      cleanCurrent: true,
    });
    buildApplication(ctx, Rng.of(ctx.seed, "pro", 1), gigs[1], pro, actorsFor(gigs[1], pro), {
      target: "CONTRACTING",
      origin: "INVITED",
      cleanCurrent: true,
    });
    buildApplication(ctx, Rng.of(ctx.seed, "pro", 2), gigs[2], pro, actorsFor(gigs[2], pro), {
      target: "ACTIVE",
      origin: "APPLIED",
      cleanCurrent: true,
    });
  }

  live.forEach((gig, gi) => {
    if (gig === showcase) return;
    const n = counts[gi];
    if (n <= 0) return;
    const chosen = candidatesFor(gig, n);
    // Rank by the transfer score for the gig's main task (plus noise) so the strongest people
    // tend to get furthest; scoreMatch runs once per application, in buildApplication.
    const primary = gig.taskTypes[0];
    const ranked = chosen
      .map((p) => ({ p, s: (p.profile.transferScores[primary] ?? 0) + rng.range(-20, 20) }))
      .sort((a, b) => b.s - a.s || a.p.index - b.p.index);
    const stages = stagesForGig(rng, gig, ranked.length);
    ranked.forEach(({ p }, i) => {
      const stage = stages[i];
      const stale = !TERMINAL.has(stage) && stage !== "ACTIVE" && rng.chance(0.15);
      buildApplication(ctx, Rng.of(ctx.seed, "app", gi, i), gig, p, actorsFor(gig, p), { target: stage, stale });
    });
  });
}

// ---------------------------------------------------------------------------
// Appeals and notifications
// ---------------------------------------------------------------------------

function addAppeals(ctx: Ctx) {
  const rng = Rng.of(ctx.seed, "appeals");
  const declined = ctx.ds.applications.filter((a) => a.stage === "DECLINED" && a.profileId !== ctx.ds.meta.proProfileId);
  const chosen = rng.sample(declined, Math.min(ctx.spec.appeals, declined.length));
  chosen.sort((a, b) => (a.id < b.id ? -1 : 1));
  chosen.forEach((app, i) => {
    const createdAt = Math.min(ctx.now - HOUR, app.stageEnteredAt.getTime() + rng.range(2, 72) * HOUR);
    const answered = i % 3 === 2;
    const answeredAt = answered ? Math.min(ctx.now - 60_000, createdAt + rng.range(4, 48) * HOUR) : null;
    ctx.ds.appeals.push({
      id: ctx.ids.next("apl"),
      applicationId: app.id,
      message: rng.pick(APPEAL_MESSAGES),
      status: answered ? "ANSWERED" : "OPEN",
      outcome: answered ? rng.pick(APPEAL_OUTCOMES) : null,
      answeredById: answered ? ctx.ds.meta.coordinatorUserId : null,
      answeredAt: answeredAt === null ? null : ts(answeredAt),
      createdAt: ts(createdAt),
    });
  });
}

const STAGE_NOTICE: Partial<Record<Stage, string>> = {
  INVITED: "A lab thinks your experience fits this gig. Read the disclosure and accept the invitation if you are interested.",
  SHORTLISTED: "You are on the shortlist. Next, the lab will send an assessment or an offer.",
  SCREENING: "Your screening assessment is ready. Submit it from your application page.",
  OFFERED: "You have an offer. Review the terms and accept it from your application page.",
  CONTRACTING: "Sign the NDA and contract from your application page.",
  PAYMENT_SETUP: "Confirm your tax form and payout details.",
  TRAINING: "Read the training modules and mark them done.",
  ACTIVE: "You are active on this gig. Welcome aboard!",
};

function addNotifications(ctx: Ctx) {
  const { proUserId, proProfileId, labOwnerUserId, coordinatorUserId, showcaseGigId } = ctx.ds.meta;
  const gigById = new Map(ctx.ds.gigs.map((g) => [g.id, g]));
  const out: NotificationRow[] = [];
  // The demo professional: one notice per move someone else made on their applications.
  const proApps = new Set(ctx.ds.applications.filter((a) => a.profileId === proProfileId).map((a) => a.id));
  const appById = new Map(ctx.ds.applications.filter((a) => proApps.has(a.id)).map((a) => [a.id, a]));
  // Like the app: every move not made by the professional themself (staff, lab or the system) notifies them.
  const proMoves = ctx.ds.transitions.filter((t) => proApps.has(t.applicationId) && t.actorRole !== "PROFESSIONAL");
  for (const t of proMoves) {
    const app = appById.get(t.applicationId)!;
    const gig = gigById.get(app.gigId)!;
    out.push({
      id: "",
      userId: proUserId,
      kind: t.toStage === "INVITED" ? "application.invited" : `application.${t.toStage.toLowerCase()}`,
      title: t.toStage === "INVITED" ? `You are invited to "${gig.title}"` : `"${gig.title}": ${stageLabel(t.toStage)}`,
      body: STAGE_NOTICE[t.toStage] ?? `Your application moved to ${stageLabel(t.toStage)}.`,
      link: `/me/applications/${app.id}`,
      readAt: null,
      createdAt: t.at,
    });
  }
  const verified = ctx.ds.credits.filter((c) => c.profileId === proProfileId && c.verifiedAt);
  for (const c of verified) {
    out.push({
      id: "",
      userId: proUserId,
      kind: "credit.verified",
      title: `Your credit on ${c.showTitle} was verified`,
      body: `${c.verificationNote ?? "Verified by a coordinator"}. Verified credits count for more in matching.`,
      link: "/me/profile",
      readAt: null,
      createdAt: c.verifiedAt!,
    });
  }
  // The demo lab owner: new applicants on the showcase gig.
  const showcaseApplied = ctx.ds.applications.filter((a) => a.gigId === showcaseGigId && a.origin !== "INVITED");
  const showcase = gigById.get(showcaseGigId)!;
  const names = new Map(ctx.ds.profiles.map((p) => [p.id, p.displayName]));
  for (const a of showcaseApplied) {
    out.push({
      id: "",
      userId: labOwnerUserId,
      kind: "application.new",
      title: `New applicant for "${showcase.title}"`,
      body: `${names.get(a.profileId)} applied. Review them on the board.`,
      link: `/coord/gigs/${showcase.id}`,
      readAt: null,
      createdAt: a.createdAt,
    });
  }
  // The demo coordinator: a note for each open appeal.
  for (const ap of ctx.ds.appeals.filter((x) => x.status === "OPEN").slice(0, 20)) {
    out.push({
      id: "",
      userId: coordinatorUserId,
      kind: "appeal.opened",
      title: "A professional asked for a human review",
      body: ap.message,
      link: "/coord",
      readAt: null,
      createdAt: ap.createdAt,
    });
  }
  out.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0) ||
      (a.title < b.title ? -1 : 1),
  );
  // Older notices have been read; the latest three per user are unread.
  const perUser = new Map<string, NotificationRow[]>();
  for (const n of out) {
    const list = perUser.get(n.userId);
    if (list) list.push(n);
    else perUser.set(n.userId, [n]);
  }
  for (const list of perUser.values()) {
    list.forEach((n, i) => {
      if (i < list.length - 3) n.readAt = ts(Math.min(ctx.now - 60_000, n.createdAt.getTime() + 6 * HOUR));
    });
  }
  for (const n of out) {
    n.id = ctx.ids.next("ntf");
    ctx.ds.notifications.push(n);
  }
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

export function generateDataset(options: GenerateOptions): Dataset {
  const spec = SIZES[options.size];
  if (!spec) throw new Error(`Unknown dataset size "${String(options.size)}" (use demo or bench)`);
  const now = options.now.getTime();
  if (!Number.isFinite(now)) throw new Error("generateDataset needs a valid `now`");
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const currentYear = options.now.getUTCFullYear();
  const ds: Dataset = {
    size: options.size,
    seed,
    now: new Date(now),
    currentYear,
    users: [],
    profiles: [],
    credits: [],
    labs: [],
    labMembers: [],
    gigs: [],
    applications: [],
    transitions: [],
    appeals: [],
    termChanges: [],
    notifications: [],
    consents: [],
    meta: { adminUserId: "", coordinatorUserId: "", labOwnerUserId: "", proUserId: "", proProfileId: "", showcaseGigId: "" },
  };
  const ctx: Ctx = { seed, now, currentYear, spec, ids: new Ids(), ds, coordinatorIds: [], verifierIds: [] };

  addStaff(ctx);
  const labs = addLabs(ctx);
  const pool = buildShowPool(Rng.of(seed, "shows"), currentYear, spec.showsPerFormatYear);
  const pro = addDemoPro(ctx, 0);
  const people: Person[] = [pro];
  for (let i = 1; i < spec.professionals; i++) people.push(addProfessional(ctx, pool, i));
  assignDemographics(ctx, people);
  const gigs = addGigs(ctx, labs);
  addApplications(ctx, people, gigs, new Map(labs.map((l) => [l.row.id, l])), pro);
  addTermChanges(ctx, labs);
  addAppeals(ctx);
  addNotifications(ctx);
  return ds;
}

/** Row counts per table, in load order. */
export function datasetCounts(ds: Dataset): Record<string, number> {
  return {
    users: ds.users.length,
    profiles: ds.profiles.length,
    credits: ds.credits.length,
    labs: ds.labs.length,
    labMembers: ds.labMembers.length,
    gigs: ds.gigs.length,
    applications: ds.applications.length,
    transitions: ds.transitions.length,
    appeals: ds.appeals.length,
    termChanges: ds.termChanges.length,
    notifications: ds.notifications.length,
    consents: ds.consents.length,
  };
}
