/**
 * CSV credit import: byte and text checks, header checks, row parsing (papaparse). Server-only
 * (".server") so papaparse stays out of the browser bundle; import it from
 * "~/domain/profile/csv.server", the format and types come from the index.
 */
import Papa from "papaparse";
import {
  type GenreKey,
  isFormatKey,
  isGenreKey,
  isRoleKey,
  parseFormat,
  parseGenres,
  parseRole,
  readFormat,
  readRole,
} from "~/domain/taxonomy";
import { creditInputSchema } from "./credits";
import {
  CSV_COLUMNS,
  type CsvChoices,
  type CsvColumn,
  type CsvParseResult,
  type CsvRow,
  type DecodeResult,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  type UnclearCell,
  isCsvComment,
} from "./csv-format";

const COLUMN_NAMES = new Set<string>(CSV_COLUMNS.map((c) => c.name));

/**
 * Checks uploaded bytes before parsing: size, emptiness, binary content, UTF-16, and that the
 * text is valid UTF-8. Returns the decoded text without a byte-order mark.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  if (bytes.length > MAX_CSV_BYTES) {
    return {
      ok: false,
      error: `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB. Split it into smaller files.`,
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, error: 'The file is saved as UTF-16. Save it as "CSV UTF-8" and upload it again.' };
  }
  if (bytes.includes(0)) {
    return {
      ok: false,
      error: 'This does not look like a CSV file (it contains binary data). Save your spreadsheet as "CSV UTF-8" and upload that.',
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: 'The file is not valid UTF-8 text. In your spreadsheet choose File → Save as → "CSV UTF-8" and upload it again.',
    };
  }
  return checkCsvText(text);
}

/** The same checks for text that was pasted or round-tripped through the preview. */
export function checkCsvText(input: string): DecodeResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  if (new TextEncoder().encode(text).length > MAX_CSV_BYTES) {
    return { ok: false, error: "The CSV is larger than 2 MB. Split it into smaller files." };
  }
  if (text.includes("\u0000")) {
    return {
      ok: false,
      error: 'This does not look like a CSV file (it contains binary data). Save your spreadsheet as "CSV UTF-8" and upload that.',
    };
  }
  if (text.includes("\ufffd")) {
    return {
      ok: false,
      error:
        'The file contains characters that could not be read (�), so it was probably saved in another encoding. Save it as "CSV UTF-8" and upload it again.',
    };
  }
  // Control characters other than tab / CR / LF mean binary junk, not a spreadsheet export.
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) control++;
  }
  if (control > 0) {
    return {
      ok: false,
      error: 'This does not look like a CSV file (it contains control characters). Save your spreadsheet as "CSV UTF-8" and upload that.',
    };
  }
  return { ok: true, text };
}

