/**
 * CSV import of credits: upload (or paste) → preview with per-row errors → "Import N valid
 * rows" in one transaction. The preview round-trips the checked CSV text in a hidden field
 * (posted as multipart, so it is not percent-encoded), so it works without JavaScript; the
 * server validates it again on import.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useNavigation, useRouteError } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { CSV_COLUMNS, MAX_CSV_ROWS } from "../domain/profile";
import { readForm } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { commitImport, csvSourceFromForm, previewImport } from "../services/credit-import.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireProfessional(request);
  return null;
}

type ActionResult =
  | { kind: "error"; error: string }
  | {
      kind: "preview";
      csv: string;
      rows: { row: number; values: Record<string, string | undefined>; errors: string[]; valid: boolean; duplicate: boolean }[];
      validCount: number;
      errorCount: number;
      duplicateCount: number;
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
  });
}

const PREVIEW_LIMIT = 500;

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
        <p className="muted small">Importing the same file again adds nothing twice: rows you already imported are skipped.</p>
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

      {result?.kind === "preview" && (
        <section className="stack card span-all" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          <p role="status">
            {`${result.rows.length} row${result.rows.length === 1 ? "" : "s"}: `}
            <strong>{`${result.validCount} valid`}</strong>
            {result.errorCount > 0 && `, ${result.errorCount} with errors (they will be skipped)`}
            {result.duplicateCount > 0 && `, ${result.duplicateCount} already on your profile`}.
          </p>
          {result.validCount > 0 ? (
            <Form method="post" encType="multipart/form-data">
              <CsrfInput />
              <input type="hidden" name="csv" value={result.csv} />
              <button type="submit" name="intent" value="import" disabled={busy}>
                {`Import ${result.validCount} valid row${result.validCount === 1 ? "" : "s"}`}
              </button>
            </Form>
          ) : (
            <p className="alert warn">No row is valid yet. Fix the errors below and upload the file again.</p>
          )}
          <table>
            <caption className="visually-hidden">Rows in the file</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Show</th>
                <th scope="col">Role</th>
                <th scope="col">Format</th>
                <th scope="col">Years</th>
                <th scope="col">Episodes</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {[...result.rows]
                .sort((a, b) => Number(a.valid) - Number(b.valid) || a.row - b.row)
                .slice(0, PREVIEW_LIMIT)
                .map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{r.values.show_title}</td>
                    <td>{r.values.role}</td>
                    <td>{r.values.format}</td>
                    <td>
                      {r.values.start_year}–{r.values.end_year || "present"}
                    </td>
                    <td>{r.values.episodes}</td>
                    <td>
                      {r.valid ? (
                        r.duplicate ? (
                          <span className="muted">Already imported</span>
                        ) : (
                          "OK"
                        )
                      ) : (
                        <ul className="field-error small">
                          {r.errors.map((e) => (
                            <li key={e}>{e}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {result.rows.length > PREVIEW_LIMIT && (
            <p className="muted small">
              Showing rows with errors first and the first {PREVIEW_LIMIT} rows in total; all {result.rows.length} are checked.
            </p>
          )}
        </section>
      )}

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
