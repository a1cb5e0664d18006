/**
 * Credits: list, add, edit (?edit=<id>), remove and reorder. Works without JavaScript; with it,
 * the show title gets type-ahead suggestions from /api/titles.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CsrfInput } from "../components/csrf";
import { CheckboxGroup, type Errors, ErrorSummary, SelectField, TextField } from "../components/form";
import { MAX_EPISODES, MIN_CREDIT_YEAR, currentUtcYear, roleOptionGroups } from "../domain/profile";
import { FORMATS, GENRES, formatLabel, genreLabel, roleLabel } from "../domain/taxonomy";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { CREDIT_FORM_ARRAYS, addCredit, creditFormValues, deleteCredit, loadOwnProfile, moveCredit, updateCredit } from "../services/profiles.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await loadOwnProfile(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = editId ? profile.credits.find((c) => c.id === editId) : undefined;
  if (editId && !editing) throw notFound("This credit does not exist or is not yours.");
  return {
    currentYear: currentUtcYear(),
    credits: profile.credits.map((c) => ({
      id: c.id,
      showTitle: c.showTitle,
      network: c.network,
      format: c.format,
      genres: c.genres,
      role: c.role,
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      position: c.position,
      verified: Boolean(c.verifiedAt),
    })),
    editing: editing ? { id: editing.id, values: creditFormValues(editing), verified: Boolean(editing.verifiedAt) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const values = formToObject(form, CREDIT_FORM_ARRAYS);
  const actor = { id: user.id, role: user.role, ip: context.ip };
  const creditId = typeof values.creditId === "string" ? values.creditId : "";
  switch (values.intent) {
    case "save": {
      if (creditId) {
        const result = await updateCredit(user.profileId, creditId, values, actor);
        if (!result.ok) {
          if (result.status === 404) throw notFound(result.errors._form?.[0]);
          return invalid(result.errors, values);
        }
        return redirect(`/me/profile/credits?saved=${result.unverified ? "unverified" : "1"}#credit-${creditId}`);
      }
      const result = await addCredit(user.profileId, values, actor);
      if (!result.ok) return invalid(result.errors, values);
      return redirect(`/me/profile/credits?added=1#credit-${result.creditId}`);
    }
    case "delete": {
      const result = await deleteCredit(user.profileId, creditId, actor);
      if (!result.ok) throw notFound(result.errors._form?.[0]);
      return redirect("/me/profile/credits?removed=1");
    }
    case "up":
    case "down": {
      const result = await moveCredit(user.profileId, creditId, values.intent, actor);
      if (!result.ok) throw notFound(result.errors._form?.[0]);
      // Keep keyboard focus on the same button after the reload.
      return redirect(`/me/profile/credits?moved=${values.intent}#credit-${creditId}`);
    }
    default:
      return invalid({ _form: ["Unknown action."] });
  }
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

/** Show-title input with a <datalist> filled from /api/titles as the person types. */
function TitleInput({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const [options, setOptions] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );
  function onInput(value: string) {
    clearTimeout(timer.current);
    if (value.trim().length < 2) return;
    timer.current = setTimeout(async () => {
      controller.current?.abort();
      const ctrl = new AbortController();
      controller.current = ctrl;
      try {
        const res = await fetch(`/api/titles?q=${encodeURIComponent(value)}`, { signal: ctrl.signal, headers: { Accept: "application/json" } });
        if (res.ok) setOptions(((await res.json()) as { titles: string[] }).titles);
      } catch {
        // Suggestions are a convenience; typing still works.
      }
    }, 200);
  }
  return (
    <div className="field">
      <label htmlFor="f-showTitle">Show title</label>
      <input
        id="f-showTitle"
        name="showTitle"
        required
        maxLength={200}
        list="show-titles"
        autoComplete="off"
        defaultValue={defaultValue}
        onChange={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "f-showTitle-error" : undefined}
      />
      <datalist id="show-titles">
        {options.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {error && (
        <p className="field-error" id="f-showTitle-error">
          {error}
        </p>
      )}
    </div>
  );
}

function CreditForm({
  values,
  errors,
  creditId,
  currentYear,
  verified,
}: {
  values: Record<string, unknown>;
  errors: Errors;
  creditId?: string;
  currentYear: number;
  verified?: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  const roleError = errors?.role?.[0];
  const selectedGenres = Array.isArray(values.genres) ? (values.genres as string[]) : [];
  return (
    <Form method="post" className="stack card" noValidate key={creditId ?? "new"}>
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      {creditId && <input type="hidden" name="creditId" value={creditId} />}
      <h2 id="credit-form-h">{creditId ? "Edit credit" : "Add a credit"}</h2>
      {verified && <p className="alert warn small">This credit is verified. Changing the title, role, format, years or episodes removes the verification.</p>}
      <ErrorSummary errors={errors} />
      <TitleInput defaultValue={str(values.showTitle)} error={errors?.showTitle?.[0]} />
      <TextField name="network" label="Network or platform" maxLength={120} defaultValue={str(values.network)} errors={errors} />
      <SelectField
        name="format"
        label="Format"
        required
        includeEmpty="Choose a format"
        defaultValue={str(values.format)}
        options={FORMATS.map((f) => ({ value: f.key, label: f.label }))}
        errors={errors}
      />
      <div className="field">
        <label htmlFor="f-role">Your role</label>
        <span className="hint">Grouped by department; the department is filled in from the role.</span>
        <select
          id="f-role"
          name="role"
          required
          defaultValue={str(values.role)}
          aria-invalid={roleError ? true : undefined}
          aria-describedby={roleError ? "f-role-error" : undefined}
        >
          <option value="">Choose a role</option>
          {roleOptionGroups().map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {roleError && (
          <p className="field-error" id="f-role-error">
            {roleError}
          </p>
        )}
      </div>
      <CheckboxGroup
        name="genres"
        legend="Genres (optional, up to 6)"
        options={GENRES.map((g) => ({ value: g.key, label: g.label }))}
        selected={selectedGenres}
        errors={errors}
      />
      <div className="row">
        <TextField
          name="startYear"
          label="Start year"
          type="number"
          required
          min={MIN_CREDIT_YEAR}
          max={currentYear}
          defaultValue={str(values.startYear)}
          errors={errors}
        />
        <TextField
          name="endYear"
          label="End year"
          type="number"
          min={MIN_CREDIT_YEAR}
          max={currentYear}
          defaultValue={str(values.endYear)}
          errors={errors}
          hint="Leave empty if you are still on the show."
        />
        <TextField
          name="episodes"
          label="Episodes"
          type="number"
          required
          min={1}
          max={MAX_EPISODES}
          defaultValue={str(values.episodes)}
          errors={errors}
          hint="Episodes you worked on."
        />
      </div>
      <p className="row">
        <button type="submit" disabled={busy}>
          {creditId ? "Save changes" : "Add credit"}
        </button>
        {creditId && <Link to="/me/profile/credits">Cancel</Link>}
      </p>
    </Form>
  );
}

const MESSAGES: Record<string, string> = {
  added: "Credit added. Your transfer profile has been updated.",
  saved: "Credit saved. Your transfer profile has been updated.",
  unverified: "Credit saved. Its verification was removed because the facts changed.",
  removed: "Credit removed.",
};

export default function CreditsPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failed = result && !result.ok ? result : null;
  const failedValues = (failed?.values ?? {}) as Record<string, unknown>;
  const failedCreditId = str(failedValues.creditId);
  const editing = data.editing;
  const formCreditId = failed ? failedCreditId || undefined : editing?.id;
  const formValues = failed ? failedValues : (editing?.values ?? {});
  const message = params.get("added")
    ? MESSAGES.added
    : params.get("saved") === "unverified"
      ? MESSAGES.unverified
      : params.get("saved")
        ? MESSAGES.saved
        : params.get("removed")
          ? MESSAGES.removed
          : null;
  const count = data.credits.length;
  return (
    <div className="split">
      {message && (
        <p className="alert ok" role="status">
          {message}
        </p>
      )}
      {failed && !failedValues.intent && <ErrorSummary errors={failed.errors} />}
      <section aria-labelledby="credits-h" className="stack">
        <h2 id="credits-h">Your credits ({count})</h2>
        {count === 0 ? (
          <p className="empty">
            No credits yet. Add one below, or <Link to="/me/profile/import">import a CSV</Link> of your whole career.
          </p>
        ) : (
          <table>
            <caption className="visually-hidden">Your credits, in the order shown on your profile</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Show</th>
                <th scope="col">Role</th>
                <th scope="col">Years</th>
                <th scope="col">Episodes</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.credits.map((c, i) => (
                <tr key={c.id} id={`credit-${c.id}`}>
                  <td>{i + 1}</td>
                  <td>
                    <strong>{c.showTitle}</strong> {c.verified && <span className="pill">Verified</span>}
                    <br />
                    <span className="small muted">
                      {[c.network, formatLabel(c.format), ...c.genres.map(genreLabel)].filter(Boolean).join(" · ")}
                    </span>
                  </td>
                  <td>{roleLabel(c.role)}</td>
                  <td>
                    {c.startYear}–{c.endYear ?? "present"}
                  </td>
                  <td>{c.episodes}</td>
                  <td>
                    <div className="actions row">
                      <Form method="post" className="inline">
                        <CsrfInput />
                        <input type="hidden" name="creditId" value={c.id} />
                        <button type="submit" name="intent" value="up" className="secondary small" disabled={i === 0} aria-label={`Move ${c.showTitle} up`}>
                          ↑
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="down"
                          className="secondary small"
                          disabled={i === count - 1}
                          aria-label={`Move ${c.showTitle} down`}
                        >
                          ↓
                        </button>
                      </Form>
                      <Link to={`/me/profile/credits?edit=${c.id}#credit-form-h`} aria-label={`Edit ${c.showTitle}`}>
                        Edit
                      </Link>
                      <Form
                        method="post"
                        className="inline"
                        onSubmit={(e) => {
                          if (!window.confirm(`Remove ${c.showTitle} (${roleLabel(c.role)})?`)) e.preventDefault();
                        }}
                      >
                        <CsrfInput />
                        <input type="hidden" name="creditId" value={c.id} />
                        <button type="submit" name="intent" value="delete" className="danger small" aria-label={`Remove ${c.showTitle}`}>
                          Remove
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CreditForm
        values={formValues}
        errors={failed?.errors}
        creditId={formCreditId}
        currentYear={data.currentYear}
        verified={!failed && editing?.verified}
      />
    </div>
  );
}
