/**
 * CSV import of credits: upload (or paste) → preview with per-row errors → "Import N new
 * rows" in one transaction. The preview round-trips the checked CSV text in a hidden field
 * (posted as multipart, so it is not percent-encoded), so it works without JavaScript; the
 * server validates it again on import.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useNavigation, useRouteError } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { CSV_COLUMNS, MAX_CSV_ROWS } from "../domain/profile";
import { formatLabel, genreLabel, normaliseLabel, roleLabel } from "../domain/taxonomy";
import { readForm } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { type PreviewRow, commitImport, csvSourceFromForm, previewImport } from "../services/credit-import.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireProfessional(request);
  return null;
}

type ActionResult =
  | { kind: "error"; error: string }
  | {
      kind: "preview";
      csv: string;
      rows: PreviewRow[];
      validCount: number;
      errorCount: number;
      duplicateCount: number;
      newCount: number;
    }
  | { kind: "imported"; imported: number; duplicates: number; invalid: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  const source = await csvSourceFromForm(form);
  if (!source) {
    return data<ActionResult>({ kind: "error", error: "Choose a CSV file to upload, or paste the CSV text." }, { status: 400 });
  }
  if (intent === "import") {
    const result = await commitImport(user.profileId, source, { id: user.id, role: user.role, ip: context.ip });
    if (!result.ok) return data<ActionResult>({ kind: "error", error: result.error }, { status: 400 });
    return data<ActionResult>({ kind: "imported", imported: result.imported, duplicates: result.duplicates, invalid: result.invalid });
  }
  const preview = await previewImport(user.profileId, source);
  if (!preview.ok) return data<ActionResult>({ kind: "error", error: preview.error }, { status: 400 });
  return data<ActionResult>({
    kind: "preview",
    csv: preview.csv,
    rows: preview.rows,
    validCount: preview.validCount,
    errorCount: preview.errorCount,
    duplicateCount: preview.duplicateCount,
    newCount: preview.newCount,
  });
}

const PREVIEW_LIMIT = 500;

/** A value as it will be stored, with what was typed beside it when the two differ. */
function Read({ stored, typed }: { stored: string; typed: string | undefined }) {
  const differs = typed !== undefined && typed.trim() !== "" && normaliseLabel(typed) !== normaliseLabel(stored);
  return (
    <>
      {stored}
      {differs && <span className="small muted read-as"> (you wrote “{typed}”)</span>}
    </>
  );
}

