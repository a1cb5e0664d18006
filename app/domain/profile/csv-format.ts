/**
 * The credits CSV format (columns, limits, template, result types): safe for the browser. The
 * parser itself (papaparse) is csv.server.ts, which the index does NOT re-export, so route
 * components never pull papaparse into the client bundle.
 */
import { type CreditInput, MAX_EPISODES, MIN_CREDIT_YEAR } from "./credits";

export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 5000;

export const CSV_COLUMNS = [
  { name: "show_title", required: true, description: "The show's title, e.g. Harbor Lights." },
  { name: "network", required: false, description: "Network or platform, e.g. Northwind or StreamCo." },
  {
    name: "format",
    required: true,
    description:
      'Multi-camera sitcom, single-camera comedy, drama, procedural, limited series, animation, unscripted, documentary, late-night, daytime or children\'s. Common names work ("multi-cam sitcom", "docuseries").',
  },
  { name: "genres", required: false, description: "Semicolon-separated, e.g. comedy; satire." },
  { name: "role", required: true, description: "Your role, e.g. Staff writer, Showrunner, Editor, DP, Script supervisor." },
  { name: "start_year", required: true, description: `First year on the show (${MIN_CREDIT_YEAR} or later).` },
  { name: "end_year", required: false, description: 'Last year; leave empty (or write "present") if ongoing.' },
  { name: "episodes", required: true, description: `Episodes you worked on, 1 to ${MAX_EPISODES}.` },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];

/** A line whose first cell starts with "# " (or is just "#") is a comment: the importer skips it. */
export function isCsvComment(cells: readonly string[]): boolean {
  return /^#(\s|$)/.test((cells[0] ?? "").trim());
}

/**
 * The template: the header, then examples as comment lines (the importer ignores lines that start
 * with "# "), so a template uploaded as it is imports nothing by accident.
 */
export const CSV_TEMPLATE = `${[
  CSV_COLUMNS.map((c) => c.name).join(","),
  "# Lines starting with # are ignored. Add one credit per line below; delete these examples or leave them.",
  "# Harbor Lights,Northwind,Single-camera comedy,comedy; satire,Staff writer,2006,2008,44",
  "# Law & Order,NBC,Procedural,crime; legal,Script supervisor,2010,2012,66",
  '# "Planet Earth, Again",BBC,Documentary,nature,Editor,2019,,8',
].join("\r\n")}\r\n`;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * A cell whose label was not understood: it is never turned into something else; the person
 * chooses (role, format) or chooses or leaves out (genre) before the row can be imported.
 */
export interface UnclearCell {
  column: "role" | "format" | "genre";
  /** For genres: the position of the unknown genre among the row's unknown genres. */
  index: number;
  input: string;
  /** Why a recognised label has no mapping (e.g. "TV series"), else null. */
  note: string | null;
}

/** The person's choices for unclear cells, by spreadsheet row. A genre choice "" leaves it out. */
export type CsvChoices = Record<number, { role?: string; format?: string; genres?: (string | undefined)[] }>;

export interface CsvRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  values: Partial<Record<CsvColumn, string>>;
  credit: CreditInput | null;
  errors: string[];
  /** Cells still waiting for the person's choice (the row has no credit until they are chosen). */
  unclear: UnclearCell[];
}

export type CsvParseResult =
  | { ok: true; rows: CsvRow[]; validCount: number; errorCount: number; unclearCount: number }
  | { ok: false; error: string };
