/**
 * Import: credits from a CSV spreadsheet or from IMDb's dataset TSV files, profile basics from a
 * JSON Resume. Each is upload → preview ("we read this as X", per-row errors, duplicates flagged,
 * a select for every label we did not understand) → confirm, written in one transaction. Every
 * form is Conform + zod (app/domain/import-forms.ts) and works without JavaScript: the preview
 * carries the checked text in hidden fields (posted as multipart, so it is not percent-encoded) and
 * the server checks it again on confirm. With JavaScript, large files show a progress bar while
 * they are read and sent (app/components/upload-progress.tsx).
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useNavigation, useRouteError } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import {
  FormErrors,
  InputField,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  parseSubmission,
  refusalResult,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { UploadProgress, useUploadWithProgress } from "~/components/upload-progress";
import { MAX_IMDB_FILE_BYTES, type ImdbRowError, type ImdbSkipped, checkImdbFile } from "~/domain/imdb";
import {
  csvConfirmSchema,
  csvUploadSchema,
  imdbConfirmSchema,
  imdbUploadSchema,
  resumeConfirmSchema,
  resumeUploadSchema,
} from "~/domain/import-forms";
import { CSV_COLUMNS, type CsvChoices, MAX_CSV_ROWS, roleOptionGroups } from "~/domain/profile";
import { FORMATS, GENRES, describeReading, formatLabel, genreLabel, readFormat, readGenre, readRole, roleLabel } from "~/domain/taxonomy";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { type PreviewRow, commitImport, previewImport } from "~/services/credit-import.server";
import { type ImdbPreviewCredit, importImdbCredits, previewImdbImport } from "~/services/imdb-import.server";
import { type ResumeBasics, applyResume, previewResume } from "~/services/resume-import.server";

const NOTHING = "Nothing was imported.";

/** The whole form (three IMDb files at most) is capped at this while it streams in. */
const MAX_IMPORT_BYTES = 8_000_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireProfessional(request);
  return null;
}

interface CsvPreview {
  csv: string;
  rows: PreviewRow[];
  validCount: number;
  errorCount: number;
  unclearCount: number;
  duplicateCount: number;
  newCount: number;
}
interface ImdbPreview {
  nconst: string;
  files: { principals: string; basics: string; episode: string };
  credits: ImdbPreviewCredit[];
  skipped: ImdbSkipped[];
  rowsRead: number;
}
interface ResumePreviewData {
  json: string;
  basics: ResumeBasics;
}

type ActionData =
  | { form: "csv"; stage: "upload" | "confirm"; result?: SubmissionResult<string[]>; preview?: CsvPreview }
  | {
      form: "imdb";
      stage: "upload" | "confirm";
      result?: SubmissionResult<string[]>;
      preview?: ImdbPreview;
      rowErrors?: ImdbRowError[];
      rowsRead?: number;
    }
  | { form: "resume"; stage: "upload" | "confirm"; result?: SubmissionResult<string[]>; preview?: ResumePreviewData }
  | { form: "unknown"; result: SubmissionResult<string[]> };

const HIDE = ["_csrf", "file", "principals", "basics", "episode", "csv", "json"];