function rowStatus(r: PreviewRow) {
  if (!r.valid) {
    return (
      <ul className="field-error small">
        {r.errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    );
  }
  if (r.duplicateOf === "profile") return <span className="muted">Already on your profile: skipped</span>;
  if (r.duplicateOf === "file") return <span className="muted">Repeated in this file: skipped</span>;
  return <strong>New</strong>;
}

function Preview({ result, busy }: { result: Extract<ActionResult, { kind: "preview" }>; busy: boolean }) {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    `${plural(result.newCount, "new credit")}`,
    result.duplicateCount > 0 ? `${plural(result.duplicateCount, "row")} already on your profile or repeated (skipped)` : "",
    result.errorCount > 0 ? `${plural(result.errorCount, "row")} with errors (skipped)` : "",
  ].filter(Boolean);
  return (
    <section className="stack card span-all" aria-labelledby="preview-h">
      <h2 id="preview-h">Preview: how each row will be read</h2>
      <p role="status">
        {`${plural(result.rows.length, "row")}: `}
        {parts.join(", ")}.
      </p>
      {result.newCount > 0 ? (
        <Form method="post" encType="multipart/form-data">
          <CsrfInput />
          <input type="hidden" name="csv" value={result.csv} />
          <button type="submit" name="intent" value="import" disabled={busy}>
            {`Import ${plural(result.newCount, "new credit")}`}
          </button>
        </Form>
      ) : result.validCount > 0 ? (
        <p className="alert ok">Every valid row is already on your profile: there is nothing new to import.</p>
      ) : (
        <p className="alert warn">No row is valid yet. Fix the errors below and upload the file again.</p>
      )}
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
            {[...result.rows]
              .sort((a, b) => Number(a.valid) - Number(b.valid) || a.row - b.row)
              .slice(0, PREVIEW_LIMIT)
              .map((r) => {
                const c = r.credit;
                return (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>
                      {c ? c.showTitle : r.values.show_title}
                      {c?.network ? <span className="small muted"> · {c.network}</span> : null}
                    </td>
                    <td>{c ? <Read stored={roleLabel(c.role)} typed={r.values.role} /> : r.values.role}</td>
                    <td>{c ? <Read stored={formatLabel(c.format)} typed={r.values.format} /> : r.values.format}</td>
                    <td>{c ? <Read stored={c.genres.map(genreLabel).join("; ") || "none"} typed={r.values.genres} /> : r.values.genres}</td>
                    <td>{c ? `${c.startYear}–${c.endYear ?? "present"}` : `${r.values.start_year ?? ""}–${r.values.end_year || "present"}`}</td>
                    <td>{c ? c.episodes : r.values.episodes}</td>
                    <td>{rowStatus(r)}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>
      {result.rows.length > PREVIEW_LIMIT && (
        <p className="muted small">
          Showing rows with errors first and the first {PREVIEW_LIMIT} rows in total; all {result.rows.length} are checked.
        </p>
      )}
    </section>
  );
}

export default function ImportPage() {
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="split">
      <section className="stack" aria-labelledby="import-h">
        <h2 id="import-h">Import credits from a spreadsheet</h2>
        <p>
          Save your spreadsheet as <strong>CSV UTF-8</strong> with these columns in the first row (any order). Up to{" "}
          {MAX_CSV_ROWS.toLocaleString("en-US")} rows and 2 MB. <a href="/credits/template.csv" download>Download the template</a>.
        </p>
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
          Rows that match a credit already on your profile (imported before or added by hand) are skipped, so importing the same file again adds
          nothing twice. Lines starting with <code>#</code> are ignored: the template's examples are written that way.
        </p>
      </section>

      {result?.kind === "error" && (
        <div className="alert error" role="alert">
          <p>
            <strong>Nothing was imported.</strong> {result.error}
          </p>
        </div>
      )}
      {result?.kind === "imported" && (
        <div className="alert ok" role="status">
          <p>
            {`Imported ${result.imported} new credit${result.imported === 1 ? "" : "s"}.`}
            {result.duplicates > 0 && ` ${result.duplicates} row${result.duplicates === 1 ? " was" : "s were"} already on your profile and skipped.`}
            {result.invalid > 0 && ` ${result.invalid} row${result.invalid === 1 ? "" : "s"} with errors ${result.invalid === 1 ? "was" : "were"} not imported.`}
          </p>
          <p>
            <Link to="/me/profile/credits">See your credits</Link> · <Link to="/me/profile/transfer">See your transfer profile</Link>
          </p>
        </div>
      )}

      {result?.kind === "preview" && <Preview result={result} busy={busy} />}

      <section className="stack" aria-labelledby="upload-h">
        <h2 id="upload-h">{result?.kind === "preview" ? "Upload a corrected file" : "Upload"}</h2>
        <Form method="post" encType="multipart/form-data" className="stack">
          <CsrfInput />
          <div className="field">
            <label htmlFor="f-file">CSV file</label>
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className="field">
            <label htmlFor="f-csv">…or paste the CSV text</label>
            <textarea id="f-csv" name="csv" rows={6} />
          </div>
          <p>
            <button type="submit" name="intent" value="preview" disabled={busy}>
              Check the file
            </button>
          </p>
        </Form>
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
      ? "The file is larger than 2 MB. Split it into smaller files and upload them one by one."
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
