/**
 * Reads one person's credits from the tab-separated layout of IMDb's public datasets
 * (https://developer.imdb.com/non-commercial-datasets/): `title.principals.tsv` (tconst, ordering,
 * nconst, category, job, characters), `title.basics.tsv` (tconst, titleType, primaryTitle,
 * originalTitle, isAdult, startYear, endYear, runtimeMinutes, genres) and `title.episode.tsv`
 * (tconst, parentTconst, seasonNumber, episodeNumber). Pure: no I/O.
 *
 * Principal rows on episodes are grouped by series and role, so one credit carries the number of
 * distinct episodes and the years they aired. Labels are read with the taxonomy readers: the `job`
 * column when it names a role we know ("head writer", "teleplay by"), else the `category`. Nothing
 * is guessed: a `tvSeries` says nothing about the format, so such credits come back with
 * `format: null` for the person to choose; `archive_footage`/`archive_sound` rows are not work
 * credits and are listed as skipped with the reason. Malformed rows get an error naming the file
 * and line; any error means nothing should be imported.
 */
import { type FormatKey, type GenreKey, type RoleKey, readFormat, readGenre, readRole } from "./taxonomy";

export const IMDB_FILES = {
  principals: ["tconst", "ordering", "nconst", "category", "job", "characters"],
  basics: ["tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres"],
  episode: ["tconst", "parentTconst", "seasonNumber", "episodeNumber"],
} as const;
export type ImdbFile = keyof typeof IMDB_FILES;

const FILE_NAMES: Record<ImdbFile, string> = {
  principals: "title.principals.tsv",
  basics: "title.basics.tsv",
  episode: "title.episode.tsv",
};

export interface ImdbRowError {
  file: string;
  /** 1-based line in that file (the header is line 1). */
  line: number;
  message: string;
}

export interface ImdbCreditDraft {
  /** The series (or the title itself when it is not an episode). */
  tconst: string;
  showTitle: string;
  role: RoleKey | null;
  /** The label the role was read from, and how sure the reading is. */
  roleInput: string;
  roleConfidence: "exact" | "alias" | "unknown";
  /** null when the title type says nothing about the format (tvSeries): the person chooses. */
  format: FormatKey | null;
  titleType: string;
  genres: GenreKey[];
  /** The genre names as IMDb wrote them ("Talk-Show"), in order: the preview shows each reading. */
  genreInputs: string[];
  unknownGenres: string[];
  startYear: number | null;
  endYear: number | null;
  episodes: number;
}

export interface ImdbSkipped {
  tconst: string;
  category: string;
  reason: string;
}

export type ImdbParseResult =
  | { ok: true; credits: ImdbCreditDraft[]; skipped: ImdbSkipped[]; rowsRead: number }
  | { ok: false; errors: ImdbRowError[]; rowsRead: number };

const NULL = "\\N";
const TCONST = /^tt\d{7,}$/;
const NCONST = /^nm\d{7,}$/;
const MAX_ERRORS = 200;

function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function year(value: string): number | null | "bad" {
  if (value === NULL || value === "") return null;
  if (!/^\d{4}$/.test(value)) return "bad";
  return Number(value);
}

interface Table {
  rows: { line: number; cells: string[] }[];
}

function readTable(kind: ImdbFile, text: string, errors: ImdbRowError[]): Table {
  const file = FILE_NAMES[kind];
  const expected = IMDB_FILES[kind];
  const lines = splitLines(text);
  const rows: Table["rows"] = [];
  if (lines.length === 0) {
    errors.push({ file, line: 1, message: `${file} is empty; it needs the header ${expected.join(" ⇥ ")}.` });
    return { rows };
  }
  const header = lines[0].split("\t");
  if (header.length !== expected.length || header.some((h, i) => h.trim() !== expected[i])) {
    errors.push({ file, line: 1, message: `The header must be ${expected.join(" ⇥ ")} (tab-separated), as in IMDb's ${file}.` });
    return { rows };
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const cells = line.split("\t");
    if (cells.length !== expected.length) {
      errors.push({ file, line: i + 1, message: `Expected ${expected.length} tab-separated values, found ${cells.length}.` });
      continue;
    }
    if (!TCONST.test(cells[0])) {
      errors.push({ file, line: i + 1, message: `"${cells[0].slice(0, 40)}" is not an IMDb title id (like tt0903747).` });
      continue;
    }
    rows.push({ line: i + 1, cells });
  }
  return { rows };
}