/** "Show Title" / "show-title" / "SHOW_TITLE" → "show_title". */
function normaliseHeader(h: string): string {
  return h
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const EXPECTED = CSV_COLUMNS.map((c) => c.name).join(", ");

/** Parses and validates a whole CSV; file-level problems return `ok: false` and nothing is imported. */
export function parseCreditsCsv(text: string, currentYear: number, choices: CsvChoices = {}): CsvParseResult {
  const checked = checkCsvText(text);
  if (!checked.ok) return checked;
  const parsed = Papa.parse<string[]>(checked.text, { header: false, skipEmptyLines: false, delimiter: "," });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    return {
      ok: false,
      error: `The CSV has an unclosed quote near row ${(quoteError.row ?? 0) + 1}. Check that every opening " has a closing ".`,
    };
  }
  const records = parsed.data;
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== "") && !isCsvComment(r));
  if (headerIndex < 0) return { ok: false, error: "The file is empty. Download the template, add your credits and upload it again." };
  const header = records[headerIndex].map(normaliseHeader);

  const unknown = header.filter((h) => h !== "" && !COLUMN_NAMES.has(h));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown
        .slice(0, 5)
        .map((u) => `"${u.slice(0, 40)}"`)
        .join(", ")} in the first row. The first row must be the header: ${EXPECTED}.`,
    };
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") continue;
    if (seen.has(h)) return { ok: false, error: `The column "${h}" appears twice in the header.` };
    seen.add(h);
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    return {
      ok: false,
      error: `The header is missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. The first row must be: ${EXPECTED}.`,
    };
  }

  const dataRecords: { row: number; cells: string[] }[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i];
    if (cells.every((c) => c.trim() === "") || isCsvComment(cells)) continue;
    dataRecords.push({ row: i + 1, cells });
  }
  if (dataRecords.length === 0)
    return { ok: false, error: "The file has a header but no credits below it (lines starting with # are examples and are ignored)." };
  if (dataRecords.length > MAX_CSV_ROWS) {
    return {
      ok: false,
      error: `The file has ${dataRecords.length.toLocaleString("en-US")} rows; the limit is ${MAX_CSV_ROWS.toLocaleString("en-US")}. Split it into smaller files.`,
    };
  }

  const schema = creditInputSchema(currentYear);
  const rows = dataRecords.map(({ row, cells }) => parseCsvRow(row, header, cells, schema, choices[row] ?? {}));
  const validCount = rows.filter((r) => r.credit).length;
  const errorCount = rows.filter((r) => r.errors.length > 0).length;
  const unclearCount = rows.filter((r) => r.errors.length === 0 && r.unclear.length > 0).length;
  return { ok: true, rows, validCount, errorCount, unclearCount };
}

function parseCsvRow(
  row: number,
  header: string[],
  cells: string[],
  schema: ReturnType<typeof creditInputSchema>,
  chosen: CsvChoices[number],
): CsvRow {
  const values: Partial<Record<CsvColumn, string>> = {};
  const errors: string[] = [];
  const extra = cells.slice(header.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) errors.push(`This row has ${cells.length} values but the header has ${header.length} columns.`);
  header.forEach((h, i) => {
    if (h) values[h as CsvColumn] = (cells[i] ?? "").trim().slice(0, 300);
  });

  const unclear: UnclearCell[] = [];
  const roleText = values.role ?? "";
  let role = roleText ? parseRole(roleText) : null;
  if (!roleText) errors.push("role: enter your role (e.g. Staff writer, Editor).");
  else if (!role) {
    if (isRoleKey(chosen.role)) role = chosen.role;
    else unclear.push({ column: "role", index: 0, input: roleText, note: readRole(roleText).note });
  }

  const formatText = values.format ?? "";
  let format = formatText ? parseFormat(formatText) : null;
  if (!formatText) errors.push("format: enter the show's format (e.g. Drama, Multi-camera sitcom).");
  else if (!format) {
    if (isFormatKey(chosen.format)) format = chosen.format;
    else unclear.push({ column: "format", index: 0, input: formatText, note: readFormat(formatText).note });
  }

  const { genres: readGenres, unknown } = parseGenres(values.genres ?? "");
  const genres: GenreKey[] = [...readGenres];
  unknown.forEach((g, i) => {
    const choice = chosen.genres?.[i];
    if (choice === "") return; // left out by the person
    if (isGenreKey(choice)) genres.push(choice);
    else unclear.push({ column: "genre", index: i, input: g, note: null });
  });

  const endText = values.end_year ?? "";
  const ongoing = /^(present|ongoing|current|now|-|–)$/i.test(endText);
  const result = schema.safeParse({
    showTitle: values.show_title ?? "",
    network: values.network ?? "",
    format: format ?? "DRAMA",
    genres,
    role: role ?? "OTHER",
    startYear: values.start_year ?? "",
    endYear: ongoing ? "" : endText,
    episodes: values.episodes ?? "",
  });
  if (!result.success) {
    const label: Record<string, string> = {
      showTitle: "show_title",
      network: "network",
      genres: "genres",
      startYear: "start_year",
      endYear: "end_year",
      episodes: "episodes",
    };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (field === "format" || field === "role") continue;
      errors.push(`${label[field] ?? field}: ${issue.message}`);
    }
  }
  return { row, values, credit: errors.length === 0 && unclear.length === 0 && result.success ? result.data : null, errors, unclear };
}
