/**
 * Writes a generated Dataset (prisma/demo/generator.ts) to the database.
 *
 * - Transfer rules first: every DEFAULT_TRANSFER_RULES entry is inserted if its key is
 *   missing, with a version-1 history row (idempotent by key; existing rules are left alone).
 * - Then the dataset, table by table in dependency order, 5,000 rows per INSERT statement
 *   (unnest of one array per column, see insertRange), all in one transaction (all or
 *   nothing). Large datasets use bulk mode (see LoadOptions.bulk).
 * - No OutboxEvent rows: the app rebuilds its embedded search index from the database on
 *   start (with Meilisearch, run `npm run reindex` after seeding).
 * - Every user gets the same password hash (hash once, outside the loop).
 */
import type { Db, Tx } from "~/db.server";
import { DEFAULT_TRANSFER_RULES } from "~/domain/default-rules";
import { TRANSFER_MODEL_VERSION } from "~/domain/transfer";
import { hashPassword } from "~/password.server";
import { insertMissingDefaultRules } from "~/services/transfer.server";
import { DEMO_PASSWORD } from "./accounts";
import { seedActivePhase } from "./work";
import {
  type AppealRow,
  type ApplicationRow,
  type ConsentRow,
  type CreditRow,
  type Dataset,
  type GigRow,
  type LabMemberRow,
  type LabRow,
  type NotificationRow,
  type ProfileRow,
  type TermChangeRow,
  type TransitionRow,
  type UserRow,
  datasetCounts,
} from "./generator";

type Client = Db | Tx;

export interface LoadOptions {
  log?: (message: string) => void;
  /**
   * true: draw a progress bar on stderr (at most 10 updates a second); a function: called
   * with (rowsDone, rowsTotal, table) instead. Default: off.
   */
  progress?: boolean | ((done: number, total: number, table: string) => void);
  /** Hash to give every user; default: DEMO_PASSWORD hashed once. */
  passwordHash?: string;
  /** Rows per INSERT statement (default 5,000). */
  rowsPerStatement?: number;
  /**
   * Bulk mode (default: datasets of 50,000 rows or more): inside the load transaction, drop
   * the secondary indexes of the tables being loaded and rebuild them at the end (one sort
   * per index instead of a B-tree insert per row), and, when connected as a superuser, skip
   * the foreign-key triggers (the generator's references are checked by its unit tests).
   * Everything is transactional: if the load fails, the indexes are back as they were.
   */
  bulk?: boolean;
  /**
   * Load only if the database has no users, checked under an advisory lock inside the
   * load transaction, so two processes starting at once cannot both load.
   */
  onlyIfEmpty?: boolean;
}

/** Arbitrary constant advisory-lock key for `onlyIfEmpty`. */
const SEED_LOCK_ID = 72_201_312;

export interface LoadResult {
  /** false when `onlyIfEmpty` found users and nothing was written. */
  loaded: boolean;
  counts: Record<string, number>;
  rules: { created: number };
  ms: number;
  rowsPerSecond: number;
}

// ---------------------------------------------------------------------------
// Progress bar
// ---------------------------------------------------------------------------