/** Text of an uploaded file; null when it is not UTF-8. */
async function fileText(file: File): Promise<string | null> {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

/** `choices.r12.role` etc. from the confirm form, as the domain wants them. */
function csvChoices(value: { choices?: Record<string, { role?: string; format?: string; genres?: (string | undefined)[] }> }): CsvChoices {
  const out: CsvChoices = {};
  for (const [key, c] of Object.entries(value.choices ?? {})) {
    // A genre select left on "Leave it out" is sent as "-" (an empty value means "not chosen").
    out[Number(key.slice(1))] = {
      role: c.role,
      format: c.format,
      genres: c.genres?.map((g) => (g === "-" ? "" : g === "" ? undefined : g)),
    };
  }
  return out;
}

function csvPreviewData(p: Extract<Awaited<ReturnType<typeof previewImport>>, { ok: true }>): CsvPreview {
  return {
    csv: p.csv,
    rows: p.rows,
    validCount: p.validCount,
    errorCount: p.errorCount,
    unclearCount: p.unclearCount,
    duplicateCount: p.duplicateCount,
    newCount: p.newCount,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context, { maxBytes: MAX_IMPORT_BYTES });
  const actor = { id: user.id, role: user.role, ip: context.ip };
  const intent = form.get("intent");

  switch (intent) {
    case "preview": {
      const submission = parseSubmission(form, csvUploadSchema);
      if (submission.status !== "success") {
        return data<ActionData>(
          { form: "csv", stage: "upload", result: submission.reply({ formErrors: [NOTHING], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      const { file, csv } = submission.value;
      const source = file
        ? { kind: "file" as const, bytes: new Uint8Array(await file.arrayBuffer()) }
        : { kind: "text" as const, text: csv ?? "" };
      const preview = await previewImport(user.profileId, source);
      if (!preview.ok) {
        return data<ActionData>(
          { form: "csv", stage: "upload", result: submission.reply({ formErrors: [`${NOTHING} ${preview.message}`], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      return data<ActionData>({ form: "csv", stage: "upload", preview: csvPreviewData(preview) });
    }
    case "import": {
      const submission = parseSubmission(form, csvConfirmSchema);
      if (submission.status !== "success") {
        return data<ActionData>(
          { form: "csv", stage: "upload", result: submission.reply({ formErrors: [NOTHING], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      const { file, csv } = submission.value;
      const source = file
        ? { kind: "file" as const, bytes: new Uint8Array(await file.arrayBuffer()) }
        : { kind: "text" as const, text: csv ?? "" };
      const result = await commitImport(user.profileId, source, actor, csvChoices(submission.value));
      if (!result.ok && !result.unclear) {
        return data<ActionData>(
          { form: "csv", stage: "upload", result: submission.reply({ formErrors: [`${NOTHING} ${result.message}`], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      if (!result.ok) {
        const fieldErrors: Record<string, string[]> = {};
        for (const u of result.unclear ?? []) {
          for (const c of u.cells) {
            const name = c.column === "genre" ? `choices.r${u.row}.genres[${c.index}]` : `choices.r${u.row}.${c.column}`;
            fieldErrors[name] = [
              c.column === "genre"
                ? `Choose a genre for \u201c${c.input}\u201d, or leave it out.`
                : `Choose the ${c.column} for \u201c${c.input}\u201d.`,
            ];
          }
        }
        const preview = await previewImport(user.profileId, source);
        return data<ActionData>(
          {
            form: "csv",
            stage: "confirm",
            result: submission.reply({ formErrors: [result.message], fieldErrors, hideFields: HIDE }),
            preview: preview.ok ? csvPreviewData(preview) : undefined,
          },
          { status: 400 },
        );
      }
      const parts = [`Imported ${result.imported} new credit${result.imported === 1 ? "" : "s"}.`];
      if (result.duplicates > 0)
        parts.push(`${result.duplicates} row${result.duplicates === 1 ? " was" : "s were"} already on your profile and skipped.`);
      if (result.invalid > 0)
        parts.push(
          `${result.invalid} row${result.invalid === 1 ? "" : "s"} with errors ${result.invalid === 1 ? "was" : "were"} not imported.`,
        );
      return redirectWithFlash(request, "/me/profile/credits", parts.join(" "));
    }
    case "imdb-preview": {
      const submission = parseSubmission(form, imdbUploadSchema);
      if (submission.status !== "success")
        return data<ActionData>({ form: "imdb", stage: "upload", result: submission.reply({ hideFields: HIDE }) }, { status: 400 });
      const v = submission.value;
      const texts: Record<"principals" | "basics" | "episode", string> = { principals: "", basics: "", episode: "" };
      const fieldErrors: Record<string, string[]> = {};
      for (const kind of ["principals", "basics", "episode"] as const) {
        const file = v[kind];
        const text = file.size > MAX_IMDB_FILE_BYTES ? "" : await fileText(file);
        const problem = text === null ? checkImdbFile(kind, "\u0000", file.size) : checkImdbFile(kind, text, file.size);
        if (problem) fieldErrors[kind] = [problem.message];
        else texts[kind] = text ?? "";
      }
      if (Object.keys(fieldErrors).length > 0) {
        return data<ActionData>(
          { form: "imdb", stage: "upload", result: submission.reply({ fieldErrors, hideFields: HIDE }) },
          { status: 400 },
        );
      }
      const preview = await previewImdbImport(user.profileId, { nconst: v.nconst, ...texts });
      if (!preview.ok) {
        return data<ActionData>(
          {
            form: "imdb",
            stage: "upload",
            result: submission.reply({ formErrors: [preview.message], hideFields: HIDE }),
            rowErrors: preview.rowErrors,
            rowsRead: preview.rowsRead,
          },
          { status: 400 },
        );
      }
      return data<ActionData>({
        form: "imdb",
        stage: "upload",
        preview: { nconst: v.nconst, files: preview.files, credits: preview.credits, skipped: preview.skipped, rowsRead: preview.rowsRead },
      });
    }
    case "imdb-import": {
      const submission = parseSubmission(form, imdbConfirmSchema);
      if (submission.status !== "success") {
        return data<ActionData>(
          {
            form: "imdb",
            stage: "upload",
            result: submission.reply({
              formErrors: [`${NOTHING} The checked copy of the files is missing: upload them again.`],
              hideFields: HIDE,
            }),
          },
          { status: 400 },
        );
      }
      const v = submission.value;
      const formats: Record<string, string> = {};
      const roles: Record<string, string> = {};
      for (const c of v.credits) {
        if (c.format) formats[c.tconst] = c.format;
        if (c.role) roles[`${c.tconst}|${c.roleInput}`] = c.role;
      }
      const files = { principals: v.principals, basics: v.basics, episode: v.episode };
      const result = await importImdbCredits(user.profileId, { nconst: v.nconst, ...files, formats, roles }, actor);
      if (!result.ok) {
        const preview = await previewImdbImport(user.profileId, { nconst: v.nconst, ...files });
        if (!preview.ok) {
          return data<ActionData>(
            {
              form: "imdb",
              stage: "upload",
              result: submission.reply({ formErrors: [NOTHING], hideFields: HIDE }),
              rowErrors: preview.rowErrors,
              rowsRead: preview.rowsRead,
            },
            { status: 400 },
          );
        }
        const fieldErrors: Record<string, string[]> = {};
        preview.credits.forEach((c, i) => {
          const missing = result.needsChoice.some((d) => d.tconst === c.tconst && d.roleInput === c.roleInput);
          if (!missing) return;
          if (!formats[c.tconst] && !c.format) fieldErrors[`credits[${i}].format`] = [`Choose the format of ${c.showTitle}.`];
          if (!roles[`${c.tconst}|${c.roleInput}`] && !c.role)
            fieldErrors[`credits[${i}].role`] = [`Choose your role for \u201c${c.roleInput}\u201d.`];
        });
        const messages = result.rowErrors.map((e) => `${e.file}${e.line ? ` line ${e.line}` : ""}: ${e.message}`);
        if (result.code === "NEEDS_CHOICE") messages.unshift(result.message);
        return data<ActionData>(
          {
            form: "imdb",
            stage: "confirm",
            result: submission.reply({ formErrors: messages, fieldErrors, hideFields: HIDE }),
            preview: {
              nconst: v.nconst,
              files: preview.files,
              credits: preview.credits,
              skipped: preview.skipped,
              rowsRead: preview.rowsRead,
            },
          },
          { status: 400 },
        );
      }
      const message = [
        `Imported ${result.imported} credit${result.imported === 1 ? "" : "s"} from IMDb.`,
        result.duplicates > 0
          ? `${result.duplicates} ${result.duplicates === 1 ? "was" : "were"} already on your profile and skipped.`
          : "",
      ]
        .filter(Boolean)
        .join(" ");
      return redirectWithFlash(request, "/me/profile/credits", message);
    }
    case "resume-preview": {
      const submission = parseSubmission(form, resumeUploadSchema);
      if (submission.status !== "success")
        return data<ActionData>({ form: "resume", stage: "upload", result: submission.reply({ hideFields: HIDE }) }, { status: 400 });
      const { file, json } = submission.value;
      const text = file ? await fileText(file) : (json ?? "");
      if (text === null) {
        return data<ActionData>(
          {
            form: "resume",
            stage: "upload",
            result: submission.reply({ fieldErrors: { file: ["The file is not UTF-8 text."] }, hideFields: HIDE }),
          },
          { status: 400 },
        );
      }
      const preview = previewResume(text);
      if (!preview.ok) {
        return data<ActionData>(
          { form: "resume", stage: "upload", result: submission.reply({ formErrors: preview.errors, hideFields: HIDE }) },
          { status: 400 },
        );
      }
      return data<ActionData>({ form: "resume", stage: "upload", preview: { json: text, basics: preview.basics } });
    }
    case "resume-import": {
      const submission = parseSubmission(form, resumeConfirmSchema);
      if (submission.status !== "success") {
        return data<ActionData>(
          { form: "resume", stage: "upload", result: submission.reply({ formErrors: [NOTHING], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      const result = await applyResume(user.profileId, submission.value.json, actor);
      if (!result.ok) {
        return data<ActionData>(
          { form: "resume", stage: "upload", result: submission.reply({ formErrors: [NOTHING, ...result.errors], hideFields: HIDE }) },
          { status: 400 },
        );
      }
      return redirectWithFlash(
        request,
        "/me/profile",
        `Your profile was updated from your JSON Resume (${result.fields.map((f) => RESUME_FIELDS[f]).join(", ")}).`,
      );
    }
    default:
      return data<ActionData>({ form: "unknown", result: refusalResult({ _form: ["Unknown action."] }) }, { status: 400 });
  }
}

const RESUME_FIELDS: Record<keyof ResumeBasics, string> = {
  displayName: "name",
  headline: "headline",
  bio: "bio",
  location: "location",
  links: "links",
};

const PREVIEW_LIMIT = 500;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "We read “Teleplay by” as Writer." under a cell; nothing when the label was written exactly as we name it. */
function Reading({ children }: { children: string | null }) {
  if (!children) return null;
  return <span className="small muted read-as"> {children}</span>;
}

/** A value as it will be stored, with what was typed beside it when the two differ. */
function CsvReading({ kind, typed, stored }: { kind: "role" | "format" | "genre"; typed: string | undefined; stored: string }) {
  const reading = kind === "role" ? readRole(typed) : kind === "format" ? readFormat(typed) : readGenre(typed);
  const sentence = describeReading(kind, reading);
  return (
    <>
      {stored}
      {sentence && <span className="small muted read-as"> (you wrote “{typed}”)</span>}
    </>
  );
}

/** A cell of a row that will not be imported as it is: still say how its label reads. */
function RawReading({ kind, typed }: { kind: "role" | "format"; typed: string | undefined }) {
  const reading = kind === "role" ? readRole(typed) : readFormat(typed);
  if (!reading.key || !reading.label) return <>{typed}</>;
  return <CsvReading kind={kind} typed={typed} stored={reading.label} />;
}

function RawGenres({ typed }: { typed: string | undefined }) {
  const parts = (typed ?? "")
    .split(/[,;|]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p, i) => {
        const r = readGenre(p);
        return (
          <span key={`${p}${i}`}>
            {i > 0 ? "; " : ""}
            {r.key ? genreLabel(r.key) : null}
            {r.key && describeReading("genre", r) ? <span className="small muted read-as"> (you wrote “{p}”)</span> : null}
            {r.key ? null : <span className="small read-as unclear">{`\u201c${p}\u201d: not understood`}</span>}
          </span>
        );
      })}
    </>
  );
}

function fieldError(result: SubmissionResult<string[]> | undefined, name: string): string | undefined {
  return result?.error?.[name]?.[0] ?? undefined;
}

function initialAt(result: SubmissionResult<string[]> | undefined, path: (string | number)[]): string | undefined {
  let v: unknown = result?.initialValue;
  for (const p of path) {
    if (!v || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return typeof v === "string" ? v : undefined;
}

/** One select for a label we did not understand (or a reading the person may correct). */
function ChoiceSelect(props: {
  id: string;
  name: string;
  label: string;
  empty: string;
  options?: readonly { value: string; label: string }[];
  groups?: readonly { label: string; options: readonly { value: string; label: string }[] }[];
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
  autoFocus?: boolean;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field choice">
      <label htmlFor={props.id} className="small">
        {props.label}
      </label>
      {props.hint && (
        <span className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        autoFocus={props.autoFocus}
      >
        <option value="">{props.empty}</option>
        {props.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

const FORMAT_OPTIONS = FORMATS.map((f) => ({ value: f.key, label: f.label }));
const GENRE_OPTIONS = [{ value: "-", label: "Leave it out" }, ...GENRES.map((g) => ({ value: g.key, label: g.label }))];

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

function csvRowStatus(r: PreviewRow) {
  if (r.errors.length > 0) {
    return (
      <ul className="field-error small">
        {r.errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    );
  }
  if (r.unclear.length > 0) return <strong>Choose below</strong>;
  if (r.duplicateOf === "profile") return <span className="muted">Already on your profile: skipped</span>;
  if (r.duplicateOf === "file") return <span className="muted">Repeated in this file: skipped</span>;
  return <strong>New</strong>;
}

/** The cell of an unclear label: what was written, why it is unclear, and the select. */
function UnclearChoice({ row, cell, result }: { row: number; cell: PreviewRow["unclear"][number]; result?: SubmissionResult<string[]> }) {
  const name = cell.column === "genre" ? `choices.r${row}.genres[${cell.index}]` : `choices.r${row}.${cell.column}`;
  const path = cell.column === "genre" ? ["choices", `r${row}`, "genres", cell.index] : ["choices", `r${row}`, cell.column];
  const sentence = describeReading(cell.column, { input: cell.input, key: null, label: null, confidence: "unknown", note: cell.note });
  return (
    <ChoiceSelect
      id={`csv-confirm-${name}`}
      name={name}
      label={`Row ${row}: ${cell.column} for \u201c${cell.input}\u201d`}
      hint={sentence}
      empty={cell.column === "genre" ? "Choose a genre…" : `Choose a ${cell.column}…`}
      options={cell.column === "format" ? FORMAT_OPTIONS : cell.column === "genre" ? GENRE_OPTIONS : undefined}
      groups={cell.column === "role" ? roleOptionGroups() : undefined}
      defaultValue={initialAt(result, path)}
      error={fieldError(result, name)}
    />
  );
}

function CsvPreviewSection({ preview, result }: { preview: CsvPreview; result?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state !== "idle";
  const [form] = useAppForm({ id: "csv-confirm", schema: csvConfirmSchema, lastResult: result });
  const toImport = preview.newCount + preview.unclearCount;
  const parts = [
    plural(preview.newCount, "new credit"),
    preview.unclearCount > 0 ? `${plural(preview.unclearCount, "row")} with a label to choose` : "",
    preview.duplicateCount > 0 ? `${plural(preview.duplicateCount, "row")} already on your profile or repeated (skipped)` : "",
    preview.errorCount > 0 ? `${plural(preview.errorCount, "row")} with errors (skipped)` : "",
  ].filter(Boolean);
  const rows = [...preview.rows].sort((a, b) => Number(a.valid) - Number(b.valid) || a.row - b.row).slice(0, PREVIEW_LIMIT);
  const unclearRows = preview.rows.filter((r) => r.errors.length === 0 && r.unclear.length > 0);
  const choiceLabels: Record<string, string> = {};
  for (const r of unclearRows) {
    for (const c of r.unclear) {
      const name = c.column === "genre" ? `choices.r${r.row}.genres[${c.index}]` : `choices.r${r.row}.${c.column}`;
      choiceLabels[name] = `Row ${r.row}: ${c.column} for \u201c${c.input}\u201d`;
    }
  }
  return (
    <section className="stack card span-all" aria-labelledby="preview-h">
      <h2 id="preview-h">Preview: how each row will be read</h2>
      <p role="status">
        {`${plural(preview.rows.length, "row")}: `}
        {parts.join(", ")}.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="import" />
        <input type="hidden" name="csv" value={preview.csv} />
        <FormErrors form={form} labels={choiceLabels} />
        {unclearRows.length > 0 && (
          <fieldset className="stack">
            <legend>Labels we did not understand: choose what each one means</legend>
            {unclearRows.map((r) =>
              r.unclear.map((cell) => (
                <UnclearChoice key={`${r.row}-${cell.column}-${cell.index}`} row={r.row} cell={cell} result={result} />
              )),
            )}
          </fieldset>
        )}
        {toImport > 0 ? (
          <p>
            <button type="submit" disabled={busy}>
              {`Import ${plural(toImport, "new credit")}`}
            </button>
          </p>
        ) : preview.validCount > 0 ? (
          <p className="alert ok">Every valid row is already on your profile: there is nothing new to import.</p>
        ) : (
          <p className="alert warn">No row is valid yet. Fix the errors below and upload the file again.</p>
        )}
      </Form>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard */}
      <section style={{ overflowX: "auto" }} tabIndex={0} aria-label="Rows in the file">
        <table>
          <caption className="visually-hidden">Rows in the file, as they will be stored</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Show</th>
              <th scope="col">Role</th>
              <th scope="col">Format</th>
              <th scope="col">Genres</th>
              <th scope="col">Years</th>
              <th scope="col">Episodes</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = r.credit;
              const unclear = (col: "role" | "format" | "genre") => r.unclear.filter((u) => u.column === col);
              const notUnderstood = (col: "role" | "format" | "genre") =>
                unclear(col).map((u) => (
                  <span key={`${col}${u.index}`} className="small read-as unclear">
                    {` \u201c${u.input}\u201d: not understood, choose above`}
                  </span>
                ));
              // How a role or format cell was read: as stored, not understood (a choice is needed), or as typed.
              const labelCell = (kind: "role" | "format", stored: string | null) =>
                stored !== null ? (
                  <CsvReading kind={kind} stored={stored} typed={r.values[kind]} />
                ) : unclear(kind).length ? (
                  notUnderstood(kind)
                ) : (
                  <RawReading kind={kind} typed={r.values[kind]} />
                );
              return (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>
                    {c ? c.showTitle : r.values.show_title}
                    {c?.network ? <span className="small muted"> · {c.network}</span> : null}
                  </td>
                  <td>{labelCell("role", c ? roleLabel(c.role) : null)}</td>
                  <td>{labelCell("format", c ? formatLabel(c.format) : null)}</td>
                  <td>
                    {c ? (
                      <>
                        {c.genres.map(genreLabel).join("; ") || "none"}
                        {r.values.genres && c.genres.map(genreLabel).join("; ").toLowerCase() !== r.values.genres.toLowerCase() && (
                          <span className="small muted read-as"> (you wrote “{r.values.genres}”)</span>
                        )}
                      </>
                    ) : (
                      <RawGenres typed={r.values.genres} />
                    )}
                  </td>
                  <td>
                    {c ? `${c.startYear}–${c.endYear ?? "present"}` : `${r.values.start_year ?? ""}–${r.values.end_year || "present"}`}
                  </td>
                  <td>{c ? c.episodes : r.values.episodes}</td>
                  <td>{csvRowStatus(r)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {preview.rows.length > PREVIEW_LIMIT && (
        <p className="muted small">
          Showing rows with errors first and the first {PREVIEW_LIMIT} rows in total; all {preview.rows.length} are checked.
        </p>
      )}
    </section>
  );
}

function CsvUploadForm({ result, hasPreview }: { result?: SubmissionResult<string[]>; hasPreview: boolean }) {
  const upload = useUploadWithProgress();
  const busy = useNavigation().state !== "idle" || upload.busy;
  const [form, fields] = useAppForm({ id: "csv-upload", schema: csvUploadSchema, lastResult: result });
  const formProps = getFormProps(form);
  const first = firstErrorField(result, ["file", "csv"]);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    formProps.onSubmit(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    void upload.start(new FormData(e.currentTarget));
  }
  return (
    <section className="stack card" aria-labelledby="upload-h">
      <h2 id="upload-h">{hasPreview ? "Upload a corrected CSV" : "From a spreadsheet (CSV)"}</h2>
      <p className="small">
        Save your spreadsheet as <strong>CSV UTF-8</strong> with the columns listed below. Up to {MAX_CSV_ROWS.toLocaleString("en-US")} rows
        and 2 MB.{" "}
        <a href="/credits/template.csv" download>
          Download the template
        </a>
        .
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...formProps} onSubmit={onSubmit}>
        <CsrfInput />
        <input type="hidden" name="intent" value="preview" />
        <FormErrors form={form} labels={{ file: "CSV file", csv: "CSV text" }} />
        <FileField field={fields.file} label="CSV file" accept=".csv,text/csv" autoFocus={first === "file"} />
        <TextareaField field={fields.csv} label="…or paste the CSV text" rows={5} autoFocus={first === "csv"} />
        <UploadProgress state={upload.state} id="csv-progress" />
        <p>
          <button type="submit" disabled={busy}>
            Check the file
          </button>
        </p>
      </Form>
    </section>
  );
}

/** A file input on Conform's field metadata (value never kept: browsers cannot refill file inputs). */
function FileField({
  field,
  label,
  accept,
  hint,
  autoFocus,
  required,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: Conform's field metadata is generic over every schema
  field: any;
  label: string;
  accept: string;
  hint?: ReactNode;
  autoFocus?: boolean;
  required?: boolean;
}) {
  const errors: string[] | undefined = field.errors;
  const describedBy = [hint ? field.descriptionId : "", errors?.length ? field.errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? "" : <span className="muted small"> (optional)</span>}
      </label>
      {hint && (
        <span className="hint" id={field.descriptionId}>
          {hint}
        </span>
      )}
      <input
        id={field.id}
        name={field.name}
        type="file"
        accept={accept}
        autoFocus={autoFocus}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      {errors?.length ? (
        <p className="field-error" id={field.errorId}>
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------
// IMDb
// ---------------------------------------------------------------------------

function years(c: { startYear: number | null; endYear: number | null }) {
  if (c.startYear === null) return "unknown";
  return c.endYear === null || c.endYear === c.startYear ? String(c.startYear) : `${c.startYear}–${c.endYear}`;
}

function ImdbPreviewSection({ preview, result }: { preview: ImdbPreview; result?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state !== "idle";
  const [form] = useAppForm({ id: "imdb-confirm", schema: imdbConfirmSchema, lastResult: result });
  const fresh = preview.credits.filter((c) => !c.duplicate);
  const toChoose = preview.credits.filter((c) => c.role === null || c.format === null).length;
  const duplicates = preview.credits.length - fresh.length;
  const firstError = Object.keys(result?.error ?? {}).find((k) => k.startsWith("credits["));
  const choiceLabels: Record<string, string> = {};
  preview.credits.forEach((c, i) => {
    choiceLabels[`credits[${i}].role`] = `Your role on ${c.showTitle}`;
    choiceLabels[`credits[${i}].format`] = `Format of ${c.showTitle}`;
  });
  return (
    <section className="stack card span-all" aria-labelledby="imdb-preview-h">
      <h2 id="imdb-preview-h">Preview: your IMDb credits as we read them</h2>
      <p role="status">
        {`Read ${plural(preview.rowsRead, "row")} for ${preview.nconst}: `}
        {[
          plural(preview.credits.length, "credit"),
          toChoose > 0 ? `${plural(toChoose, "credit")} with a label to choose` : "",
          duplicates > 0 ? `${plural(duplicates, "credit")} already on your profile (skipped)` : "",
          preview.skipped.length > 0
            ? `${plural(preview.skipped.length, "row")} that ${preview.skipped.length === 1 ? "is" : "are"} not work credits (skipped)`
            : "",
        ]
          .filter(Boolean)
          .join(", ")}
        .
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="imdb-import" />
        <input type="hidden" name="nconst" value={preview.nconst} />
        <input type="hidden" name="principals" value={preview.files.principals} />
        <input type="hidden" name="basics" value={preview.files.basics} />
        <input type="hidden" name="episode" value={preview.files.episode} />
        <FormErrors form={form} labels={choiceLabels} />
        <ol className="imdb-credits stack" aria-label="Credits read from IMDb">
          {preview.credits.map((c, i) => {
            const roleSentence = c.role ? describeReading("role", readRole(c.roleInput)) : null;
            const formatReading = readFormat(c.titleType);
            const formatSentence = c.format ? describeReading("format", formatReading) : null;
            const roleName = `credits[${i}].role`;
            const formatName = `credits[${i}].format`;
            return (
              <li key={`${c.tconst}|${c.roleInput}`} className={`imdb-credit${c.duplicate ? " duplicate" : ""}`}>
                <input type="hidden" name={`credits[${i}].tconst`} value={c.tconst} />
                <input type="hidden" name={`credits[${i}].roleInput`} value={c.roleInput} />
                <h3 className="imdb-credit-title">
                  {c.showTitle} <span className="small muted">({c.tconst})</span>
                </h3>
                <p className="small">
                  <strong>{plural(c.episodes, "episode")}</strong> · {years(c)}
                  {c.duplicate && <strong className="pill warn"> Already on your profile: will be skipped</strong>}
                </p>
                <dl className="readings small">
                  <dt>Role</dt>
                  <dd>
                    {c.role ? (
                      <>
                        {c.roleLabel}
                        <Reading>{roleSentence ?? `IMDb says \u201c${c.roleInput}\u201d.`}</Reading>
                      </>
                    ) : (
                      <span className="unclear">{describeReading("role", readRole(c.roleInput))}</span>
                    )}
                  </dd>
                  <dt>Format</dt>
                  <dd>
                    {c.format ? (
                      <>
                        {formatLabel(c.format)}
                        <Reading>{formatSentence}</Reading>
                      </>
                    ) : (
                      <span className="unclear">{c.formatNote}</span>
                    )}
                  </dd>
                  <dt>Genres</dt>
                  <dd>
                    {c.genreInputs.length === 0
                      ? "none given"
                      : c.genreInputs.map((g, gi) => {
                          const r = readGenre(g);
                          return (
                            <span key={g}>
                              {gi > 0 ? ", " : ""}
                              {r.key ? genreLabel(r.key) : <span className="unclear">{`\u201c${g}\u201d not understood: left out`}</span>}
                              {r.key && describeReading("genre", r) ? <span className="muted"> (IMDb: {g})</span> : null}
                            </span>
                          );
                        })}
                  </dd>
                </dl>
                {!c.duplicate && (
                  <div className="row choices">
                    <ChoiceSelect
                      id={`imdb-confirm-${roleName}`}
                      name={roleName}
                      label={c.role ? `Role on ${c.showTitle} (change if needed)` : `Your role on ${c.showTitle}`}
                      empty={c.role ? `Keep: ${c.roleLabel}` : "Choose a role…"}
                      groups={roleOptionGroups()}
                      defaultValue={initialAt(result, ["credits", i, "role"])}
                      error={fieldError(result, roleName)}
                      autoFocus={firstError === roleName}
                    />
                    <ChoiceSelect
                      id={`imdb-confirm-${formatName}`}
                      name={formatName}
                      label={c.format ? `Format of ${c.showTitle} (change if needed)` : `Format of ${c.showTitle}`}
                      empty={c.format ? `Keep: ${formatLabel(c.format)}` : "Choose a format…"}
                      options={FORMAT_OPTIONS}
                      defaultValue={initialAt(result, ["credits", i, "format"])}
                      error={fieldError(result, formatName)}
                      autoFocus={firstError === formatName}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        {preview.skipped.length > 0 && (
          <details>
            <summary>{plural(preview.skipped.length, "row")} skipped</summary>
            <ul className="small">
              {preview.skipped.map((s) => (
                <li key={`${s.tconst}${s.category}`}>
                  {s.tconst} ({s.category}): {s.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
        {fresh.length > 0 ? (
          <p>
            <button type="submit" disabled={busy}>
              {`Import ${plural(fresh.length, "credit")} from IMDb`}
            </button>
          </p>
        ) : (
          <p className="alert ok">Every credit in these files is already on your profile: there is nothing new to import.</p>
        )}
      </Form>
    </section>
  );
}

function ImdbRowErrors({ errors, rowsRead }: { errors: ImdbRowError[]; rowsRead?: number }) {
  return (
    <section className="alert error span-all" aria-labelledby="imdb-errors-h">
      <h2 id="imdb-errors-h">Nothing was imported: {plural(errors.length, "problem")} in the IMDb files</h2>
      {rowsRead !== undefined && <p className="small">Read {plural(rowsRead, "row")}.</p>}
      <ul className="row-errors">
        {errors.map((e) => (
          <li key={`${e.file}:${e.line}:${e.message}`}>
            <strong>
              {e.file}
              {e.line > 0 ? `, line ${e.line}` : ""}
            </strong>
            : {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ImdbUploadForm({ result }: { result?: SubmissionResult<string[]> }) {
  const upload = useUploadWithProgress();
  const busy = useNavigation().state !== "idle" || upload.busy;
  const [form, fields] = useAppForm({ id: "imdb-upload", schema: imdbUploadSchema, lastResult: result });
  const formProps = getFormProps(form);
  const first = firstErrorField(result, ["nconst", "principals", "basics", "episode"]);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    formProps.onSubmit(e);
    if (e.defaultPrevented) return;
    e.preventDefault();
    void upload.start(new FormData(e.currentTarget));
  }
  return (
    <section className="stack card" aria-labelledby="imdb-h">
      <h2 id="imdb-h">From IMDb&rsquo;s datasets</h2>
      <p className="small">
        IMDb publishes its credits as tab-separated files (<code>title.principals.tsv</code>, <code>title.basics.tsv</code>,{" "}
        <code>title.episode.tsv</code>). Upload the rows for your name id and the titles they name; other people&rsquo;s rows are ignored.
        We count your episodes per show, read your role and the genres, and ask you for anything IMDb does not say. Up to{" "}
        {MAX_IMDB_FILE_BYTES / 1_000_000} MB per file.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...formProps} onSubmit={onSubmit}>
        <CsrfInput />
        <input type="hidden" name="intent" value="imdb-preview" />
        <FormErrors
          form={form}
          labels={{ nconst: "IMDb name id", principals: "title.principals.tsv", basics: "title.basics.tsv", episode: "title.episode.tsv" }}
        />
        <InputField
          field={fields.nconst}
          label="Your IMDb name id"
          required
          hint="Like nm0000123: it is in the address of your IMDb page."
          maxLength={20}
          autoComplete="off"
          autoFocus={first === "nconst"}
        />
        <FileField
          field={fields.principals}
          label="title.principals.tsv"
          accept=".tsv,.txt,text/tab-separated-values,text/plain"
          required
          autoFocus={first === "principals"}
        />
        <FileField
          field={fields.basics}
          label="title.basics.tsv"
          accept=".tsv,.txt,text/tab-separated-values,text/plain"
          required
          autoFocus={first === "basics"}
        />
        <FileField
          field={fields.episode}
          label="title.episode.tsv"
          accept=".tsv,.txt,text/tab-separated-values,text/plain"
          required
          autoFocus={first === "episode"}
        />
        <UploadProgress state={upload.state} id="imdb-progress" />
        <p>
          <button type="submit" disabled={busy}>
            Check the IMDb files
          </button>
        </p>
      </Form>
    </section>
  );
}

// ---------------------------------------------------------------------------
// JSON Resume
// ---------------------------------------------------------------------------

function ResumePreviewSection({ preview, result }: { preview: ResumePreviewData; result?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state !== "idle";
  const [form] = useAppForm({ id: "resume-confirm", schema: resumeConfirmSchema, lastResult: result });
  const b = preview.basics;
  const rows: [string, string, ReactNode][] = [];
  if (b.displayName !== undefined) rows.push(["Name", "basics.name", b.displayName]);
  if (b.headline !== undefined) rows.push(["Headline", "basics.label", b.headline]);
  if (b.location !== undefined) rows.push(["Location", "basics.location", b.location]);
  if (b.bio !== undefined) rows.push(["Bio", "basics.summary", b.bio]);
  if (b.links !== undefined) rows.push(["Links", "basics.url, basics.profiles", b.links.join(" · ")]);
  return (
    <section className="stack card span-all" aria-labelledby="resume-preview-h">
      <h2 id="resume-preview-h">Preview: your JSON Resume as we read it</h2>
      <p role="status">
        These fields of your profile will be replaced. Credits are not read from a JSON Resume: import them from a CSV or IMDb.
      </p>
      <dl className="readings">
        {rows.map(([label, from, value]) => (
          <div key={label}>
            <dt>
              {label} <span className="small muted">(from {from})</span>
            </dt>
            <dd className="wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="resume-import" />
        <input type="hidden" name="json" value={preview.json} />
        <FormErrors form={form} labels={{}} />
        <p>
          <button type="submit" disabled={busy}>
            Update my profile
          </button>
        </p>
      </Form>
    </section>
  );
}

function ResumeUploadForm({ result }: { result?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useAppForm({ id: "resume-upload", schema: resumeUploadSchema, lastResult: result });
  const first = firstErrorField(result, ["file", "json"]);
  return (
    <section className="stack card" aria-labelledby="resume-h">
      <h2 id="resume-h">Profile basics from a JSON Resume</h2>
      <p className="small">
        A <a href="https://jsonresume.org/schema">JSON Resume</a> document fills in your name, headline, bio, location and links. You can{" "}
        <a href="/me/data/resume.json">download your profile as JSON Resume</a> too.
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="resume-preview" />
        <FormErrors form={form} labels={{ file: "JSON Resume file", json: "JSON Resume text" }} />
        <FileField field={fields.file} label="JSON Resume file" accept=".json,application/json" autoFocus={first === "file"} />
        <TextareaField field={fields.json} label="…or paste the JSON" rows={4} autoFocus={first === "json"} />
        <p>
          <button type="submit" disabled={busy}>
            Check the JSON Resume
          </button>
        </p>
      </Form>
    </section>
  );
}

export default function ImportPage() {
  const answer = useActionData<typeof action>() as ActionData | undefined;
  const csv = answer?.form === "csv" ? answer : undefined;
  const imdb = answer?.form === "imdb" ? answer : undefined;
  const resume = answer?.form === "resume" ? answer : undefined;
  return (
    <div className="split">
      {answer?.form === "unknown" && (
        <div className="alert error" role="alert">
          <p>Unknown action.</p>
        </div>
      )}
      {imdb?.rowErrors && <ImdbRowErrors errors={imdb.rowErrors} rowsRead={imdb.rowsRead} />}
      {imdb?.preview && <ImdbPreviewSection preview={imdb.preview} result={imdb.stage === "confirm" ? imdb.result : undefined} />}
      {csv?.preview && <CsvPreviewSection preview={csv.preview} result={csv.stage === "confirm" ? csv.result : undefined} />}
      {resume?.preview && <ResumePreviewSection preview={resume.preview} result={resume.stage === "confirm" ? resume.result : undefined} />}

      <CsvUploadForm result={csv?.stage === "upload" ? csv.result : undefined} hasPreview={Boolean(csv?.preview)} />
      <ImdbUploadForm result={imdb?.stage === "upload" ? imdb.result : undefined} />
      <ResumeUploadForm result={resume?.stage === "upload" ? resume.result : undefined} />

      <section className="stack" aria-labelledby="columns-h">
        <h2 id="columns-h">CSV columns</h2>
        <table>
          <caption className="visually-hidden">CSV columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Required</th>
              <th scope="col">What to put in it</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.required ? "Yes" : "No"}</td>
                <td className="small">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Rows that match a credit already on your profile (imported before or added by hand) are skipped, so importing the same file again
          adds nothing twice. Lines starting with <code>#</code> are ignored: the template&rsquo;s examples are written that way. A role,
          format or genre we do not understand is never guessed: the preview asks you to choose.{" "}
          <Link to="/me/profile/credits">See your credits</Link>.
        </p>
      </section>
    </div>
  );
}

/** Errors thrown before the action runs (body over the size limit, expired CSRF token). */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 413
      ? `The upload is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB in total. Keep only the rows for your name id, or split the file, and upload again.`
      : isRouteErrorResponse(error) && typeof error.data?.message === "string"
        ? error.data.message
        : "Something went wrong on our side. Please try again.";
  return (
    <div className="alert error" role="alert">
      <p>
        <strong>Nothing was imported.</strong> {message}
      </p>
      <p>
        <a href="/me/profile/import">Back to the import page</a>
      </p>
    </div>
  );
}