/**
 * Parses the three files for one person (`nconst`). Rows of other people in title.principals are
 * ignored (the full dataset file can be given); every malformed row is reported.
 */
export function parseImdbDatasets(input: { principals: string; basics: string; episode: string }, nconst: string): ImdbParseResult {
  const errors: ImdbRowError[] = [];
  if (!NCONST.test(nconst)) {
    return {
      ok: false,
      rowsRead: 0,
      errors: [{ file: "nconst", line: 0, message: `"${nconst}" is not an IMDb name id (like nm0000123).` }],
    };
  }
  const principals = readTable("principals", input.principals, errors);
  const basics = readTable("basics", input.basics, errors);
  const episodes = readTable("episode", input.episode, errors);
  const rowsRead = principals.rows.length + basics.rows.length + episodes.rows.length;

  const titles = new Map<string, { line: number; type: string; title: string; start: number | null; end: number | null; genres: string }>();
  for (const { line, cells } of basics.rows) {
    const start = year(cells[5]);
    const end = year(cells[6]);
    if (start === "bad" || end === "bad") {
      errors.push({
        file: FILE_NAMES.basics,
        line,
        message: `startYear and endYear must be four-digit years or \\N (got "${cells[5]}", "${cells[6]}").`,
      });
      continue;
    }
    if (cells[2].trim() === "" || cells[2] === NULL) {
      errors.push({ file: FILE_NAMES.basics, line, message: "primaryTitle is empty." });
      continue;
    }
    titles.set(cells[0], { line, type: cells[1], title: cells[2].trim(), start, end, genres: cells[8] });
  }
  const parents = new Map<string, string>();
  for (const { line, cells } of episodes.rows) {
    if (!TCONST.test(cells[1])) {
      errors.push({ file: FILE_NAMES.episode, line, message: `parentTconst "${cells[1].slice(0, 40)}" is not an IMDb title id.` });
      continue;
    }
    parents.set(cells[0], cells[1]);
  }

  interface Group {
    tconst: string;
    roleInput: string;
    role: RoleKey | null;
    confidence: "exact" | "alias" | "unknown";
    episodeIds: Set<string>;
    years: number[];
  }
  const groups = new Map<string, Group>();
  const skipped: ImdbSkipped[] = [];
  for (const { line, cells } of principals.rows) {
    const [tconst, , who, category, job] = cells;
    if (!NCONST.test(who)) {
      errors.push({ file: FILE_NAMES.principals, line, message: `"${who.slice(0, 40)}" is not an IMDb name id.` });
      continue;
    }
    if (who !== nconst) continue;
    if (category === "" || category === NULL) {
      errors.push({ file: FILE_NAMES.principals, line, message: "category is empty." });
      continue;
    }
    const parent = parents.get(tconst);
    const series = parent ?? tconst;
    if (!titles.has(series)) {
      errors.push({ file: FILE_NAMES.principals, line, message: `Title ${series} is not in ${FILE_NAMES.basics}; include its row.` });
      continue;
    }
    const byJob = job && job !== NULL ? readRole(job) : null;
    const byCategory = readRole(category);
    const reading = byJob && byJob.key !== null ? byJob : byCategory;
    if (reading.key === null && reading.note) {
      skipped.push({ tconst: series, category, reason: reading.note });
      continue;
    }
    const key = `${series}|${reading.key ?? `?${reading.input}`}`;
    let g = groups.get(key);
    if (!g) {
      g = { tconst: series, roleInput: reading.input, role: reading.key, confidence: reading.confidence, episodeIds: new Set(), years: [] };
      groups.set(key, g);
    }
    if (parent) {
      g.episodeIds.add(tconst);
      const ep = titles.get(tconst);
      if (ep?.start != null) g.years.push(ep.start);
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS), rowsRead };

  const credits: ImdbCreditDraft[] = [];
  for (const g of groups.values()) {
    const t = titles.get(g.tconst)!;
    const format = readFormat(t.type).key;
    const genres: GenreKey[] = [];
    const unknownGenres: string[] = [];
    const genreInputs = t.genres === NULL || t.genres.trim() === "" ? [] : t.genres.split(",").map((g) => g.trim());
    for (const raw of genreInputs) {
      const k = readGenre(raw).key;
      if (k === null) unknownGenres.push(raw);
      else if (!genres.includes(k)) genres.push(k);
    }
    const startYear = g.years.length > 0 ? Math.min(...g.years) : t.start;
    const endYear = g.years.length > 0 ? Math.max(...g.years) : (t.end ?? t.start);
    credits.push({
      tconst: g.tconst,
      showTitle: t.title,
      role: g.role,
      roleInput: g.roleInput,
      roleConfidence: g.confidence,
      format,
      titleType: t.type,
      genres,
      genreInputs,
      unknownGenres,
      startYear,
      endYear,
      episodes: Math.max(1, g.episodeIds.size),
    });
  }
  credits.sort(
    (a, b) =>
      (b.startYear ?? 0) - (a.startYear ?? 0) || a.showTitle.localeCompare(b.showTitle) || (a.role ?? "").localeCompare(b.role ?? ""),
  );
  return { ok: true, credits, skipped, rowsRead };
}