export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty: boolean;
  private lastPercentLogged = -1;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  add(n: number, label: string) {
    this.done += n;
    const now = Date.now();
    if (this.done < this.total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.draw(label, now);
  }

  /** Shows a message in place of the table name (e.g. while indexes are rebuilt). */
  note(label: string) {
    this.draw(label, Date.now());
  }

  finish(label = "done") {
    this.draw(label, Date.now());
    if (this.tty) this.stream.write("\n");
  }

  private draw(label: string, now: number) {
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const percent = Math.floor(fraction * 100);
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(this.done / seconds);
    const width = 30;
    const filled = Math.round(fraction * width);
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}%  ${this.done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} rows  ${rate.toLocaleString("en-US")} rows/s  ${label}`;
    if (this.tty) {
      this.stream.write(`\r${line.padEnd(110)}`);
    } else if (percent >= this.lastPercentLogged + 10 || (percent === 100 && this.lastPercentLogged < 100)) {
      // Not a terminal (CI, logs): a plain line every 10 %.
      this.lastPercentLogged = percent - (percent % 10);
      this.stream.write(`${line}\n`);
    }
  }
}

// ---------------------------------------------------------------------------
// Transfer rules
// ---------------------------------------------------------------------------

/** True when the active rules in the database are exactly the defaults the generator scored with. */
async function rulesAreDefaults(client: Client): Promise<boolean> {
  const rows = await client.transferRule.findMany({ where: { active: true } });
  if (rows.length !== DEFAULT_TRANSFER_RULES.length) return false;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return DEFAULT_TRANSFER_RULES.every((d) => {
    const r = byKey.get(d.key);
    return (
      r !== undefined &&
      r.role === d.role &&
      r.department === d.department &&
      r.format === d.format &&
      r.genre === d.genre &&
      r.taskType === d.taskType &&
      r.weight === d.weight
    );
  });
}

// ---------------------------------------------------------------------------
// Dataset
// ---------------------------------------------------------------------------

/*
 * Rows go in as `INSERT INTO "T" (...) SELECT ... FROM unnest($1::text[], $2::int4[], ...)`:
 * one bind parameter per column instead of one per value. Prisma's createMany builds and
 * validates every value in JavaScript; on this 2-core machine that managed ~1,300 rows/s for
 * the bench dataset (14 minutes); with unnest the whole load runs at 15,000-19,000 rows/s
 * on the same (busy) machine. The SQL still goes through the Prisma client, in its transaction.
 */

type PgType =
  | "text"
  | "int4"
  | "bool"
  | "timestamp"
  | "jsonb"
  | "text[]"
  | '"UserRole"'
  | '"LabMemberRole"'
  | '"ProfileVisibility"'
  | '"GigStatus"'
  | '"PayUnit"'
  | '"ApplicationOrigin"'
  | '"Stage"';

interface Column<R> {
  name: string;
  type: PgType;
  get: (row: R) => string | number | boolean | null;
}

/** PostgreSQL array literal for a text[] value (every element quoted and escaped). */
export function pgTextArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

const time = (d: Date | null) => (d === null ? null : d.toISOString());
const jsonText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

function col<R>(name: string, type: PgType, get: Column<R>["get"]): Column<R> {
  return { name, type, get };
}

interface Table<R> {
  name: string;
  label: string;
  rows: readonly R[];
  columns: Column<R>[];
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * One column of a chunk as a single PostgreSQL array literal ("{1,NULL,3}"): building the
 * literal here is much cheaper than handing the driver a JavaScript array of 5,000 values.
 */
function columnLiteral<R>(c: Column<R>, rows: readonly R[], from: number, to: number): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const v = c.get(rows[i]);
    parts[i - from] = v === null ? "NULL" : typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "t" : "f") : quote(v);
  }
  return `{${parts.join(",")}}`;
}

const sqlCache = new WeakMap<Table<unknown>, string>();

function insertSql<R>(table: Table<R>): string {
  const cached = sqlCache.get(table as Table<unknown>);
  if (cached) return cached;
  const cols = table.columns;
  const unnestType = (t: PgType) => (t === "text[]" || t === "jsonb" ? "text" : t);
  const sql =
    `INSERT INTO "${table.name}" (${cols.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${cols.map((c, i) => (c.type === "text[]" || c.type === "jsonb" ? `c${i}::${c.type}` : `c${i}`)).join(", ")} ` +
    `FROM unnest(${cols.map((c, i) => `$${i + 1}::${unnestType(c.type)}[]`).join(", ")}) AS u(${cols.map((_, i) => `c${i}`).join(", ")})`;
  sqlCache.set(table as Table<unknown>, sql);
  return sql;
}

/**
 * Inserts rows [from, to) of a table, `chunk` rows per statement. Pipelined: the next
 * statement's parameters are built while the previous one runs in the database.
 */
async function insertRange<R>(
  client: Client,
  table: Table<R>,
  from: number,
  to: number,
  chunk: number,
  report: (n: number, label: string) => void,
): Promise<void> {
  const sql = insertSql(table);
  let pending: Promise<unknown> | null = null;
  let pendingRows = 0;
  for (let a = from; a < to; a += chunk) {
    const b = Math.min(to, a + chunk);
    const params = table.columns.map((c) => columnLiteral(c, table.rows, a, b));
    if (pending) {
      await pending;
      report(pendingRows, table.label);
    }
    pending = client.$executeRawUnsafe(sql, ...params);
    pendingRows = b - a;
  }
  if (pending) {
    await pending;
    report(pendingRows, table.label);
  }
}

function tables(ds: Dataset, passwordHash: string, transferComputedAt: Date): Table<unknown>[] {
  const computedAt = (d: Date) => (d.getTime() > transferComputedAt.getTime() ? d : transferComputedAt);
  const list = [
    {
      name: "User",
      label: "users",
      rows: ds.users,
      columns: [
        col<UserRow>("id", "text", (r) => r.id),
        col<UserRow>("email", "text", (r) => r.email),
        col<UserRow>("name", "text", (r) => r.name),
        col<UserRow>("passwordHash", "text", () => passwordHash),
        col<UserRow>("role", '"UserRole"', (r) => r.role),
        col<UserRow>("emailVerifiedAt", "timestamp", (r) => time(r.emailVerifiedAt)),
        col<UserRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<UserRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<UserRow>,
    {
      name: "Profile",
      label: "profiles",
      rows: ds.profiles,
      columns: [
        col<ProfileRow>("id", "text", (r) => r.id),
        col<ProfileRow>("userId", "text", (r) => r.userId),
        col<ProfileRow>("displayName", "text", (r) => r.displayName),
        col<ProfileRow>("headline", "text", (r) => r.headline),
        col<ProfileRow>("bio", "text", (r) => r.bio),
        col<ProfileRow>("location", "text", (r) => r.location),
        col<ProfileRow>("timezone", "text", (r) => r.timezone),
        col<ProfileRow>("languages", "jsonb", (r) => jsonText(r.languages)),
        col<ProfileRow>("languageCodes", "text[]", (r) => pgTextArray(r.languageCodes)),
        col<ProfileRow>("hoursPerWeek", "int4", (r) => r.hoursPerWeek),
        col<ProfileRow>("minRateCents", "int4", (r) => r.minRateCents),
        col<ProfileRow>("rateCurrency", "text", (r) => r.rateCurrency),
        col<ProfileRow>("availableFrom", "timestamp", (r) => time(r.availableFrom)),
        col<ProfileRow>("links", "text[]", (r) => pgTextArray(r.links)),
        col<ProfileRow>("aiUseConsentAt", "timestamp", (r) => time(r.aiUseConsentAt)),
        col<ProfileRow>("aiUseConsentVersion", "text", (r) => r.aiUseConsentVersion),
        col<ProfileRow>("demographicsOptIn", "bool", (r) => r.demographicsOptIn),
        col<ProfileRow>("demographics", "jsonb", (r) => jsonText(r.demographics)),
        col<ProfileRow>("visibility", '"ProfileVisibility"', (r) => r.visibility),
        col<ProfileRow>("transferScores", "jsonb", (r) => jsonText(r.transferScores)),
        col<ProfileRow>("transferComputedAt", "timestamp", (r) => time(computedAt(r.transferComputedAt))),
        col<ProfileRow>("transferModelVersion", "text", () => TRANSFER_MODEL_VERSION),
        col<ProfileRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<ProfileRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<ProfileRow>,
    {
      name: "Credit",
      label: "credits",
      rows: ds.credits,
      columns: [
        col<CreditRow>("id", "text", (r) => r.id),
        col<CreditRow>("profileId", "text", (r) => r.profileId),
        col<CreditRow>("showTitle", "text", (r) => r.showTitle),
        col<CreditRow>("showTitleNorm", "text", (r) => r.showTitleNorm),
        col<CreditRow>("network", "text", (r) => r.network),
        col<CreditRow>("format", "text", (r) => r.format),
        col<CreditRow>("genres", "text[]", (r) => pgTextArray(r.genres)),
        col<CreditRow>("role", "text", (r) => r.role),
        col<CreditRow>("department", "text", (r) => r.department),
        col<CreditRow>("startYear", "int4", (r) => r.startYear),
        col<CreditRow>("endYear", "int4", (r) => r.endYear),
        col<CreditRow>("episodes", "int4", (r) => r.episodes),
        col<CreditRow>("position", "int4", (r) => r.position),
        col<CreditRow>("verifiedAt", "timestamp", (r) => time(r.verifiedAt)),
        col<CreditRow>("verifiedById", "text", (r) => r.verifiedById),
        col<CreditRow>("verificationNote", "text", (r) => r.verificationNote),
        col<CreditRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<CreditRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<CreditRow>,
    {
      name: "Lab",
      label: "labs",
      rows: ds.labs,
      columns: [
        col<LabRow>("id", "text", (r) => r.id),
        col<LabRow>("slug", "text", (r) => r.slug),
        col<LabRow>("name", "text", (r) => r.name),
        col<LabRow>("description", "text", (r) => r.description),
        col<LabRow>("website", "text", (r) => r.website),
        col<LabRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<LabRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<LabRow>,
    {
      name: "LabMember",
      label: "lab members",
      rows: ds.labMembers,
      columns: [
        col<LabMemberRow>("id", "text", (r) => r.id),
        col<LabMemberRow>("labId", "text", (r) => r.labId),
        col<LabMemberRow>("userId", "text", (r) => r.userId),
        col<LabMemberRow>("role", '"LabMemberRole"', (r) => r.role),
        col<LabMemberRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
      ],
    } satisfies Table<LabMemberRow>,
    {
      name: "Gig",
      label: "gigs",
      rows: ds.gigs,
      columns: [
        col<GigRow>("id", "text", (r) => r.id),
        col<GigRow>("labId", "text", (r) => r.labId),
        col<GigRow>("title", "text", (r) => r.title),
        col<GigRow>("description", "text", (r) => r.description),
        col<GigRow>("taskTypes", "text[]", (r) => pgTextArray(r.taskTypes)),
        col<GigRow>("modality", "text", (r) => r.modality),
        col<GigRow>("genres", "text[]", (r) => pgTextArray(r.genres)),
        col<GigRow>("formats", "text[]", (r) => pgTextArray(r.formats)),
        col<GigRow>("languages", "text[]", (r) => pgTextArray(r.languages)),
        col<GigRow>("hoursPerWeek", "int4", (r) => r.hoursPerWeek),
        col<GigRow>("weeklyCapHours", "int4", (r) => r.weeklyCapHours),
        col<GigRow>("payAmountCents", "int4", (r) => r.payAmountCents),
        col<GigRow>("payUnit", '"PayUnit"', (r) => r.payUnit),
        col<GigRow>("payCurrency", "text", (r) => r.payCurrency),
        col<GigRow>("minutesPerTask", "int4", (r) => r.minutesPerTask),
        col<GigRow>("screeningPaid", "bool", (r) => r.screeningPaid),
        col<GigRow>("screeningRateCents", "int4", (r) => r.screeningRateCents),
        col<GigRow>("onboardingPaid", "bool", (r) => r.onboardingPaid),
        col<GigRow>("slots", "int4", (r) => r.slots),
        col<GigRow>("startDate", "timestamp", (r) => time(r.startDate)),
        col<GigRow>("endDate", "timestamp", (r) => time(r.endDate)),
        col<GigRow>("timezoneMinOffset", "int4", (r) => r.timezoneMinOffset),
        col<GigRow>("timezoneMaxOffset", "int4", (r) => r.timezoneMaxOffset),
        col<GigRow>("screeningRequired", "bool", (r) => r.screeningRequired),
        col<GigRow>("screeningInstructions", "text", (r) => r.screeningInstructions),
        col<GigRow>("ndaRequired", "bool", (r) => r.ndaRequired),
        col<GigRow>("trainingModules", "text[]", (r) => pgTextArray(r.trainingModules)),
        col<GigRow>("disclosureTrains", "text", (r) => r.disclosureTrains),
        col<GigRow>("disclosureCreativeUse", "text", (r) => r.disclosureCreativeUse),
        col<GigRow>("disclosureRetention", "text", (r) => r.disclosureRetention),
        col<GigRow>("noticeDays", "int4", (r) => r.noticeDays),
        col<GigRow>("rateLockDays", "int4", (r) => r.rateLockDays),
        col<GigRow>("minimumPaidHoursPerWeek", "int4", (r) => r.minimumPaidHoursPerWeek),
        col<GigRow>("killFeeCents", "int4", (r) => r.killFeeCents),
        col<GigRow>("assessmentMinutes", "int4", (r) => r.assessmentMinutes),
        col<GigRow>("trainingMinutes", "int4", (r) => r.trainingMinutes),
        col<GigRow>("assessmentPaidWhen", "text", (r) => r.assessmentPaidWhen),
        col<GigRow>("trainingPaidWhen", "text", (r) => r.trainingPaidWhen),
        col<GigRow>("status", '"GigStatus"', (r) => r.status),
        col<GigRow>("closedReason", "text", (r) => r.closedReason),
        col<GigRow>("createdById", "text", (r) => r.createdById),
        col<GigRow>("coordinatorId", "text", (r) => r.coordinatorId),
        col<GigRow>("publishedAt", "timestamp", (r) => time(r.publishedAt)),
        col<GigRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<GigRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<GigRow>,
    {
      name: "Application",
      label: "applications",
      rows: ds.applications,
      columns: [
        col<ApplicationRow>("id", "text", (r) => r.id),
        col<ApplicationRow>("profileId", "text", (r) => r.profileId),
        col<ApplicationRow>("gigId", "text", (r) => r.gigId),
        col<ApplicationRow>("origin", '"ApplicationOrigin"', (r) => r.origin),
        col<ApplicationRow>("note", "text", (r) => r.note),
        col<ApplicationRow>("stage", '"Stage"', (r) => r.stage),
        col<ApplicationRow>("stageEnteredAt", "timestamp", (r) => time(r.stageEnteredAt)),
        col<ApplicationRow>("checklist", "jsonb", (r) => jsonText(r.checklist)),
        col<ApplicationRow>("matchScore", "int4", (r) => r.matchScore),
        col<ApplicationRow>("matchReasons", "jsonb", (r) => jsonText(r.matchReasons)),
        col<ApplicationRow>("lastReason", "text", (r) => r.lastReason),
        col<ApplicationRow>("version", "int4", (r) => r.version),
        col<ApplicationRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
        col<ApplicationRow>("updatedAt", "timestamp", (r) => time(r.updatedAt)),
      ],
    } satisfies Table<ApplicationRow>,
    {
      name: "StageTransition",
      label: "stage transitions",
      rows: ds.transitions,
      columns: [
        col<TransitionRow>("id", "text", (r) => r.id),
        col<TransitionRow>("applicationId", "text", (r) => r.applicationId),
        col<TransitionRow>("fromStage", '"Stage"', (r) => r.fromStage),
        col<TransitionRow>("toStage", '"Stage"', (r) => r.toStage),
        col<TransitionRow>("actorId", "text", (r) => r.actorId),
        col<TransitionRow>("actorRole", "text", (r) => r.actorRole),
        col<TransitionRow>("reason", "text", (r) => r.reason),
        col<TransitionRow>("at", "timestamp", (r) => time(r.at)),
      ],
    } satisfies Table<TransitionRow>,
    {
      name: "Appeal",
      label: "appeals",
      rows: ds.appeals,
      columns: [
        col<AppealRow>("id", "text", (r) => r.id),
        col<AppealRow>("applicationId", "text", (r) => r.applicationId),
        col<AppealRow>("message", "text", (r) => r.message),
        col<AppealRow>("status", "text", (r) => r.status),
        col<AppealRow>("outcome", "text", (r) => r.outcome),
        col<AppealRow>("answeredById", "text", (r) => r.answeredById),
        col<AppealRow>("answeredAt", "timestamp", (r) => time(r.answeredAt)),
        col<AppealRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
      ],
    } satisfies Table<AppealRow>,
    {
      name: "GigTermChange",
      label: "term changes",
      rows: ds.termChanges,
      columns: [
        col<TermChangeRow>("id", "text", (r) => r.id),
        col<TermChangeRow>("gigId", "text", (r) => r.gigId),
        col<TermChangeRow>("labId", "text", (r) => r.labId),
        col<TermChangeRow>("kind", "text", (r) => r.kind),
        col<TermChangeRow>("before", "jsonb", (r) => jsonText(r.before)),
        col<TermChangeRow>("after", "jsonb", (r) => jsonText(r.after)),
        col<TermChangeRow>("promisedNoticeDays", "int4", (r) => r.promisedNoticeDays),
        col<TermChangeRow>("actualNoticeDays", "int4", (r) => r.actualNoticeDays),
        col<TermChangeRow>("effectiveAt", "timestamp", (r) => time(r.effectiveAt)),
        col<TermChangeRow>("withinPromise", "bool", (r) => r.withinPromise),
        col<TermChangeRow>("reason", "text", (r) => r.reason),
        col<TermChangeRow>("actorId", "text", (r) => r.actorId),
        col<TermChangeRow>("actorRole", "text", (r) => r.actorRole),
        col<TermChangeRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
      ],
    } satisfies Table<TermChangeRow>,
    {
      name: "Notification",
      label: "notifications",
      rows: ds.notifications,
      columns: [
        col<NotificationRow>("id", "text", (r) => r.id),
        col<NotificationRow>("userId", "text", (r) => r.userId),
        col<NotificationRow>("kind", "text", (r) => r.kind),
        col<NotificationRow>("title", "text", (r) => r.title),
        col<NotificationRow>("body", "text", (r) => r.body),
        col<NotificationRow>("link", "text", (r) => r.link),
        col<NotificationRow>("readAt", "timestamp", (r) => time(r.readAt)),
        col<NotificationRow>("createdAt", "timestamp", (r) => time(r.createdAt)),
      ],
    } satisfies Table<NotificationRow>,
    {
      name: "ConsentRecord",
      label: "consents",
      rows: ds.consents,
      columns: [
        col<ConsentRow>("id", "text", (r) => r.id),
        col<ConsentRow>("userId", "text", (r) => r.userId),
        col<ConsentRow>("kind", "text", (r) => r.kind),
        col<ConsentRow>("textVersion", "text", (r) => r.textVersion),
        col<ConsentRow>("applicationId", "text", (r) => r.applicationId),
        col<ConsentRow>("acceptedAt", "timestamp", (r) => time(r.acceptedAt)),
      ],
    } satisfies Table<ConsentRow>,
  ];
  return list as unknown as Table<unknown>[];
}

/**
 * Drops the indexes of `tableNames` that don't back a constraint (primary keys stay) and
 * returns their definitions so they can be recreated verbatim. Transactional.
 */
async function dropSecondaryIndexes(tx: Client, tableNames: string[]): Promise<{ name: string; def: string }[]> {
  const names = tableNames.map((n) => `'${n.replace(/'/g, "''")}'`).join(", ");
  const rows = await tx.$queryRawUnsafe<{ name: string; def: string }[]>(
    `SELECT i.indexname::text AS name, i.indexdef AS def
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN (${names})
        AND NOT EXISTS (
          SELECT 1 FROM pg_constraint k
           WHERE k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
      ORDER BY i.tablename, i.indexname`,
  );
  for (const r of rows) await tx.$executeRawUnsafe(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
  return rows;
}

/**
 * Inserts the dataset. The database must not already contain these rows (the ids are fixed):
 * load into an empty database, or wipe it first (scripts/seed.ts --reset).
 */
export async function loadDataset(db: Db, ds: Dataset, options: LoadOptions = {}): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  const counts = datasetCounts(ds);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const bulk = options.bulk ?? total >= 50_000;
  const chunk = options.rowsPerStatement ?? 5000;

  const bar = options.progress === true ? new ProgressBar(total) : null;
  let done = 0;
  const report = (n: number, table: string) => {
    if (bar) bar.add(n, table);
    else if (typeof options.progress === "function") {
      done += n;
      options.progress(done, total, table);
    }
  };

  // Everything in one transaction: a failed load leaves nothing behind (and, in bulk mode,
  // the dropped indexes come back with the rollback).
  const rules = await db.$transaction(
    async (tx) => {
      if (options.onlyIfEmpty) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`;
        if ((await tx.user.count()) > 0) return null;
      }
      // Seed data can be re-created: don't wait for the commit to reach the disk.
      await tx.$executeRawUnsafe("SET LOCAL synchronous_commit = off");
      const r = await insertMissingDefaultRules(tx);
      const fresh = await rulesAreDefaults(tx);
      const list = tables(ds, passwordHash, fresh ? new Date() : ds.now);
      let dropped: { name: string; def: string }[] = [];
      if (bulk) {
        await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '256MB'");
        const su = await tx.$queryRawUnsafe<{ su: boolean }[]>("SELECT current_setting('is_superuser') = 'on' AS su");
        if (su[0]?.su) await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
        dropped = await dropSecondaryIndexes(
          tx,
          list.map((t) => t.name),
        );
      }
      for (const table of list) await insertRange(tx, table, 0, table.rows.length, chunk, report);
      if (dropped.length > 0) {
        bar?.note(`rebuilding ${dropped.length} indexes`);
        for (const index of dropped) await tx.$executeRawUnsafe(index.def);
      }
      // The active phase (engagements, work ledgers, queue statuses), derived from what was loaded.
      await seedActivePhase(tx, ds.now);
      return r;
    },
    { timeout: 900_000, maxWait: 30_000 },
  );
  const ms = Date.now() - t0;
  if (rules === null) return { loaded: false, counts: {}, rules: { created: 0 }, ms, rowsPerSecond: 0 };
  bar?.finish();
  log(
    `Loaded ${total.toLocaleString("en-US")} rows in ${(ms / 1000).toFixed(1)} s (${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")})`,
  );
  return { loaded: true, counts, rules, ms, rowsPerSecond: Math.round(total / Math.max(0.001, ms / 1000)) };
}

/** Row counts of the tables the loader writes, read back from the database. */
export async function databaseCounts(client: Client): Promise<Record<string, number>> {
  const [users, profiles, credits, labs, labMembers, gigs, applications, transitions, appeals, termChanges, notifications, consents] =
    await Promise.all([
      client.user.count(),
      client.profile.count(),
      client.credit.count(),
      client.lab.count(),
      client.labMember.count(),
      client.gig.count(),
      client.application.count(),
      client.stageTransition.count(),
      client.appeal.count(),
      client.gigTermChange.count(),
      client.notification.count(),
      client.consentRecord.count(),
    ]);
  return { users, profiles, credits, labs, labMembers, gigs, applications, transitions, appeals, termChanges, notifications, consents };
}

/** Empties every application table (not _prisma_migrations). For `npm run seed -- --reset`. */
export async function wipeDatabase(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const tables = rows.map((r) => r.tablename);
  if (tables.length > 0) {
    await db.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(", ")} RESTART IDENTITY CASCADE`);
  }
  return tables;
}