/** Per-file limits for an upload (the whole form is capped while it streams in, see the import route). */
export const MAX_IMDB_FILE_BYTES = 6_000_000;
export const MAX_IMDB_ROWS = 100_000;

/** A file-level problem before any row is read (too large, too many rows, not text), or null. */
export function checkImdbFile(kind: ImdbFile, text: string, bytes: number): ImdbRowError | null {
  const file = FILE_NAMES[kind];
  if (bytes > MAX_IMDB_FILE_BYTES) {
    return {
      file,
      line: 0,
      message: `${file} is larger than ${MAX_IMDB_FILE_BYTES / 1_000_000} MB. Keep only the rows for your name id (nm…) and the titles they name.`,
    };
  }
  if (text.includes("\u0000") || text.includes("\uFFFD")) {
    return { file, line: 0, message: `${file} is not UTF-8 text. Upload the .tsv file as IMDb publishes it (unzipped).` };
  }
  const lines = text.split("\n").length;
  if (lines > MAX_IMDB_ROWS + 2) {
    return {
      file,
      line: 0,
      message: `${file} has ${(lines - 1).toLocaleString("en-US")} rows; the limit is ${MAX_IMDB_ROWS.toLocaleString("en-US")}. Keep only the rows for your name id.`,
    };
  }
  return null;
}

/**
 * The rows of the three files that matter for `nconst` (its principal rows, the episode rows they
 * name, the title rows of those episodes and their series), as TSV with headers. Parsing the result
 * gives the same credits as parsing the full files, so a preview can carry this compact copy to
 * the confirm step instead of the whole upload.
 */
export function relevantImdbRows(input: { principals: string; basics: string; episode: string }, nconst: string) {
  const keep = (kind: ImdbFile, text: string, test: (cells: string[]) => boolean) => {
    const lines = splitLines(text);
    const out = [IMDB_FILES[kind].join("\t")];
    for (let i = 1; i < lines.length; i++) {
      const cells = lines[i].split("\t");
      if (test(cells)) out.push(lines[i]);
    }
    return `${out.join("\n")}\n`;
  };
  const mine = new Set<string>();
  const principals = keep("principals", input.principals, (c) => {
    if (c[2] !== nconst) return false;
    mine.add(c[0]);
    return true;
  });
  const titles = new Set(mine);
  const episode = keep("episode", input.episode, (c) => {
    if (!mine.has(c[0])) return false;
    titles.add(c[1]);
    return true;
  });
  const basics = keep("basics", input.basics, (c) => titles.has(c[0]));
  return { principals, basics, episode };
}
